package dev.torpeddo.engine.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class UdpDemuxPropertyTest {
    private static final InetSocketAddress TRACKER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 7000);

    @Provide
    Arbitrary<List<byte[]>> datagrams() {
        // Biased towards the interesting first bytes: 'd' and the tracker actions' leading zero.
        Arbitrary<byte[]> packet = Arbitraries.bytes().list().ofMaxSize(40).map(list -> {
            byte[] b = new byte[list.size()];
            for (int i = 0; i < b.length; i++) b[i] = list.get(i);
            return b;
        });
        Arbitrary<byte[]> shaped = Arbitraries.oneOf(
                packet,
                packet.map(b -> prefixed(new byte[] {'d'}, b)),
                packet.map(b -> prefixed(new byte[] {0, 0, 0, 1, 0, 0, 0, 7}, b)));
        return shaped.list().ofMaxSize(200);
    }

    private static byte[] prefixed(byte[] prefix, byte[] rest) {
        return ByteBuffer.allocate(prefix.length + rest.length)
                .put(prefix)
                .put(rest)
                .array();
    }

    @Property(tries = 300)
    void everyDatagramIsCountedOnceAndQueuesStayBounded(@ForAll("datagrams") List<byte[]> packets) throws Exception {
        UdpDemux demux = new UdpDemux((p, t) -> {}, new UdpDemux.Limits(3, 64, 2));
        CountDownLatch stuck = new CountDownLatch(1); // the DHT takes one packet and then nothing leaves the queue
        demux.onDht((from, p) -> {
            try {
                stuck.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        UdpEndpoint exchange = demux.trackerEndpoints().open();
        exchange.send(ByteBuffer.allocate(16).putInt(12, 7), TRACKER);

        for (byte[] p : packets) demux.route(TRACKER, ByteBuffer.wrap(p));

        UdpDemux.Stats s = demux.stats();
        assertThat(s.trackerReplies() + s.dhtPackets() + s.unmatched() + s.garbage() + s.queueFull())
                .isEqualTo(packets.size());
        assertThat(s.dhtBacklog()).isLessThanOrEqualTo(3);
        assertThat(s.trackerReplies()).isLessThanOrEqualTo(2);
        int delivered = 0;
        while (exchange.receive(Duration.ZERO).isPresent()) delivered++;
        assertThat(delivered).isEqualTo(s.trackerReplies());
        demux.close();
        stuck.countDown();
    }
}
