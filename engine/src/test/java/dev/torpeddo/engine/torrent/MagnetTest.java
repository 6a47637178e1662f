package dev.torpeddo.engine.torrent;

import static dev.torpeddo.engine.torrent.TestSwarm.addressOf;
import static dev.torpeddo.engine.torrent.TestSwarm.assertSameFiles;
import static dev.torpeddo.engine.torrent.TestSwarm.awaitComplete;
import static dev.torpeddo.engine.torrent.TestSwarm.loopbackConfig;
import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.api.AddMagnet;
import dev.torpeddo.engine.api.AddTorrent;
import dev.torpeddo.engine.api.TorrentEvent;
import dev.torpeddo.engine.api.TorrentState;
import dev.torpeddo.engine.magnet.MagnetLink;
import dev.torpeddo.engine.magnet.MagnetParser;
import dev.torpeddo.engine.metainfo.Metainfo;
import dev.torpeddo.engine.metainfo.MetainfoParser;
import dev.torpeddo.engine.session.Session;
import dev.torpeddo.engine.session.TorrentHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Magnet links between Torpeddo sessions: the add returns at once, metadata comes from peers, then data. */
class MagnetTest {
    @TempDir
    Path tmp;

    @Test
    void aMagnetReturnsAtOnceFetchesMetadataFromPeersAndDownloadsEverything() throws Exception {
        Path content = TestSwarm.writeContent(tmp.resolve("seed"), "mag", 31, 900_000, 0, 77_777);
        Metainfo meta = TestSwarm.torrentOf(content, 16 * 1024);
        try (Session seeder = Session.start(loopbackConfig());
                Session leecher = Session.start(loopbackConfig())) {
            SwarmTest.awaitState(
                    seeder.add(AddTorrent.of(meta, tmp.resolve("seed")).with(b -> b.useTrackers(false))),
                    TorrentState.SEEDING);
            var events = new CopyOnWriteArrayList<TorrentEvent>();
            leecher.addListener(events::add);
            MagnetLink magnet =
                    MagnetParser.parse("magnet:?xt=urn:btih:" + meta.infoHash().hex() + "&dn=mag");

            // No peer yet: addMagnet must return at once, with nothing but the magnet's name to show.
            TorrentHandle h =
                    leecher.addMagnet(AddMagnet.of(magnet, tmp.resolve("dl")).with(b -> b.useTrackers(false)));
            assertThat(h.metainfo()).isEmpty();
            assertThat(h.status().name()).isEqualTo("mag");
            h.connectPeer(addressOf(seeder));

            awaitComplete(h, Duration.ofSeconds(60));
            assertSameFiles(meta, tmp.resolve("seed"), tmp.resolve("dl"));
            assertThat(events).anyMatch(e -> e instanceof TorrentEvent.MetadataReceived m && m.fileCount() == 3);
            assertThat(h.metainfo())
                    .hasValueSatisfying(m -> assertThat(m.infoHash()).isEqualTo(meta.infoHash()));
            Metainfo saved = MetainfoParser.parse(h.torrentFile().orElseThrow());
            assertThat(saved.infoHash()).isEqualTo(meta.infoHash());
            assertThat(h.status().progress().metadata()).isEqualTo(1.0);
        }
    }

    @Test
    void aPeerServingWrongMetadataIsDroppedAndTheMagnetStillCompletes() throws Exception {
        Path content = TestSwarm.writeContent(tmp.resolve("seed"), "liar", 33, 250_000);
        Metainfo meta = TestSwarm.torrentOf(content, 16 * 1024);
        try (Session seeder = Session.start(loopbackConfig());
                Session leecher = Session.start(loopbackConfig());
                java.net.ServerSocket liarSocket =
                        new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            SwarmTest.awaitState(
                    seeder.add(AddTorrent.of(meta, tmp.resolve("seed")).with(b -> b.useTrackers(false))),
                    TorrentState.SEEDING);
            Thread.ofVirtual().start(() -> serveWrongMetadata(liarSocket, meta.rawInfo().length));
            var liar = new java.net.InetSocketAddress(
                    java.net.InetAddress.getLoopbackAddress(), liarSocket.getLocalPort());
            TorrentHandle h = leecher.addMagnet(AddMagnet.of(MagnetLink.of(meta.infoHash()), tmp.resolve("dl"))
                    .with(b -> b.peers(List.of(liar, addressOf(seeder))).useTrackers(false)));
            awaitComplete(h, Duration.ofSeconds(60));
            assertSameFiles(meta, tmp.resolve("seed"), tmp.resolve("dl"));
            assertThat(h.metainfo().orElseThrow().infoHash()).isEqualTo(meta.infoHash());
        }
    }

