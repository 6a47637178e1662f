package dev.torpeddo.engine.dht;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.internal.ManualClock;
import dev.torpeddo.engine.metainfo.InfoHash;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PeerStoreTest {
    private final ManualClock clock = new ManualClock();
    private final Random random = new Random(5);

    private InfoHash hash() {
        byte[] b = new byte[20];
        random.nextBytes(b);
        return new InfoHash(b);
    }

    private static InetSocketAddress peer(int i) {
        return new InetSocketAddress("10.1." + (i >> 8 & 0xff) + "." + (i & 0xff), 6881);
    }

    @Test
    void announcedPeersAreReturnedUntilTheyExpire() {
        PeerStore store = new PeerStore(clock);
        InfoHash h = hash();
        store.announce(h, peer(1));
        clock.advance(Duration.ofMinutes(20));
        store.announce(h, peer(2));
        assertThat(store.peers(h, 50)).containsExactlyInAnyOrder(peer(1), peer(2));
        assertThat(store.peers(hash(), 50)).isEmpty();

        clock.advance(Duration.ofMinutes(10));
        assertThat(store.peers(h, 50)).containsExactly(peer(2));
        clock.advance(Duration.ofMinutes(20));
        assertThat(store.peers(h, 50)).isEmpty();
        assertThat(store.torrentCount()).isZero();
    }

    @Test
    void reannouncingKeepsAPeerAlive() {
        PeerStore store = new PeerStore(clock);
        InfoHash h = hash();
        store.announce(h, peer(1));
        clock.advance(Duration.ofMinutes(25));
        store.announce(h, peer(1));
        clock.advance(Duration.ofMinutes(25));
        assertThat(store.peers(h, 50)).containsExactly(peer(1));
    }

    @Test
    void peersPerTorrentAreCappedAndRepliesSampled() {
        PeerStore store = new PeerStore(clock);
        InfoHash h = hash();
        for (int i = 0; i < 500; i++) store.announce(h, peer(i));
        assertThat(store.peers(h, 1000)).hasSize(100).contains(peer(499)).doesNotContain(peer(0));
        assertThat(store.peers(h, PeerStore.MAX_VALUES)).hasSize(50).doesNotHaveDuplicates();
    }

    @Test
    void torrentsAreCappedDroppingTheLeastRecentlyAnnounced() {
        PeerStore store = new PeerStore(clock, 3, 10);
        InfoHash a = hash(), b = hash(), c = hash(), d = hash();
        store.announce(a, peer(1));
        store.announce(b, peer(1));
        store.announce(c, peer(1));
        store.announce(a, peer(2)); // a is fresh again, so b is the oldest
        store.announce(d, peer(1));
        assertThat(store.torrentCount()).isEqualTo(3);
        assertThat(store.peers(b, 10)).isEmpty();
        assertThat(store.peers(a, 10)).hasSize(2);
    }

    @Test
    void purgeForgetsExpiredTorrents() {
        PeerStore store = new PeerStore(clock);
        for (int i = 0; i < 10; i++) store.announce(hash(), peer(i));
        clock.advance(PeerStore.PEER_TTL);
        store.purgeExpired();
        assertThat(store.torrentCount()).isZero();
    }
}
