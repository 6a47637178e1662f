package dev.torpeddo.backend.interop;

import static org.assertj.core.api.Assertions.assertThat;

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
 * The {@code torpeddo} program and a libtorrent 2.0 peer that listens only on {@code [::1]}: the transfer can
 * only happen over IPv6, both ways.
 */
class Ipv6InteropIT {
    @TempDir
    Path tmp;

    @BeforeAll
    static void requireClients() throws Exception {
        Tools.requireLibtorrentAndOpentracker();
    }

    private Path torrentFile(Metainfo[] meta, int seed) throws Exception {
        Path content = InteropFiles.multiFile(tmp.resolve("seed"), "set", seed);
        byte[] torrent = TorrentBuilder.from(content).pieceLength(32 * 1024).build();
        meta[0] = MetainfoParser.parse(torrent);
        Path file = tmp.resolve("set.torrent");
        Files.write(file, torrent);
        return file;
    }

    @Test
    void downloadsFromALibtorrentSeederReachableOnlyOverIpv6Loopback() throws Exception {
        Metainfo[] meta = new Metainfo[1];
        Path file = torrentFile(meta, 21);
        int ltPort = Tools.freePort();
        try (ExternalProcess seeder = ExternalProcess.start(
                "libtorrent-seed-v6",
                tmp,
                Tools.ltPeer("seed", file.toString(), tmp.resolve("seed").toString(), "--listen", "[::1]:" + ltPort))) {
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
                            "0",
                            "--peer",
                            "[::1]:" + ltPort))) {
                torpeddo.awaitSuccess(Duration.ofMinutes(2));
                assertThat(torpeddo.output()).contains("done: set verified");
            }
        }
        InteropFiles.assertSameContent(meta[0], tmp.resolve("seed"), tmp.resolve("dl"));
    }

    @Test
    void seedsToALibtorrentLeecherReachableOnlyOverIpv6Loopback() throws Exception {
        Metainfo[] meta = new Metainfo[1];
        Path file = torrentFile(meta, 22);
        int seedPort = Tools.freePort();
        // The default listener is the wildcard one, dual-stack: it takes the IPv6 leecher.
        try (ExternalProcess torpeddo = ExternalProcess.start(
                "torpeddo-seed",
                tmp,
                Tools.torpeddo(
                        "seed", file.toString(), "--dir", tmp.resolve("seed").toString(), "--port", "" + seedPort))) {
            torpeddo.awaitLine(l -> l.startsWith("seeding 100.0%"), Duration.ofSeconds(60));
            try (ExternalProcess leecher = ExternalProcess.start(
                    "libtorrent-leech-v6",
                    tmp,
                    Tools.ltPeer(
                            "leech",
                            file.toString(),
                            tmp.resolve("dl").toString(),
                            "--listen",
                            "[::1]:" + Tools.freePort(),
                            "--peer",
                            "[::1]:" + seedPort,
                            "--timeout",
                            "90"))) {
                leecher.awaitSuccess(Duration.ofMinutes(2));
            }
        }
        InteropFiles.assertSameContent(meta[0], tmp.resolve("seed"), tmp.resolve("dl"));
    }
}
