package dev.torpeddo.backend.interop;

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

/** A Torpeddo seeder announcing to opentracker, and aria2c downloading through that tracker. */
class Aria2InteropIT {
    @TempDir
    Path tmp;

    @BeforeAll
    static void requireClients() {
        Tools.requireBinary("/usr/bin/aria2c", "aria2");
        Tools.requireBinary("/usr/bin/opentracker", "opentracker");
    }

    @Test
    void seedsToAnAria2Leecher() throws Exception {
        Path content = InteropFiles.multiFile(tmp.resolve("seed"), "set", 13);
        Metainfo probe = MetainfoParser.parse(
                TorrentBuilder.from(content).pieceLength(64 * 1024).build());
        try (OpentrackerProcess tracker = OpentrackerProcess.start(probe.infoHash())) {
            byte[] torrent = TorrentBuilder.from(content)
                    .pieceLength(64 * 1024)
                    .tracker(tracker.announceUrl())
                    .build();
            Metainfo meta = MetainfoParser.parse(torrent);
            Path file = tmp.resolve("set.torrent");
            Files.write(file, torrent);
            try (ExternalProcess torpeddo = ExternalProcess.start(
                    "torpeddo-seed",
                    tmp,
                    Tools.torpeddo(
                            "seed",
                            file.toString(),
                            "--dir",
                            tmp.resolve("seed").toString(),
                            "--port",
                            "" + Tools.freePort()))) {
                torpeddo.awaitLine(l -> l.startsWith("seeding 100.0%"), Duration.ofSeconds(60));
                Files.createDirectories(tmp.resolve("dl"));
                try (ExternalProcess aria = ExternalProcess.start(
                        "aria2c",
                        tmp,
                        java.util.List.of(
                                "/usr/bin/aria2c",
                                "--dir",
                                tmp.resolve("dl").toString(),
                                "--seed-time=0",
                                "--enable-dht=false",
                                "--enable-dht6=false",
                                "--bt-enable-lpd=false",
                                "--enable-peer-exchange=false",
                                "--listen-port=" + Tools.freePort(),
                                "--file-allocation=none",
                                "--summary-interval=0",
                                "--console-log-level=warn",
                                "--bt-stop-timeout=90",
                                file.toString()))) {
                    aria.awaitSuccess(Duration.ofMinutes(2));
                }
            }
            InteropFiles.assertSameContent(meta, tmp.resolve("seed"), tmp.resolve("dl"));
        }
    }
}
