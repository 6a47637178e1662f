package dev.torpeddo.backend.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.metainfo.Metainfo;
import dev.torpeddo.engine.metainfo.MetainfoParser;
import dev.torpeddo.engine.metainfo.TorrentBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --download-limit} and {@code --upload-limit} against a real libtorrent 2.0 peer on loopback, which
 * would otherwise move these few MiB in a fraction of a second. The limiter's ±5 % over any 5-second window
 * is proven on simulated time in {@code bandwidth/RateLimiterPropertyTest}; here the whole transfer must
 * take about as long as the limit says (never less, and not much more: start-up and the TCP window).
 */
class RateLimitInteropIT {
    private static final int MIB = 1 << 20;

    @TempDir
    Path tmp;

    @BeforeAll
    static void requireClients() throws Exception {
        Tools.requireLibtorrent();
    }

    private Path torrentOf(int mib) throws Exception {
        Path content = tmp.resolve("seed/limited.bin");
        Files.createDirectories(content.getParent());
        byte[] data = new byte[mib * MIB];
        new Random(5).nextBytes(data);
        Files.write(content, data);
        Path file = tmp.resolve("limited.torrent");
        Files.write(file, TorrentBuilder.from(content).pieceLength(256 * 1024).build());
        return file;
    }

    @Test
    void aDownloadFromALibtorrentSeederKeepsToTheLimit() throws Exception {
        Path file = torrentOf(12);
        Metainfo meta = MetainfoParser.parse(Files.readAllBytes(file));
        int seedPort = Tools.freePort();
        // libtorrent as it ships: TCP and uTP. (A TCP-only seeder ignores our uTP dial, and its 3 s connect timeout
        // would be counted in the time below, which is about the limit, not about dialling.)
        try (ExternalProcess seeder = ExternalProcess.start(
                "libtorrent-seed",
                tmp,
                Tools.ltPeer(
                        "seed",
                        file.toString(),
                        tmp.resolve("seed").toString(),
                        "--port",
                        "" + seedPort,
                        "--transport",
                        "both"))) {
            seeder.awaitLine(l -> l.contains("\"ready\""), Duration.ofSeconds(60));
            long start;
            try (ExternalProcess torpeddo = ExternalProcess.start(
                    "torpeddo",
                    tmp,
                    Tools.torpeddo(
                            "download",
                            file.toString(),
                            "--dir",
                            tmp.resolve("dl").toString(),
                            "--port",
                            "0",
                            "--peer",
                            "127.0.0.1:" + seedPort,
                            "--no-trackers",
                            "--no-dht",
                            "--no-lsd",
                            "--download-limit",
                            "2MiB"))) {
                // Timed from the moment the torrent is added, not from the JVM's start (a loaded machine can
                // take seconds to start one, which says nothing about the limit).
                torpeddo.awaitLine(l -> l.startsWith("downloading "), Duration.ofSeconds(60));
                start = System.nanoTime();
                torpeddo.awaitSuccess(Duration.ofMinutes(2));
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            // 12 MiB at 2 MiB/s is 6 s; the limit counts protocol bytes too, so a little over that.
            assertThat(seconds).as("seconds to download 12 MiB at 2 MiB/s").isBetween(5.7, 10.0);
        }
        InteropFiles.assertSameContent(meta, tmp.resolve("seed"), tmp.resolve("dl"));
    }

    @Test
    void aLibtorrentLeecherIsServedAtTheUploadLimit() throws Exception {
        Path file = torrentOf(8);
        Metainfo meta = MetainfoParser.parse(Files.readAllBytes(file));
        int seedPort = Tools.freePort();
        try (ExternalProcess torpeddo = ExternalProcess.start(
                "torpeddo-seed",
                tmp,
                Tools.torpeddo(
                        "seed",
                        file.toString(),
                        "--dir",
                        tmp.resolve("seed").toString(),
                        "--port",
                        "" + seedPort,
                        "--no-dht",
                        "--no-lsd",
                        "--upload-limit",
                        "2MiB"))) {
            torpeddo.awaitLine(l -> l.startsWith("seeding 100.0%"), Duration.ofSeconds(60));
            long start = System.nanoTime();
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
            double seconds = (System.nanoTime() - start) / 1e9;
            // 8 MiB at 2 MiB/s is 4 s, libtorrent's start-up included in what we measure.
            assertThat(seconds).as("seconds to serve 8 MiB at 2 MiB/s").isBetween(3.8, 9.0);
        }
        InteropFiles.assertSameContent(meta, tmp.resolve("seed"), tmp.resolve("dl"));
    }
}
