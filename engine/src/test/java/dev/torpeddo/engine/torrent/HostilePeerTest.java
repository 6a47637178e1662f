package dev.torpeddo.engine.torrent;

import static dev.torpeddo.engine.torrent.TestSwarm.addressOf;
import static dev.torpeddo.engine.torrent.TestSwarm.assertSameFiles;
import static dev.torpeddo.engine.torrent.TestSwarm.awaitComplete;
import static dev.torpeddo.engine.torrent.TestSwarm.loopbackConfig;
import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.api.AddTorrent;
import dev.torpeddo.engine.api.TorrentEvent;
import dev.torpeddo.engine.api.TorrentState;
import dev.torpeddo.engine.metainfo.Metainfo;
import dev.torpeddo.engine.session.Session;
import dev.torpeddo.engine.session.TorrentHandle;
import dev.torpeddo.engine.wire.Message;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Peers that break the protocol are disconnected or banned, and the session keeps working for others. */
class HostilePeerTest {
    @TempDir
    Path tmp;

    private Metainfo meta;
    private Session seeder;
    private final List<AutoCloseable> closeMe = new ArrayList<>();

    @BeforeEach
    void startSeeder() throws Exception {
        Path content = TestSwarm.writeContent(tmp.resolve("seed"), "data", 7, 400_000, 123_457);
        meta = TestSwarm.torrentOf(content, 32 * 1024);
        seeder = Session.start(loopbackConfig());
        SwarmTest.awaitState(
                seeder.add(AddTorrent.of(meta, tmp.resolve("seed")).withTrackers(false)), TorrentState.SEEDING);
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closeMe) c.close();
        seeder.close();
    }

    private FakePeer fake(String tag) throws IOException {
        FakePeer p = FakePeer.connect(seeder.listenPort(), meta.infoHash(), tag);
        closeMe.add(p);
        return p;
    }

    /** After each attack an honest leecher must still get every byte from the same seeder. */
    private void assertSeederStillServes(String dir) throws Exception {
        try (Session leecher = Session.start(loopbackConfig())) {
            TorrentHandle h = leecher.add(AddTorrent.of(meta, tmp.resolve(dir))
                    .withPeers(List.of(addressOf(seeder)))
                    .withTrackers(false));
            awaitComplete(h, Duration.ofSeconds(60));
            assertSameFiles(meta, tmp.resolve("seed"), tmp.resolve(dir));
        }
    }

    @Test
    void hugeLengthPrefixGetsThePeerDisconnected() throws Exception {
        FakePeer p = fake("huge");
        p.sendRaw(ByteBuffer.allocate(5).putInt(0xFFFFFFF0).put((byte) 7).array());
        p.assertClosedByRemote();
        assertSeederStillServes("after-huge");
    }

    @Test
    void haveForAPieceThatDoesNotExistGetsThePeerDisconnected() throws Exception {
        FakePeer p = fake("have");
        p.send(new Message.Have(meta.pieceCount() + 5));
        p.assertClosedByRemote();
        assertSeederStillServes("after-have");
    }

    @Test
    void requestPastTheEndOfAPieceGetsThePeerDisconnected() throws Exception {
        FakePeer p = fake("req");
        p.send(new Message.Interested());
        p.send(new Message.Request(meta.pieceCount() - 1, meta.pieceSize(meta.pieceCount() - 1) - 100, 16384));
        p.assertClosedByRemote();
        assertSeederStillServes("after-request");
    }

    @Test
    void bitfieldOfTheWrongSizeGetsThePeerDisconnected() throws Exception {
        FakePeer p = fake("bits");
        p.send(new Message.Bitfield(new byte[meta.pieceCount() / 8 + 5]));
        p.assertClosedByRemote();
    }

    @Test
    void aPeerThatFloodsRequestsButDoesNotReadIsCappedNotBuffered() throws Exception {
        // 1024 distinct blocks, so repeated requests are not simply duplicates of queued ones.
        Path content = TestSwarm.writeContent(tmp.resolve("big"), "big", 9, 16 << 20);
        Metainfo big = TestSwarm.torrentOf(content, 256 * 1024);
        SwarmTest.awaitState(
                seeder.add(AddTorrent.of(big, tmp.resolve("big")).withTrackers(false)), TorrentState.SEEDING);
        FakePeer p = FakePeer.connect(seeder.listenPort(), big.infoHash(), "flood");
        closeMe.add(p);
        p.send(new Message.Interested());
        for (Message m = p.read(); !(m instanceof Message.Unchoke); m = p.read())
            assertThat(m).isNotNull();
        int blocksPerPiece = 256 * 1024 / 16384;
        int requests = 5000;
        for (int i = 0; i < requests; i++) {
            int block = i % (big.pieceCount() * blocksPerPiece);
            p.send(new Message.Request(block / blocksPerPiece, (block % blocksPerPiece) * 16384, 16384));
        }
        // Only now start reading: 80 MB were asked for; the seeder must have refused most of it.
        int pieces = 0, rejects = 0;
        for (Message m = p.readWithin(Duration.ofSeconds(2)); m != null; m = p.readWithin(Duration.ofSeconds(2))) {
            if (m instanceof Message.Piece) pieces++;
            if (m instanceof Message.Reject) rejects++;
        }
        assertThat(rejects)
                .as("requests beyond what the seeder will buffer are rejected")
                .isPositive();
        assertThat(pieces).isPositive().isLessThanOrEqualTo(requests - rejects);
        assertThat((long) pieces * 16384)
                .as("served while the peer was not reading")
                .isLessThan(40L << 20);
        assertSeederStillServes("after-flood");
    }

    @Test
    void aPeerSendingCorruptBlocksIsBannedAndTheDownloadStillCompletes() throws Exception {
        try (ServerSocket liarSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                Session leecher = Session.start(loopbackConfig())) {
            Thread liar = Thread.ofVirtual().start(() -> serveGarbage(liarSocket));
            var events = new CopyOnWriteArrayList<TorrentEvent>();
            leecher.addListener(events::add);
            var liarAddress = new InetSocketAddress(InetAddress.getLoopbackAddress(), liarSocket.getLocalPort());
            // The liar comes first and alone, so that it surely gets to send its garbage; the honest seeder
            // is added once a piece has failed.
            TorrentHandle h = leecher.add(AddTorrent.of(meta, tmp.resolve("dl"))
                    .withPeers(List.of(liarAddress))
                    .withTrackers(false));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (h.status().transfer().failedBytes() == 0 && System.nanoTime() < deadline) Thread.sleep(20);
            h.connectPeer(addressOf(seeder));
            awaitComplete(h, Duration.ofSeconds(60));
            assertSameFiles(meta, tmp.resolve("seed"), tmp.resolve("dl"));
            assertThat(h.status().transfer().failedBytes()).isPositive();
            assertThat(events)
                    .anyMatch(e ->
                            e instanceof TorrentEvent.PeerBanned b && b.peer().getPort() == liarAddress.getPort());
            assertThat(events)
                    .noneMatch(e ->
                            e instanceof TorrentEvent.PeerBanned b && b.peer().getPort() == seeder.listenPort());
            liar.interrupt();
        }
    }

    /** Claims every piece and answers every request with zeros, reconnecting as often as it is let in. */
    private void serveGarbage(ServerSocket server) {
        while (!server.isClosed()) {
            try (FakePeer p = FakePeer.accept(server, "liar")) {
                p.send(new Message.HaveAll());
                p.send(new Message.Unchoke());
                Message m;
                while ((m = p.read()) != null) {
                    if (m instanceof Message.Request r)
                        p.send(new Message.Piece(r.piece(), r.offset(), new byte[r.length()]));
                }
            } catch (IOException e) {
                // the leecher hung up on us, as it should; wait for another try
            }
        }
    }
}
