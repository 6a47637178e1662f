package dev.torpeddo.engine.lsd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.internal.Clock;
import dev.torpeddo.engine.metainfo.InfoHash;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Real multicast sockets, kept on the host: the loopback interface only, with a hop limit of 0, on a free port
 * instead of 6771 so that nothing else on the machine hears us.
 */
class MulticastLsdTransportTest {
    private static final InfoHash SHARED = InfoHash.ofHex("0123456789abcdef0123456789abcdef01234567");

    record Found(InfoHash infoHash, InetSocketAddress peer) {}

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose.reversed()) c.close();
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramChannel probe = DatagramChannel.open(StandardProtocolFamily.INET)) {
            return ((InetSocketAddress) probe.bind(new InetSocketAddress(0)).getLocalAddress()).getPort();
        }
    }

    private MulticastLsdTransport openOnLoopback(int port) throws IOException {
        MulticastLsdTransport t = MulticastLsdTransport.open(NetworkInterface.getByName("lo"), LsdGroup.IPV4, port, 0);
        toClose.add(t);
        return t;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("gave up waiting until " + what);
            Thread.sleep(10);
        }
    }

    @Test
    void aMessageSentToTheGroupReachesEveryMemberOnTheHost() throws Exception {
        int port = freeUdpPort();
        MulticastLsdTransport a = openOnLoopback(port);
        MulticastLsdTransport b = openOnLoopback(port);
        byte[] message = new LsdMessage(LsdGroup.IPV4, 6881, List.of(SHARED), Optional.of("a")).encode();

        a.send(message);

        for (MulticastLsdTransport member : List.of(b, a)) {
            Optional<LsdTransport.Datagram> got = member.receive(Duration.ofSeconds(20));
            assertThat(got).hasValueSatisfying(d -> {
                assertThat(d.data()).isEqualTo(message);
                assertThat(d.source().getAddress().isLoopbackAddress()).isTrue();
            });
        }
    }

    @Test
    void anOversizedDatagramStaysOversizedWhenCut() throws Exception {
        int port = freeUdpPort();
        MulticastLsdTransport a = openOnLoopback(port);

        a.send(new byte[3000]);

        Optional<LsdTransport.Datagram> got = a.receive(Duration.ofSeconds(20));
        assertThat(got).hasValueSatisfying(d -> assertThat(d.data()).hasSize(LsdMessage.MAX_BYTES + 1));
    }

    @Test
    void twoClientsFindEachOtherOverLoopbackMulticast() throws Exception {
        int port = freeUdpPort();
        List<Found> foundByA = new CopyOnWriteArrayList<>();
        List<Found> foundByB = new CopyOnWriteArrayList<>();
        LocalDiscovery a = LocalDiscovery.start(
                openOnLoopback(port), 6881, h -> false, (h, peer) -> foundByA.add(new Found(h, peer)), Clock.SYSTEM);
        toClose.add(a);
        LocalDiscovery b = LocalDiscovery.start(
                openOnLoopback(port), 7881, h -> false, (h, peer) -> foundByB.add(new Found(h, peer)), Clock.SYSTEM);
        toClose.add(b);

        a.add(SHARED);
        b.add(SHARED);

        await(
                () -> !foundByA.isEmpty()
                        && !foundByB.isEmpty()
                        && a.stats().ownIgnored() == 1
                        && b.stats().ownIgnored() == 1,
                "both have found the other and heard their own announce");
        InetAddress loopback = InetAddress.getLoopbackAddress();
        assertThat(foundByA).containsExactly(new Found(SHARED, new InetSocketAddress(loopback, 7881)));
        assertThat(foundByB).containsExactly(new Found(SHARED, new InetSocketAddress(loopback, 6881)));
    }
}
