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
 * Magnets found through a small DHT of libtorrent 2.0 nodes on 127.0.0.1, with no tracker and no peer
 * addresses anywhere: only the info-hash and one bootstrap node.
 */
class DhtInteropIT {
    @TempDir
    Path tmp;

    @BeforeAll
    static void requireClients() throws Exception {
        Tools.requireLibtorrent();
    }

    private Metainfo content(String name, long seed) throws Exception {
        Path dir = InteropFiles.multiFile(tmp.resolve("seed"), name, seed);
        byte[] torrent = TorrentBuilder.from(dir).pieceLength(32 * 1024).build();
        Files.write(tmp.resolve(name + ".torrent"), torrent);
        return MetainfoParser.parse(torrent);
    }

    /** A libtorrent DHT node everyone bootstraps from. */
    private ExternalProcess router(int port) throws Exception {
        return router(port, "127.0.0.1");
    }

    /** A libtorrent DHT node on {@code ip} (the IPv6 DHT on ::1) everyone bootstraps from. */
    private ExternalProcess router(int port, String ip) throws Exception {
        ExternalProcess node = ExternalProcess.start(
                "lt-dht-router", tmp, Tools.ltPeer("dht-node", "--port", "" + port, "--listen-ip", ip));
        node.awaitLine(l -> l.contains("\"ready\""), Duration.ofSeconds(30));
        return node;
    }

    @Test
    void torpeddoFindsALibtorrentSeederThatAnnouncedOnlyToTheDht() throws Exception {
        Metainfo meta = content("viadht", 31);
        int routerPort = Tools.freePort();
        try (ExternalProcess _ = router(routerPort);
                ExternalProcess seeder = ExternalProcess.start(
                        "lt-dht-seed",
                        tmp,
                        Tools.ltPeer(
                                "seed",
                                tmp.resolve("viadht.torrent").toString(),
                                tmp.resolve("seed").toString(),
                                "--port",
                                "" + Tools.freePort(),
                                "--dht-node",
                                "127.0.0.1:" + routerPort))) {
            seeder.awaitLine(l -> l.contains("\"ready\""), Duration.ofSeconds(60));
            try (ExternalProcess torpeddo = ExternalProcess.start(
                    "torpeddo",
                    tmp,
                    Tools.torpeddo(
                            "download",
                            "magnet:?xt=urn:btih:" + meta.infoHash().hex(),
                            "--dir",
                            tmp.resolve("dl").toString(),
                            "--port",
                            "0",
                            "--dht-bootstrap",
                            "127.0.0.1:" + routerPort))) {
                torpeddo.awaitSuccess(Duration.ofMinutes(3));
            }
        }
        InteropFiles.assertSameContent(meta, tmp.resolve("seed"), tmp.resolve("dl"));
    }

    @Test
    void libtorrentFindsATorpeddoSeederThroughTheDhtByMagnet() throws Exception {
        Metainfo meta = content("reverse", 32);
        int routerPort = Tools.freePort();
        try (ExternalProcess _ = router(routerPort);
                ExternalProcess torpeddo = ExternalProcess.start(
                        "torpeddo-seed",
                        tmp,
                        Tools.torpeddo(
                                "seed",
                                tmp.resolve("reverse.torrent").toString(),
                                "--dir",
                                tmp.resolve("seed").toString(),
                                "--port",
                                "" + Tools.freePort(),
                                "--dht-bootstrap",
                                "127.0.0.1:" + routerPort))) {
            torpeddo.awaitLine(l -> l.startsWith("seeding 100.0%"), Duration.ofSeconds(60));
            try (ExternalProcess leecher = ExternalProcess.start(
                    "lt-dht-leech",
                    tmp,
                    Tools.ltPeer(
                            "leech",
                            "magnet:?xt=urn:btih:" + meta.infoHash().hex(),
                            tmp.resolve("dl").toString(),
                            "--port",
                            "" + Tools.freePort(),
                            "--dht-node",
                            "127.0.0.1:" + routerPort,
                            "--timeout",
                            "150"))) {
                leecher.awaitSuccess(Duration.ofMinutes(3));
            }
        }
        InteropFiles.assertSameContent(meta, tmp.resolve("seed"), tmp.resolve("dl"));
    }

