package dev.torpeddo.backend.interop;

import dev.torpeddo.engine.metainfo.Metainfo;
import dev.torpeddo.engine.metainfo.MetainfoParser;
import dev.torpeddo.engine.metainfo.TorrentBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * uTP (BEP 29) against libtorrent 2.0 on loopback, both ways, with libtorrent's TCP off in both directions
 * ({@code lt_peer.py --utp-only}), so a transfer that completes went over uTP.
 */
class UtpInteropIT {
    @TempDir
    Path tmp;

    @BeforeAll
    static void requireLibtorrent() throws Exception {
        Tools.requireLibtorrent();
    }

    @Test
    void downloadsFromALibtorrentSeederThatSpeaksOnlyUtp() throws Exception {
        Path content = InteropFiles.multiFile(tmp.resolve("seed"), "set", 21);
        byte[] torrent = TorrentBuilder.from(content).pieceLength(64 * 1024).build();
        Metainfo meta = MetainfoParser.parse(torrent);
        Path file = tmp.resolve("set.torrent");
        Files.write(file, torrent);
        int seedPort = Tools.freePort();
        try (ExternalProcess seeder = ExternalProcess.start(
                "libtorrent-utp-seed",
                tmp,
                Tools.ltPeer(
                        "seed",
                        file.toString(),
                        tmp.resolve("seed").toString(),
                        "--port",
                        "" + seedPort,
                        "--utp-only"))) {
            seeder.awaitLine(l -> l.contains("\"ready\""), Duration.ofSeconds(60));
            try (ExternalProcess torpeddo = ExternalProcess.start(
                    "torpeddo",
                    tmp,
                    Tools.torpeddo(
                            "download",
                            file.toString(),
                            "--dir",
                            tmp.resolve("dl").toString(),
                            "--state-dir",
                            tmp.resolve("state").toString(),
                            "--port",
                            "0",
                            "--no-dht",
                            "--no-lsd",
                            "--peer",
                            "127.0.0.1:" + seedPort))) {
                torpeddo.awaitSuccess(Duration.ofMinutes(2));
            }
        }
        InteropFiles.assertSameContent(meta, tmp.resolve("seed"), tmp.resolve("dl"));
    }

    @Test
    void seedsToALibtorrentLeecherThatSpeaksOnlyUtp() throws Exception {
        Path content = InteropFiles.multiFile(tmp.resolve("seed"), "set", 22);
        byte[] torrent = TorrentBuilder.from(content).pieceLength(32 * 1024).build();
        Metainfo meta = MetainfoParser.parse(torrent);
        Path file = tmp.resolve("set.torrent");
        Files.write(file, torrent);
        int seedPort = Tools.freePort();
        try (ExternalProcess torpeddo = ExternalProcess.start(
                "torpeddo-seed",
                tmp,
                Tools.torpeddo(
                        "seed",
                        file.toString(),
                        "--dir",
                        tmp.resolve("seed").toString(),
                        "--state-dir",
                        tmp.resolve("state").toString(),
                        "--port",
                        "" + seedPort,
                        "--no-dht",
                        "--no-lsd"))) {
            torpeddo.awaitLine(l -> l.startsWith("seeding 100.0%"), Duration.ofSeconds(60));
            try (ExternalProcess leecher = ExternalProcess.start(
                    "libtorrent-utp-leech",
                    tmp,
                    Tools.ltPeer(
                            "leech",
                            file.toString(),
                            tmp.resolve("dl").toString(),
                            "--port",
                            "" + Tools.freePort(),
                            "--peer",
                            "127.0.0.1:" + seedPort,
                            "--utp-only",
                            "--timeout",
                            "90"))) {
                leecher.awaitSuccess(Duration.ofMinutes(2));
            }
        }
        InteropFiles.assertSameContent(meta, tmp.resolve("seed"), tmp.resolve("dl"));
    }
}
