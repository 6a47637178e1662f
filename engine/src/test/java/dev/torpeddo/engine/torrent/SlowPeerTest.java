package dev.torpeddo.engine.torrent;

import static dev.torpeddo.engine.torrent.TestSwarm.addressOf;
import static dev.torpeddo.engine.torrent.TestSwarm.assertSameFiles;
import static dev.torpeddo.engine.torrent.TestSwarm.awaitComplete;
import static dev.torpeddo.engine.torrent.TestSwarm.loopbackConfig;
import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.api.AddMagnet;
import dev.torpeddo.engine.api.AddTorrent;
import dev.torpeddo.engine.api.Encryption;
import dev.torpeddo.engine.api.SessionConfig;
import dev.torpeddo.engine.api.TorrentState;
import dev.torpeddo.engine.magnet.MagnetLink;
import dev.torpeddo.engine.metainfo.Metainfo;
import dev.torpeddo.engine.session.Session;
import dev.torpeddo.engine.session.TorrentHandle;
import dev.torpeddo.engine.wire.Handshake;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Peers that send their handshake a byte a second (slow-loris) must neither stall a download from an honest
 * seeder nor hold a connection attempt, ours or theirs, past the handshake deadline.
 */
class SlowPeerTest {
    @TempDir
    Path tmp;

    private Metainfo meta;
    private Session seeder;
    private final List<SlowLorisPeer> slow = new ArrayList<>();

    @BeforeEach
    void startSeeder() throws Exception {
        Path content = TestSwarm.writeContent(tmp.resolve("seed"), "data", 11, 400_000, 123_457);
        meta = TestSwarm.torrentOf(content, 32 * 1024);
        seeder = Session.start(loopbackConfig());
        SwarmTest.awaitState(
                seeder.add(AddTorrent.of(meta, tmp.resolve("seed")).with(b -> b.useTrackers(false))),
                TorrentState.SEEDING);
    }

    @AfterEach
    void stop() throws Exception {
        for (SlowLorisPeer p : slow) p.close();
        seeder.close();
    }

    /** {@code count} slow-loris peers, then the honest seeder, in the order a download is told of them. */
    private List<InetSocketAddress> slowPeersThenTheSeeder(int count) throws Exception {
        List<InetSocketAddress> peers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            SlowLorisPeer p = SlowLorisPeer.start("slow" + i);
            slow.add(p);
            peers.add(p.address());
        }
        peers.add(addressOf(seeder));
        return peers;
    }

    /**
     * The download completed while no slow peer had finished its handshake, so it did not wait for one; then
     * every dial to a slow peer is dropped mid-handshake, once the deadline has passed.
     */
    private void assertCompletedWithoutWaitingAndSlowDialsDropped(TorrentHandle h, String dir) throws Exception {
        awaitComplete(h, Duration.ofSeconds(60));
        assertThat(slow)
                .as("slow peers that had finished their handshake when the download completed")
                .allSatisfy(p -> assertThat(p.handshakesSent()).isZero());
        assertSameFiles(meta, tmp.resolve("seed"), tmp.resolve(dir));
        await(
                () -> slow.stream()
                        .allMatch(p -> p.accepted() > 0 && p.droppedAfterBytes().size() == p.accepted()),
                Duration.ofSeconds(40),
                "every slow peer dialled and dropped");
        for (SlowLorisPeer p : slow) {
            // At a byte a second: held a moment (not refused at once), but dropped long before the 68th byte.
            assertThat(p.droppedAfterBytes())
                    .as("bytes each dial had received when it was dropped")
                    .allSatisfy(n -> assertThat(n).isBetween(2, Handshake.LENGTH - 1));
        }
    }

    @Test
    void eightSlowLorisPeersListedBeforeAnHonestSeederDoNotStallTheDownload() throws Exception {
        List<InetSocketAddress> peers = slowPeersThenTheSeeder(8);
        try (Session leecher = Session.start(plainOnly())) {
            TorrentHandle h = leecher.add(AddTorrent.of(meta, tmp.resolve("dl"))
                    .with(b -> b.peers(peers).useTrackers(false)));
            assertCompletedWithoutWaitingAndSlowDialsDropped(h, "dl");
        }
    }

    @Test
    void moreSlowLorisPeersThanDialSlotsDoNotStallTheDownloadEither() throws Exception {
        List<InetSocketAddress> peers = slowPeersThenTheSeeder(PeerDialer.MAX_FRESH_DIALS + 8);
        try (Session leecher = Session.start(plainOnly())) {
            TorrentHandle h = leecher.add(AddTorrent.of(meta, tmp.resolve("dl"))
                    .with(b -> b.peers(peers).useTrackers(false)));
            assertCompletedWithoutWaitingAndSlowDialsDropped(h, "dl");
        }
    }

    @Test
    void eightSlowLorisPeersListedBeforeAnHonestSeederDoNotStallAMagnetsMetadataFetch() throws Exception {
        List<InetSocketAddress> peers = slowPeersThenTheSeeder(8);
        try (Session leecher = Session.start(plainOnly())) {
            TorrentHandle h = leecher.addMagnet(AddMagnet.of(MagnetLink.of(meta.infoHash()), tmp.resolve("mag"))
                    .with(b -> b.peers(peers).useTrackers(false)));
            assertCompletedWithoutWaitingAndSlowDialsDropped(h, "mag");
        }
    }

    @Test
    void anIncomingPeerTricklingItsHandshakeIsDroppedAtTheDeadline() throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), seeder.listenPort())) {
            int sent = SlowLorisPeer.trickle(s, SlowLorisPeer.handshakeOf(meta.infoHash(), "slowin"), 40, () -> {});
            assertThat(sent)
                    .as("bytes sent, one a second, when the session hung up (-1: it never did)")
                    .isBetween(2, 39);
        }
    }

    /**
     * The slow-loris peers read a plain handshake and count each connection: an MSE attempt first (refused by
     * them, then retried plain) would count twice. Encrypted dials to stalling peers: PeerConnectorTest.
     */
    private static SessionConfig plainOnly() {
        return loopbackConfig().with(b -> b.encryption(Encryption.DISABLE));
    }

    private static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("not within " + timeout + ": " + what);
            Thread.sleep(50);
        }
    }
}