    /** Offers metadata of the right size and answers every request with bytes that do not hash right. */
    private static void serveWrongMetadata(java.net.ServerSocket server, int size) {
        try (FakePeer p = FakePeer.accept(server, "metaliar")) {
            p.send(new dev.torpeddo.engine.wire.Message.Extended(
                    0,
                    new dev.torpeddo.engine.wire.ExtensionHandshake(
                                    java.util.Map.of("ut_metadata", 3), 0, 0, "liar", size)
                            .encode()));
            int theirs = 0;
            dev.torpeddo.engine.wire.Message m;
            while ((m = p.read()) != null) {
                if (!(m instanceof dev.torpeddo.engine.wire.Message.Extended e)) continue;
                if (e.extendedId() == 0) {
                    theirs = dev.torpeddo.engine.wire.ExtensionHandshake.parse(e.payload())
                            .orElseThrow()
                            .extensions()
                            .getOrDefault("ut_metadata", 0);
                } else if (e.extendedId() == 3 && theirs > 0) {
                    var req = (dev.torpeddo.engine.wire.ext.UtMetadataMessage.Request)
                            dev.torpeddo.engine.wire.ext.UtMetadataCodec.decode(e.payload());
                    int len = Math.min(16384, size - req.piece() * 16384);
                    p.send(new dev.torpeddo.engine.wire.Message.Extended(
                            theirs,
                            dev.torpeddo.engine.wire.ext.UtMetadataCodec.encode(
                                    new dev.torpeddo.engine.wire.ext.UtMetadataMessage.Data(
                                            req.piece(), size, new byte[len]))));
                }
            }
        } catch (Exception ignored) {
            // the leecher hung up on the liar, as it should
        }
    }

    @Test
    void stopAfterMetadataPausesWithTheFileListAndNoData() throws Exception {
        Path content = TestSwarm.writeContent(tmp.resolve("seed"), "pick", 32, 300_000, 200_000);
        Metainfo meta = TestSwarm.torrentOf(content, 16 * 1024);
        try (Session seeder = Session.start(loopbackConfig());
                Session leecher = Session.start(loopbackConfig())) {
            SwarmTest.awaitState(
                    seeder.add(AddTorrent.of(meta, tmp.resolve("seed")).with(b -> b.useTrackers(false))),
                    TorrentState.SEEDING);
            TorrentHandle h = leecher.addMagnet(AddMagnet.of(MagnetLink.of(meta.infoHash()), tmp.resolve("dl"))
                    .with(b -> b.peers(List.of(addressOf(seeder)))
                            .useTrackers(false)
                            .stopAfterMetadata(true)));
            SwarmTest.awaitState(h, TorrentState.PAUSED);
            assertThat(h.metainfo()).isPresent();
            assertThat(h.status().transfer().downloaded()).isZero();
            assertThat(h.files()).hasSize(2);
            // The user picks the second file only, then starts it.
            h.setFilePriority(0, 0);
            h.resume();
            awaitComplete(h, Duration.ofSeconds(60));
            assertThat(Files.mismatch(content.resolve("sub/file-1.bin"), tmp.resolve("dl/pick/sub/file-1.bin")))
                    .isEqualTo(-1);
            assertThat(tmp.resolve("dl/pick/file-0.bin")).doesNotExist();
        }
    }
}
