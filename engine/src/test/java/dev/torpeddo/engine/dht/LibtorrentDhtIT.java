package dev.torpeddo.engine.dht;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.metainfo.InfoHash;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Our DHT node in a small network of real libtorrent 2.0 nodes on 127.0.0.1. */
class LibtorrentDhtIT {
    private static final InfoHash SEEDED_BY_LIBTORRENT = InfoHash.ofHex("1111111111111111111111111111111111110001");
    private static final InfoHash ANNOUNCED_BY_US = InfoHash.ofHex("2222222222222222222222222222222222220002");
    private static final int OUR_PEER_PORT = 45678;

    private static LibtorrentDhtProcess libtorrent;
    private static DhtNode node;

    @BeforeAll
    static void joinTheLibtorrentNetwork() throws Exception {
        libtorrent = LibtorrentDhtProcess.start(4);
        node = new DhtNode(TestSwarm.config()
                .withQueryTimeout(Duration.ofSeconds(2))
                .withBootstrap(List.of(new InetSocketAddress(
                        InetAddress.getLoopbackAddress(), libtorrent.ports().getFirst()))));
        node.start();
        assertThat(node.bootstrap().get())
                .as("libtorrent nodes in our routing table")
                .isEqualTo(4);
    }

    @AfterAll
    static void stop() {
        if (node != null) node.close();
        if (libtorrent != null) libtorrent.close();
    }

    @Test
    void weFindAPeerThatLibtorrentAnnounced() throws Exception {
        libtorrent.seed(1, SEEDED_BY_LIBTORRENT.hex());
        InetSocketAddress seeder = new InetSocketAddress(
                InetAddress.getLoopbackAddress(), libtorrent.ports().get(1));

        // libtorrent announces on its own schedule once the torrent starts, so look until the peer shows up.
        List<InetSocketAddress> found =
                retry(() -> node.getPeers(SEEDED_BY_LIBTORRENT).get(), p -> p.contains(seeder));
        assertThat(found).contains(seeder);
    }

    @Test
    void libtorrentFindsThePeerWeAnnounced() throws Exception {
        int accepted = node.announce(ANNOUNCED_BY_US, OUR_PEER_PORT).get();
        assertThat(accepted).as("libtorrent nodes that accepted our announce").isGreaterThanOrEqualTo(1);

        List<String> found = retry(
                () -> libtorrent.getPeers(2, ANNOUNCED_BY_US.hex(), 5), p -> p.contains("127.0.0.1:" + OUR_PEER_PORT));
        assertThat(found).contains("127.0.0.1:" + OUR_PEER_PORT);
    }

    @Test
    void libtorrentAnswersOurPings() throws Exception {
        for (int port : libtorrent.ports()) {
            assertThat(node.ping(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
                            .get())
                    .isNotNull();
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
