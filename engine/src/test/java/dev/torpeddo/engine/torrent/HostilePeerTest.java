package dev.torpeddo.engine.torrent;

import static dev.torpeddo.engine.torrent.TestSwarm.addressOf;
import static dev.torpeddo.engine.torrent.TestSwarm.assertSameFiles;
import static dev.torpeddo.engine.torrent.TestSwarm.awaitComplete;
import static dev.torpeddo.engine.torrent.TestSwarm.loopbackConfig;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.api.AddTorrent;
import dev.torpeddo.engine.api.TorrentEvent;
import dev.torpeddo.engine.api.TorrentState;
import dev.torpeddo.engine.metainfo.FileEntry;
import dev.torpeddo.engine.metainfo.Metainfo;
import dev.torpeddo.engine.session.Session;
import dev.torpeddo.engine.session.TorrentHandle;
import dev.torpeddo.engine.wire.Message;
import dev.torpeddo.engine.wire.ext.ExtensionIds;
import dev.torpeddo.engine.wire.ext.UtMetadataMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
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
                seeder.add(AddTorrent.of(meta, tmp.resolve("seed")).with(b -> b.useTrackers(false))),
                TorrentState.SEEDING);
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
                    .with(b -> b.peers(List.of(addressOf(seeder))).useTrackers(false)));
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
                seeder.add(AddTorrent.of(big, tmp.resolve("big")).with(b -> b.useTrackers(false))),
                TorrentState.SEEDING);
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
                    .with(b -> b.peers(List.of(liarAddress)).useTrackers(false)));
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

    /** A leecher session with the torrent added and no peers yet, ready to accept the test's peers. */
    private TorrentHandle startLeecher(Session leecher, String dir) throws Exception {
        TorrentHandle h = leecher.add(AddTorrent.of(meta, tmp.resolve(dir)).with(b -> b.useTrackers(false)));
        SwarmTest.awaitState(h, TorrentState.DOWNLOADING);
        return h;
    }

    @Test
    void unrequestedBlocksOfGarbageNeverReachAPieceAndTheirSenderIsDroppedInTheEnd() throws Exception {
        byte[] content = contentOf(meta, tmp.resolve("seed"));
        try (Session leecher = Session.start(loopbackConfig())) {
            var events = new CopyOnWriteArrayList<TorrentEvent>();
            leecher.addListener(events::add);
            TorrentHandle h = startLeecher(leecher, "dl");
            FakePeer liar = FakePeer.connect(leecher.listenPort(), meta.infoHash(), "liar");
            closeMe.add(liar);
            liar.send(new Message.HaveNone()); // nothing to offer: every block it sends is unasked
            FakePeer honest = FakePeer.connect(leecher.listenPort(), meta.infoHash(), "honest");
            closeMe.add(honest);
            honest.send(new Message.HaveAll());
            honest.send(new Message.Unchoke());
            // Every block the leecher asks the honest peer for comes first from the liar, full of garbage,
            // and is handled before the true one is sent: had it joined the piece, the piece would fail.
            int garbage = 0;
            for (Message m = honest.read(); m != null; m = honest.read()) {
                if (!(m instanceof Message.Request r)) continue;
                liar.send(new Message.Piece(r.piece(), r.offset(), garbageOf(r.length())));
                garbage++;
                liar.assertStillConnected();
                long at = (long) r.piece() * meta.pieceLength() + r.offset();
                honest.send(new Message.Piece(
                        r.piece(), r.offset(), Arrays.copyOfRange(content, (int) at, (int) at + r.length())));
            } // the leecher hangs up on the honest seed once it is one too
            awaitComplete(h, Duration.ofSeconds(10));
            assertSameFiles(meta, tmp.resolve("seed"), tmp.resolve("dl"));
            assertThat(garbage).as("blocks of garbage the leecher received").isGreaterThanOrEqualTo(meta.pieceCount());
            assertThat(events).noneMatch(e -> e instanceof TorrentEvent.PieceFailed);
            assertThat(h.status().transfer().failedBytes()).isZero();
            // A few late blocks are normal (after a cancel or a choke); a stream of them is not.
            int sent = garbage;
            try {
                for (; sent < 1000; sent++) liar.send(new Message.Piece(sent % meta.pieceCount(), 0, garbageOf(16384)));
            } catch (IOException closed) {
                // the leecher hung up mid-stream, as it should
            }
            liar.assertClosedByRemote();
            assertThat(sent)
                    .as("unasked blocks sent before the connection broke")
                    .isGreaterThan(200);
        }
    }

    @Test
    void aBlockOutsideTheTorrentsPiecesGetsThePeerDisconnectedWhileTheDownloadCompletes() throws Exception {
        int last = meta.pieceCount() - 1;
        List<Message.Piece> outOfRange = List.of(
                new Message.Piece(meta.pieceCount(), 0, garbageOf(16384)), // no such piece
                new Message.Piece(-1, 0, garbageOf(16384)),
                new Message.Piece(0, meta.pieceLength(), garbageOf(1)), // starts past the end of the piece
                new Message.Piece(0, -16384, garbageOf(16384)),
                new Message.Piece(last, meta.pieceSize(last) - 100, garbageOf(16384))); // runs past the end
        try (Session leecher = Session.start(loopbackConfig())) {
            TorrentHandle h = startLeecher(leecher, "dl");
            List<FakePeer> bad = new ArrayList<>();
            for (int i = 0; i < outOfRange.size(); i++) bad.add(fake(leecher, "range" + i));
            h.connectPeer(addressOf(seeder));
            for (int i = 0; i < outOfRange.size(); i++) {
                FakePeer p = bad.get(i);
                // An unasked block inside the torrent is only counted; the same peer stays connected...
                p.send(new Message.Piece(0, 0, garbageOf(16384)));
                p.assertStillConnected();
                // ...until its block lies outside every piece.
                p.send(outOfRange.get(i));
                p.assertClosedByRemote();
            }
            awaitComplete(h, Duration.ofSeconds(30));
            assertSameFiles(meta, tmp.resolve("seed"), tmp.resolve("dl"));
        }
    }

    @Test
    void aBrokenOrBoastfulExtensionHandshakeGetsThePeerDisconnectedWhileTheDownloadCompletes() throws Exception {
        int max = UtMetadataMessage.MAX_METADATA_SIZE;
        List<byte[]> handshakes = List.of(
                "i42e".getBytes(US_ASCII), // bencode, but not a dictionary
                "d1:md".getBytes(US_ASCII), // a dictionary cut short
                new byte[] {(byte) 0xff, 0, 1, 2},
                handshakeClaiming(max + 1), // more metadata than anyone would fetch
                handshakeClaiming(Integer.MAX_VALUE));
        try (Session leecher = Session.start(loopbackConfig())) {
            TorrentHandle h = startLeecher(leecher, "dl");
            FakePeer fair = fake(leecher, "fair");
            List<FakePeer> bad = new ArrayList<>();
            for (int i = 0; i < handshakes.size(); i++) bad.add(fake(leecher, "ext" + i));
            h.connectPeer(addressOf(seeder));
            // The largest info dictionary we would fetch is still a fair claim.
            fair.send(new Message.Extended(0, handshakeClaiming(max)));
            fair.assertStillConnected();
            for (int i = 0; i < handshakes.size(); i++) {
                bad.get(i).send(new Message.Extended(0, handshakes.get(i)));
                bad.get(i).assertClosedByRemote();
            }
            awaitComplete(h, Duration.ofSeconds(30));
            assertSameFiles(meta, tmp.resolve("seed"), tmp.resolve("dl"));
            fair.assertStillConnected();
        }
    }

    private FakePeer fake(Session session, String tag) throws IOException {
        FakePeer p = FakePeer.connect(session.listenPort(), meta.infoHash(), tag);
        closeMe.add(p);
        return p;
    }

    private static byte[] handshakeClaiming(int metadataSize) {
        return ExtensionIds.handshake(6881, 250, "Fake 1.0", OptionalInt.of(metadataSize))
                .encode();
    }

    /** Not all zeros: a buffer that was never written to must not pass for it by chance. */
    private static byte[] garbageOf(int length) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) 0x5a);
        return b;
    }

    /** The torrent's bytes in order, read from its files under {@code dir}. */
    private static byte[] contentOf(Metainfo meta, Path dir) throws IOException {
        var all = new java.io.ByteArrayOutputStream();
        for (FileEntry f : meta.files()) all.write(Files.readAllBytes(dir.resolve(String.join("/", f.path()))));
        return all.toByteArray();
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