    /**
     * BEP 32 the other way: a libtorrent seeder on [::1] alone announces to the IPv6 DHT only, and Torpeddo,
     * bootstrapped from an IPv6 node, finds it by the magnet's info-hash and downloads from it over IPv6.
     */
    @Test
    void torpeddoFindsALibtorrentSeederThatAnnouncedOnlyToTheIpv6Dht() throws Exception {
        Metainfo meta = content("viadht6lt", 34);
        int routerPort = Tools.freePort();
        try (ExternalProcess _ = router(routerPort, "::1");
                ExternalProcess seeder = ExternalProcess.start(
                        "lt-dht6-seed",
                        tmp,
                        Tools.ltPeer(
                                "seed",
                                tmp.resolve("viadht6lt.torrent").toString(),
                                tmp.resolve("seed").toString(),
                                "--port",
                                "" + Tools.freePort(),
                                "--listen-ip",
                                "::1",
                                "--dht-node",
                                "[::1]:" + routerPort))) {
            seeder.awaitLine(l -> l.contains("\"ready\""), Duration.ofSeconds(60));
            try (ExternalProcess torpeddo = ExternalProcess.start(
                    "torpeddo",
                    tmp,
                    Tools.torpeddo(
                            "download",
                            "magnet:?xt=urn:btih:" + meta.infoHash().hex(),
                            "--dir",
                            tmp.resolve("dl").toString(),
                            "--port",
                            "0",
                            "--dht-bootstrap",
                            "[::1]:" + routerPort))) {
                torpeddo.awaitSuccess(Duration.ofMinutes(3));
            }
        }
        InteropFiles.assertSameContent(meta, tmp.resolve("seed"), tmp.resolve("dl"));
    }

    /**
     * BEP 32: Torpeddo seeds and announces over the IPv6 DHT only (its one bootstrap node is on [::1]); a
     * libtorrent leecher that listens on [::1] alone, so its DHT is the IPv6 one, finds it there by the magnet's
     * info-hash and downloads from it over IPv6.
     */
    @Test
    void libtorrentFindsATorpeddoSeederThroughTheIpv6Dht() throws Exception {
        Metainfo meta = content("viadht6", 33);
        int routerPort = Tools.freePort();
        try (ExternalProcess _ = router(routerPort, "::1");
                ExternalProcess torpeddo = ExternalProcess.start(
                        "torpeddo-seed",
                        tmp,
                        Tools.torpeddo(
                                "seed",
                                tmp.resolve("viadht6.torrent").toString(),
                                "--dir",
                                tmp.resolve("seed").toString(),
                                "--port",
                                "" + Tools.freePort(),
                                "--dht-bootstrap",
                                "[::1]:" + routerPort))) {
            torpeddo.awaitLine(l -> l.startsWith("seeding 100.0%"), Duration.ofSeconds(60));
            try (ExternalProcess leecher = ExternalProcess.start(
                    "lt-dht6-leech",
                    tmp,
                    Tools.ltPeer(
                            "leech",
                            "magnet:?xt=urn:btih:" + meta.infoHash().hex(),
                            tmp.resolve("dl").toString(),
                            "--port",
                            "" + Tools.freePort(),
                            "--listen-ip",
                            "::1",
                            "--dht-node",
                            "[::1]:" + routerPort,
                            "--timeout",
                            "150"))) {
                leecher.awaitSuccess(Duration.ofMinutes(3));
            }
        }
        InteropFiles.assertSameContent(meta, tmp.resolve("seed"), tmp.resolve("dl"));
    }
}
