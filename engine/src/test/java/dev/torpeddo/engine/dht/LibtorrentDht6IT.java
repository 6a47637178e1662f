package dev.torpeddo.engine.dht;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.metainfo.InfoHash;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our DHT node in a small network of real libtorrent 2.0 nodes on [::1]: the IPv6 DHT (BEP 32), with its
 * "nodes6" replies and 18-byte peers.
 */
class LibtorrentDht6IT {
    private static final InfoHash SEEDED_BY_LIBTORRENT = InfoHash.ofHex("6666666666666666666666666666666666660001");
    private static final InfoHash ANNOUNCED_BY_US = InfoHash.ofHex("6666666666666666666666666666666666660002");
    private static final int OUR_PEER_PORT = 45679;
    private static final InetAddress LOOPBACK6 = loopback6();

    private static LibtorrentDhtProcess libtorrent;
    private static DhtNode node;

    @BeforeAll
    static void joinTheLibtorrentNetwork() throws Exception {
        libtorrent = LibtorrentDhtProcess.start(4, true);
        node = new DhtNode(DhtConfig.of(new InetSocketAddress(LOOPBACK6, 0))
                .withRateLimits(TestSwarm.LOOPBACK_LIMITS)
                .withQueryTimeout(Duration.ofSeconds(2))
                .withBootstrap(List.of(
                        new InetSocketAddress(LOOPBACK6, libtorrent.ports().getFirst()))));
        node.start();
        assertThat(node.families()).containsExactly(AddressFamily.IPV6);
        assertThat(node.bootstrap().get())
                .as("libtorrent nodes in our routing table")
                .isEqualTo(4);
        assertThat(node.routingTableSize(AddressFamily.IPV6)).isEqualTo(4);
    }

    @AfterAll
    static void stop() {
        if (node != null) node.close();
        if (libtorrent != null) libtorrent.close();
    }

    @Test
    void weFindAPeerThatLibtorrentAnnouncedOverIpv6() throws Exception {
        libtorrent.seed(1, SEEDED_BY_LIBTORRENT.hex());
        InetSocketAddress seeder =
                new InetSocketAddress(LOOPBACK6, libtorrent.ports().get(1));

        List<InetSocketAddress> found =
                retry(() -> node.getPeers(SEEDED_BY_LIBTORRENT).get(), p -> p.contains(seeder));
        assertThat(found).contains(seeder);
    }

    @Test
    void libtorrentFindsThePeerWeAnnouncedOverIpv6() throws Exception {
        int accepted = node.announce(ANNOUNCED_BY_US, OUR_PEER_PORT).get();
        assertThat(accepted).as("libtorrent nodes that accepted our announce").isGreaterThanOrEqualTo(1);

        List<String> found =
                retry(() -> libtorrent.getPeers(2, ANNOUNCED_BY_US.hex(), 5), p -> p.contains("::1:" + OUR_PEER_PORT));
        assertThat(found).contains("::1:" + OUR_PEER_PORT);
    }

    private static InetAddress loopback6() {
        try {
            return Inet6Address.getByName("::1");
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** Up to 20 tries of {@code attempt}; returns the first result that satisfies {@code done}, else the last. */
    private static <T> T retry(Callable<T> attempt, Predicate<T> done) throws Exception {
        T last = null;
        for (int i = 0; i < 20; i++) {
            last = attempt.call();
            if (done.test(last)) return last;
            Thread.sleep(1000);
        }
        return last;
    }
}
