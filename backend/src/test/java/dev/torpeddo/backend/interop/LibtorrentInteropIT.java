package dev.torpeddo.backend.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.metainfo.Metainfo;
import dev.torpeddo.engine.metainfo.MetainfoParser;
import dev.torpeddo.engine.metainfo.TorrentBuilder;
import dev.torpeddo.engine.tracker.OpentrackerProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code torpeddo} program against libtorrent 2.0 (Debian's python3-libtorrent) and a real opentracker,
 * all on loopback.
 */
class LibtorrentInteropIT {
    @TempDir
    Path tmp;

    @BeforeAll
    static void requireClients() throws Exception {
        Tools.requireLibtorrentAndOpentracker();
    }

    @Test
    void downloadsFromALibtorrentSeederFoundThroughOpentracker() throws Exception {
        Path content = InteropFiles.multiFile(tmp.resolve("seed"), "set", 11);
        // Build the torrent after starting the tracker so it can carry the tracker's URL.
        byte[] unannounced = TorrentBuilder.from(content).pieceLength(64 * 1024).build();
        Metainfo probe = MetainfoParser.parse(unannounced);
        try (OpentrackerProcess tracker = OpentrackerProcess.start(probe.infoHash())) {
            byte[] torrent = TorrentBuilder.from(content)
                    .pieceLength(64 * 1024)
                    .tracker(tracker.announceUrl())
                    .build();
            Metainfo meta = MetainfoParser.parse(torrent);
            assertThat(meta.infoHash()).isEqualTo(probe.infoHash()); // trackers live outside the info dict
            Path file = tmp.resolve("set.torrent");
            Files.write(file, torrent);
            try (ExternalProcess seeder = ExternalProcess.start(
                    "libtorrent-seed",
                    tmp,
                    Tools.ltPeer(
                            "seed",
                            file.toString(),
                            tmp.resolve("seed").toString(),
                            "--port",
                            "" + Tools.freePort()))) {
                seeder.awaitLine(l -> l.contains("\"ready\""), Duration.ofSeconds(60));
                try (ExternalProcess torpeddo = ExternalProcess.start(
                        "torpeddo",
                        tmp,
                        Tools.torpeddo(
                                "download",
                                file.toString(),
                                "--dir",
                                tmp.resolve("dl").toString(),
                                "--port",
                                "0"))) {
                    torpeddo.awaitSuccess(Duration.ofMinutes(2));
                    assertThat(torpeddo.output()).contains("done: set verified");
                }
            }
            InteropFiles.assertSameContent(meta, tmp.resolve("seed"), tmp.resolve("dl"));
            assertThat(tmp.resolve("dl/set/empty.txt")).isEmptyFile();
        }
    }

    @Test
    void seedsToALibtorrentLeecher() throws Exception {
        Path content = InteropFiles.multiFile(tmp.resolve("seed"), "set", 12);
        byte[] torrent = TorrentBuilder.from(content).pieceLength(32 * 1024).build();
        Metainfo meta = MetainfoParser.parse(torrent);
        Path file = tmp.resolve("set.torrent");
        Files.write(file, torrent);
        int seedPort = Tools.freePort();
        try (ExternalProcess torpeddo = ExternalProcess.start(
                "torpeddo-seed",
                tmp,
                Tools.torpeddo(
                        "seed", file.toString(), "--dir", tmp.resolve("seed").toString(), "--port", "" + seedPort))) {
            torpeddo.awaitLine(l -> l.startsWith("seeding 100.0%"), Duration.ofSeconds(60));
            try (ExternalProcess leecher = ExternalProcess.start(
                    "libtorrent-leech",
                    tmp,
                    Tools.ltPeer(
                            "leech",
                            file.toString(),
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
