package dev.torpeddo.engine.lsd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.internal.ManualClock;
import dev.torpeddo.engine.internal.Randomness;
import dev.torpeddo.engine.internal.Threads;
import dev.torpeddo.engine.metainfo.InfoHash;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Both BEP 14 groups at once. Real IPv6 multicast cannot be tried here (loopback has no IPv6 multicast route:
 * joining ff15::efc0:988f on lo fails with "Network is unreachable"), so the groups are in-memory fakes; the
 * IPv4 group over real loopback multicast is covered by {@code MulticastLsdTransportTest}.
 */
class LocalDiscoveriesTest {
    private static final InfoHash SHARED = InfoHash.ofHex("0123456789abcdef0123456789abcdef01234567");

    record Found(InfoHash infoHash, InetSocketAddress peer) {}

    private final FakeLsdNetwork v4 = new FakeLsdNetwork(LsdGroup.IPV4);
    private final FakeLsdNetwork v6 = new FakeLsdNetwork(LsdGroup.IPV6);
    private final ManualClock clock = new ManualClock();
    private final List<AutoCloseable> started = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : started) c.close();
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("gave up waiting until " + what);
            Thread.sleep(5);
        }
    }

    @Test
    void aTorrentIsAnnouncedToBothGroupsEachWithItsOwnHostHeader() throws Exception {
        FakeLsdNetwork.Member on4 = v4.join("192.168.1.10");
        FakeLsdNetwork.Member on6 = v6.join("fe80::10");
        LocalDiscoveries both = LocalDiscoveries.start(
                List.of(on4, on6), 6881, h -> false, (h, p) -> {}, clock, Threads.SYSTEM, Randomness.SYSTEM);
        started.add(both);

        both.add(SHARED);
        for (LocalDiscovery d : both.each()) d.tick();

        assertThat(on4.sent).hasSize(1);
        assertThat(on6.sent).hasSize(1);
        LsdMessage over6 = LsdMessage.parse(on6.sent.getFirst());
        assertThat(over6.group()).isEqualTo(LsdGroup.IPV6);
        assertThat(new String(on6.sent.getFirst(), java.nio.charset.StandardCharsets.US_ASCII))
                .contains("Host: [ff15::efc0:988f]:6771\r\n");
        assertThat(over6.infoHashes()).containsExactly(SHARED);
        assertThat(over6.port()).isEqualTo(6881);
        assertThat(LsdMessage.parse(on4.sent.getFirst()).group()).isEqualTo(LsdGroup.IPV4);
    }

    @Test
    void aPeerAnnouncingOnTheIpv6GroupIsFoundAtItsIpv6Address() throws Exception {
        FakeLsdNetwork.Member on4 = v4.join("192.168.1.10");
        FakeLsdNetwork.Member on6 = v6.join("fe80::10");
        List<Found> found = new CopyOnWriteArrayList<>();
        LocalDiscoveries ours = LocalDiscoveries.start(
                List.of(on4, on6),
                6881,
                h -> false,
                (h, p) -> found.add(new Found(h, p)),
                clock,
                Threads.SYSTEM,
                Randomness.SYSTEM);
        started.add(ours);
        ours.add(SHARED);

        // A peer on the link that speaks only IPv6.
        LocalDiscovery theirs = LocalDiscovery.start(v6.join("fe80::20"), 7881, h -> false, (h, p) -> {}, clock);
        started.add(theirs);
        theirs.add(SHARED);
        theirs.tick();

        await(() -> !found.isEmpty(), "the IPv6 peer is found");
        assertThat(found)
                .containsExactly(new Found(SHARED, new InetSocketAddress(InetAddress.ofLiteral("fe80::20"), 7881)));

        ours.remove(SHARED);
        theirs.tick(); // not due again for five minutes: nothing new is sent, nothing new is found
        clock.advance(LocalDiscovery.ANNOUNCE_INTERVAL);
        theirs.tick();
        await(() -> ours.each().get(1).stats().received() >= 2, "the second announce has arrived");
        assertThat(found).as("a removed torrent's peers are not reported").hasSize(1);
    }
}
