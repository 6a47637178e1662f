package dev.torpeddo.backend.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.metainfo.Metainfo;
import dev.torpeddo.engine.metainfo.MetainfoParser;
import dev.torpeddo.engine.metainfo.TorrentBuilder;
import dev.torpeddo.engine.tracker.OpentrackerProcess;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Magnet links between the torpeddo program and libtorrent 2.0, on loopback, without any .torrent file. */
class MagnetInteropIT {
    @TempDir
    Path tmp;

    @BeforeAll
    static void requireClients() throws Exception {
        Tools.requireLibtorrentAndOpentracker();
    }

    private Metainfo seedContent(String name, long seed) throws Exception {
        Path content = InteropFiles.multiFile(tmp.resolve("seed"), name, seed);
        byte[] torrent = TorrentBuilder.from(content).pieceLength(32 * 1024).build();
        Files.write(tmp.resolve(name + ".torrent"), torrent);
        return MetainfoParser.parse(torrent);
    }

    private void downloadMagnet(String magnet, Metainfo meta) throws Exception {
        try (ExternalProcess torpeddo = ExternalProcess.start(
                "torpeddo",
                tmp,
                Tools.torpeddo(
                        "download",
                        magnet,
                        "--dir",
                        tmp.resolve("dl").toString(),
                        "--port",
                        "0",
                        "--save-torrent",
                        tmp.resolve("saved.torrent").toString()))) {
            torpeddo.awaitSuccess(Duration.ofMinutes(2));
            assertThat(torpeddo.output()).contains("metadata: " + meta.name());
        }
        InteropFiles.assertSameContent(meta, tmp.resolve("seed"), tmp.resolve("dl"));
    }

    @Test
    void magnetWithOnlyAPeerAddressFetchesMetadataFromLibtorrentAndDownloads() throws Exception {
        Metainfo meta = seedContent("xpe", 21);
        int seedPort = Tools.freePort();
        try (ExternalProcess seeder = ExternalProcess.start(
                "libtorrent-seed",
                tmp,
                Tools.ltPeer(
                        "seed",
                        tmp.resolve("xpe.torrent").toString(),
                        tmp.resolve("seed").toString(),
                        "--port",
                        "" + seedPort))) {
            seeder.awaitLine(l -> l.contains("\"ready\""), Duration.ofSeconds(60));
            downloadMagnet("magnet:?xt=urn:btih:" + meta.infoHash().hex() + "&x.pe=127.0.0.1:" + seedPort, meta);
        }
        // --save-torrent wrote a .torrent with the same info-hash as the original.
        assertThat(MetainfoParser.parse(Files.readAllBytes(tmp.resolve("saved.torrent")))
                        .infoHash())
                .isEqualTo(meta.infoHash());
    }

    @Test
    void magnetWithOnlyATrackerFindsTheLibtorrentSeederThroughOpentracker() throws Exception {
        Path content = InteropFiles.multiFile(tmp.resolve("seed"), "trk", 22);
        Metainfo probe = MetainfoParser.parse(
                TorrentBuilder.from(content).pieceLength(32 * 1024).build());
        try (OpentrackerProcess tracker = OpentrackerProcess.start(probe.infoHash())) {
            byte[] torrent = TorrentBuilder.from(content)
                    .pieceLength(32 * 1024)
                    .tracker(tracker.announceUrl())
                    .build();
            Files.write(tmp.resolve("trk.torrent"), torrent);
            try (ExternalProcess seeder = ExternalProcess.start(
                    "libtorrent-seed",
                    tmp,
                    Tools.ltPeer(
                            "seed",
                            tmp.resolve("trk.torrent").toString(),
                            tmp.resolve("seed").toString(),
                            "--port",
                            "" + Tools.freePort()))) {
                seeder.awaitLine(l -> l.contains("\"ready\""), Duration.ofSeconds(60));
                String tr = URLEncoder.encode(tracker.announceUrl().toString(), StandardCharsets.UTF_8);
                downloadMagnet("magnet:?xt=urn:btih:" + probe.infoHash().hex() + "&dn=trk&tr=" + tr, probe);
            }
        }
    }

    @Test
    void libtorrentFetchesMetadataFromATorpeddoSeederByMagnet() throws Exception {
        Metainfo meta = seedContent("rev", 23);
        int seedPort = Tools.freePort();
        try (ExternalProcess torpeddo = ExternalProcess.start(
                "torpeddo-seed",
                tmp,
                Tools.torpeddo(
                        "seed",
                        tmp.resolve("rev.torrent").toString(),
                        "--dir",
                        tmp.resolve("seed").toString(),
                        "--port",
                        "" + seedPort))) {
            torpeddo.awaitLine(l -> l.startsWith("seeding 100.0%"), Duration.ofSeconds(60));
            try (ExternalProcess leecher = ExternalProcess.start(
                    "libtorrent-leech",
                    tmp,
                    Tools.ltPeer(
                            "leech",
                            "magnet:?xt=urn:btih:" + meta.infoHash().hex(),
                            tmp.resolve("dl").toString(),
                            "--port",
                            "" + Tools.freePort(),
                            "--peer",
                            "127.0.0.1:" + seedPort,
                            "--timeout",
                            "90"))) {
                leecher.awaitSuccess(Duration.ofMinutes(2));
            }
        }
        InteropFiles.assertSameContent(meta, tmp.resolve("seed"), tmp.resolve("dl"));
    }
}
