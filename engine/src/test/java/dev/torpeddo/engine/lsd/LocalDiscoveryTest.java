package dev.torpeddo.engine.lsd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.internal.ManualClock;
import dev.torpeddo.engine.metainfo.InfoHash;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LocalDiscoveryTest {
    private static final InfoHash SHARED = InfoHash.ofHex("0123456789abcdef0123456789abcdef01234567");
    private static final InfoHash OTHER = InfoHash.ofHex("fedcba9876543210fedcba9876543210fedcba98");
    private static final InfoHash PRIVATE = InfoHash.ofHex("1111111111111111111111111111111111111111");

    /** One thing a listener was told. */
    record Found(InfoHash infoHash, InetSocketAddress peer) {}

    private final FakeLsdNetwork network = new FakeLsdNetwork();
    private final ManualClock clock = new ManualClock();
    private final List<LocalDiscovery> started = new ArrayList<>();

    @AfterEach
    void stop() throws IOException {
        for (LocalDiscovery d : started) d.close();
    }

    private LocalDiscovery start(FakeLsdNetwork.Member transport, int port, List<Found> found) {
        Predicate<InfoHash> isPrivate = PRIVATE::equals;
        LocalDiscovery d = LocalDiscovery.start(
                transport, port, isPrivate, (hash, peer) -> found.add(new Found(hash, peer)), clock);
        started.add(d);
        return d;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("gave up waiting until " + what);
            Thread.sleep(5);
        }
    }

    private static List<InfoHash> announced(FakeLsdNetwork.Member member) throws LsdException {
        List<InfoHash> all = new ArrayList<>();
        for (byte[] m : member.sent) all.addAll(LsdMessage.parse(m).infoHashes());
        return all;
    }

    private static LsdTransport.Datagram announce(String from, int port, InfoHash... hashes) throws IOException {
        byte[] m = new LsdMessage(LsdGroup.IPV4, port, List.of(hashes), Optional.of("stranger")).encode();
        return new LsdTransport.Datagram(new InetSocketAddress(InetAddress.getByName(from), LsdGroup.PORT), m);
    }

    @Test
    void twoClientsOnTheLinkFindEachOther() throws Exception {
        List<Found> foundByA = new CopyOnWriteArrayList<>();
        List<Found> foundByB = new CopyOnWriteArrayList<>();
        LocalDiscovery a = start(network.join("192.168.1.10"), 6881, foundByA);
        LocalDiscovery b = start(network.join("192.168.1.20"), 7881, foundByB);

        a.add(SHARED);
        a.add(OTHER);
        b.add(SHARED);
        a.tick();
        b.tick();

        await(() -> !foundByA.isEmpty() && !foundByB.isEmpty(), "both have found the other");
        assertThat(foundByB).containsExactly(new Found(SHARED, new InetSocketAddress("192.168.1.10", 6881)));
        assertThat(foundByA)
                .as("B does not have OTHER, so only SHARED")
                .containsExactly(new Found(SHARED, new InetSocketAddress("192.168.1.20", 7881)));
    }

    @Test
    void ourOwnMessagesComingBackAreIgnored() throws Exception {
        List<Found> found = new CopyOnWriteArrayList<>();
        LocalDiscovery d = start(network.join("192.168.1.10"), 6881, found);

        d.add(SHARED);
        d.tick();

        await(() -> d.stats().received() == 1, "our announce has looped back");
        assertThat(d.stats().ownIgnored()).isEqualTo(1);
        assertThat(found).isEmpty();
    }

    @Test
    void aTorrentIsAnnouncedWhenAddedThenAtMostOncePerFiveMinutes() throws Exception {
        FakeLsdNetwork.Member transport = network.join("192.168.1.10");
        LocalDiscovery d = start(transport, 6881, new CopyOnWriteArrayList<>());

        d.add(SHARED);
        d.tick();
        assertThat(announced(transport)).containsExactly(SHARED);

        clock.advance(Duration.ofMinutes(2));
        d.add(OTHER);
        d.add(SHARED); // already there: no new announce
        d.tick();
        assertThat(announced(transport)).containsExactly(SHARED, OTHER);

        clock.advance(Duration.ofMinutes(3).minusSeconds(1));
        d.tick();
        assertThat(transport.sent).hasSize(2);

        clock.advance(Duration.ofSeconds(1));
        d.tick();
        assertThat(announced(transport)).containsExactly(SHARED, OTHER, SHARED);

        clock.advance(Duration.ofMinutes(2));
        d.tick();
        assertThat(announced(transport)).containsExactly(SHARED, OTHER, SHARED, OTHER);
        LsdMessage last = LsdMessage.parse(transport.sent.getLast());
        assertThat(last.port()).isEqualTo(6881);
        assertThat(last.group()).isEqualTo(LsdGroup.IPV4);
    }

    @Test
    void torrentsDueTogetherShareMessages() throws Exception {
        FakeLsdNetwork.Member transport = network.join("192.168.1.10");
        LocalDiscovery d = start(transport, 6881, new CopyOnWriteArrayList<>());
        List<InfoHash> many = new ArrayList<>();
        for (int i = 0; i < 60; i++) many.add(InfoHash.ofHex("%040x".formatted(i + 100)));

        many.forEach(d::add);
        d.tick();

        assertThat(transport.sent).hasSize(3);
        assertThat(announced(transport)).containsExactlyInAnyOrderElementsOf(many);
        assertThat(transport.sent).allMatch(m -> m.length <= LsdMessage.MAX_BYTES);
    }

    @Test
    void aRemovedTorrentIsNoLongerAnnouncedNorReported() throws Exception {
        FakeLsdNetwork.Member transport = network.join("192.168.1.10");
        List<Found> found = new CopyOnWriteArrayList<>();
        LocalDiscovery d = start(transport, 6881, found);
        d.add(SHARED);
        d.tick();

        d.remove(SHARED);
        clock.advance(Duration.ofMinutes(10));
        d.tick();
        transport.deliver(announce("192.168.1.30", 5000, SHARED));

        await(() -> d.stats().received() == 2, "our own announce and the stranger's are handled");
        assertThat(transport.sent).hasSize(1);
        assertThat(found).isEmpty();
    }

    @Test
    void privateTorrentsAreNeverAnnouncedNorReported() throws Exception {
        FakeLsdNetwork.Member transport = network.join("192.168.1.10");
        List<Found> found = new CopyOnWriteArrayList<>();
        LocalDiscovery d = start(transport, 6881, found);

        d.add(PRIVATE);
        d.tick();
        clock.advance(Duration.ofMinutes(10));
        d.tick();
        transport.deliver(announce("192.168.1.30", 5000, PRIVATE));

        await(() -> d.stats().received() == 1, "the stranger's announce is handled");
        assertThat(transport.sent).isEmpty();
        assertThat(found).isEmpty();
    }

    @Test
    void eachSourceMayOnlySendABurstThenOneMessagePerRefill() throws Exception {
        FakeLsdNetwork.Member transport = network.join("192.168.1.10");
        List<Found> found = new CopyOnWriteArrayList<>();
        LocalDiscovery d = start(transport, 6881, found);
        d.add(SHARED);
        d.tick();
        await(() -> d.stats().ownIgnored() == 1, "our own announce is back");

        for (int i = 0; i < 30; i++) transport.deliver(announce("192.168.1.66", 5000 + i, SHARED));
        transport.deliver(announce("192.168.1.77", 6000, SHARED));
        await(() -> d.stats().received() == 32, "the flood is handled");

        assertThat(found).hasSize(LocalDiscovery.BURST + 1);
        assertThat(found).contains(new Found(SHARED, new InetSocketAddress("192.168.1.77", 6000)));
        assertThat(d.stats().rateLimited()).isEqualTo(30 - LocalDiscovery.BURST);

        clock.advance(LocalDiscovery.REFILL.minusMillis(1));
        transport.deliver(announce("192.168.1.66", 7000, SHARED));
        await(() -> d.stats().received() == 33, "the next one is handled");
        assertThat(found).hasSize(LocalDiscovery.BURST + 1);

        clock.advance(Duration.ofMillis(1));
        transport.deliver(announce("192.168.1.66", 7001, SHARED));
        await(() -> d.stats().received() == 34, "the one after is handled");
        assertThat(found)
                .hasSize(LocalDiscovery.BURST + 2)
                .last()
                .isEqualTo(new Found(SHARED, new InetSocketAddress("192.168.1.66", 7001)));
    }

    @Test
    void garbageIsCountedAndChangesNothing() throws Exception {
        FakeLsdNetwork.Member transport = network.join("192.168.1.10");
        List<Found> found = new CopyOnWriteArrayList<>();
        LocalDiscovery d = start(transport, 6881, found);
        d.add(SHARED);
        d.tick();
        await(() -> d.stats().ownIgnored() == 1, "our own announce is back");
        InetSocketAddress from = new InetSocketAddress(InetAddress.getByName("192.168.1.30"), LsdGroup.PORT);

        transport.deliver(new LsdTransport.Datagram(from, new byte[0]));
        transport.deliver(new LsdTransport.Datagram(from, "d1:y1:qe".getBytes(StandardCharsets.US_ASCII)));
        transport.deliver(new LsdTransport.Datagram(from, new byte[5000]));
        transport.deliver(announce("192.168.1.30", 5000, SHARED));

        await(() -> d.stats().received() == 5, "all four are handled");
        assertThat(d.stats().malformed()).isEqualTo(3);
        assertThat(found).containsExactly(new Found(SHARED, new InetSocketAddress("192.168.1.30", 5000)));
    }

    @Test
    void theRateLimiterRemembersABoundedNumberOfSources() throws Exception {
        SourceRateLimiter limiter = new SourceRateLimiter(clock, 2, Duration.ofSeconds(10), 8);
        for (int i = 0; i < 1000; i++) {
            assertThat(limiter.allow(InetAddress.getByAddress(new byte[] {10, 0, (byte) (i >> 8), (byte) i})))
                    .isTrue();
        }
        assertThat(limiter.trackedSources()).isEqualTo(8);
        InetAddress a = InetAddress.getByName("10.9.9.9");
        assertThat(limiter.allow(a)).isTrue();
        assertThat(limiter.allow(a)).isTrue();
        assertThat(limiter.allow(a)).isFalse();
    }
}
