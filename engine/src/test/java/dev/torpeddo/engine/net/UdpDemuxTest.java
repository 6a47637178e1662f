package dev.torpeddo.engine.net;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The routing rules, driven directly without sockets. */
class UdpDemuxTest {
    private static final InetSocketAddress TRACKER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 7000);
    private static final InetSocketAddress OTHER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 7001);

    private final List<InetSocketAddress> sentTo = new ArrayList<>();
    private final UdpDemux demux = new UdpDemux((packet, target) -> sentTo.add(target), new UdpDemux.Limits(4, 100, 2));

    private static ByteBuffer connectRequest(int tid) {
        return ByteBuffer.allocate(16)
                .putLong(0x41727101980L)
                .putInt(0)
                .putInt(tid)
                .flip();
    }

    private static ByteBuffer reply(int action, int tid) {
        return ByteBuffer.allocate(16).putInt(action).putInt(tid).putLong(42).flip();
    }

    @Test
    void aTrackerReplyReachesTheExchangeThatSentItsTransactionId() throws Exception {
        UdpEndpoint endpoint = demux.trackerEndpoints().open();
        endpoint.send(connectRequest(0x1234), TRACKER);

        demux.route(TRACKER, reply(0, 0x1234));

        Optional<UdpEndpoint.Datagram> got = endpoint.receive(Duration.ZERO);
        assertThat(got).hasValueSatisfying(d -> {
            assertThat(d.source()).isEqualTo(TRACKER);
            assertThat(ByteBuffer.wrap(d.data()).getInt(4)).isEqualTo(0x1234);
        });
        assertThat(sentTo).containsExactly(TRACKER);
        assertThat(demux.stats().trackerReplies()).isEqualTo(1);
    }

    @Test
    void aReplyWithAnotherIdOrFromAnotherAddressIsDropped() throws Exception {
        UdpEndpoint endpoint = demux.trackerEndpoints().open();
        endpoint.send(connectRequest(0x1234), TRACKER);

        demux.route(TRACKER, reply(0, 0x1235));
        demux.route(OTHER, reply(0, 0x1234));

        assertThat(endpoint.receive(Duration.ZERO)).isEmpty();
        assertThat(demux.stats().unmatched()).isEqualTo(2);
    }

    @Test
    void twoExchangesWithTheSameTrackerGetOnlyTheirOwnReplies() throws Exception {
        UdpEndpoint first = demux.trackerEndpoints().open();
        UdpEndpoint second = demux.trackerEndpoints().open();
        first.send(connectRequest(1), TRACKER);
        second.send(connectRequest(2), TRACKER);

        demux.route(TRACKER, reply(3, 2));
        demux.route(TRACKER, reply(0, 1));

        assertThat(first.receive(Duration.ZERO))
                .hasValueSatisfying(d -> assertThat(d.data()[3]).isEqualTo((byte) 0));
        assertThat(second.receive(Duration.ZERO))
                .hasValueSatisfying(d -> assertThat(d.data()[3]).isEqualTo((byte) 3));
        assertThat(first.receive(Duration.ZERO)).isEmpty();
    }

    @Test
    void aClosedExchangeForgetsItsIdsAndLateRepliesAreDropped() throws Exception {
        UdpEndpoint endpoint = demux.trackerEndpoints().open();
        for (int tid = 0; tid < 40; tid++) endpoint.send(connectRequest(tid), TRACKER);
        assertThat(demux.stats().pendingTransactions())
                .as("old retransmission ids are let go")
                .isEqualTo(16);

        endpoint.close();
        demux.route(TRACKER, reply(0, 39));

        assertThat(demux.stats().pendingTransactions()).isZero();
        assertThat(demux.stats().unmatched()).isEqualTo(1);
        assertThatThrownBy(() -> endpoint.receive(Duration.ZERO)).hasMessageContaining("closed");
        assertThatThrownBy(() -> endpoint.send(connectRequest(1), TRACKER)).hasMessageContaining("closed");
    }

    @Test
    void repliesBeyondAnExchangesQueueAreDropped() throws Exception {
        UdpEndpoint endpoint = demux.trackerEndpoints().open();
        endpoint.send(connectRequest(5), TRACKER);

        for (int i = 0; i < 10; i++) demux.route(TRACKER, reply(0, 5));

        assertThat(demux.stats().trackerReplies()).isEqualTo(2);
        assertThat(demux.stats().queueFull()).isEqualTo(8);
    }

    @Test
    void dictionariesWaitForTheDhtWithinTheCountAndByteBounds() {
        ByteBuffer small = ByteBuffer.wrap("d1:y1:qe".getBytes(UTF_8));
        ByteBuffer large = ByteBuffer.wrap(("d1:x90:" + "x".repeat(90) + "e").getBytes(UTF_8));
        demux.route(OTHER, small.duplicate());
        assertThat(demux.stats().unmatched()).as("no DHT yet").isEqualTo(1);

        // A handler that never returns, so everything else waits in the queue.
        var stuck = new java.util.concurrent.CountDownLatch(1);
        demux.onDht((from, packet) -> {
            try {
                stuck.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        for (int i = 0; i < 100_000; i++) demux.route(OTHER, small.duplicate());
        demux.route(OTHER, large.duplicate());

        UdpDemux.Stats stats = demux.stats();
        assertThat(stats.dhtBacklog()).isLessThanOrEqualTo(4);
        assertThat(stats.dhtPackets() + stats.queueFull()).isEqualTo(100_001);
        assertThat(stats.dhtPackets()).isLessThanOrEqualTo(5);
        stuck.countDown();
    }

    @Test
    void aDhtHandlerCanBeSetOnlyOnce() {
        demux.onDht((from, packet) -> {});
        assertThatThrownBy(() -> demux.onDht((from, packet) -> {})).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aClosedDemuxOpensNoMoreExchanges() {
        demux.close();
        assertThatThrownBy(() -> demux.trackerEndpoints().open())
                .isInstanceOf(IOException.class)
                .hasMessage("the shared UDP socket or this exchange was closed");
    }
}
