package dev.torpeddo.backend.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.api.AddTorrent;
import dev.torpeddo.engine.api.DhtOptions;
import dev.torpeddo.engine.api.Encryption;
import dev.torpeddo.engine.api.LsdOptions;
import dev.torpeddo.engine.api.PeerInfo;
import dev.torpeddo.engine.api.SessionConfig;
import dev.torpeddo.engine.metainfo.Metainfo;
import dev.torpeddo.engine.metainfo.MetainfoParser;
import dev.torpeddo.engine.metainfo.TorrentBuilder;
import dev.torpeddo.engine.session.Session;
import dev.torpeddo.engine.session.TorrentHandle;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MSE/PE with libtorrent 2.0 on loopback, both ways: a libtorrent that requires encryption (RC4 only, or the
 * plaintext method only) seeding to us and leeching from us, our {@code REQUIRE} refusing a plain peer, our
 * {@code DISABLE} talking plain to a libtorrent with default settings. The engine's session runs in the test
 * (its peer list tells how each connection is encrypted); libtorrent reports what it saw in its 'done' line.
 */
class EncryptionInteropIT {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @TempDir
    Path tmp;

    private Metainfo meta;
    private Path torrentFile;

    @BeforeAll
    static void requireLibtorrent() throws Exception {
        Tools.requireLibtorrent();
    }

    private static Session session(Encryption encryption) throws Exception {
        return Session.start(SessionConfig.defaults()
                .with(b -> b.listenAddress(new InetSocketAddress(LOOPBACK, 0))
                        .dht(DhtOptions.DISABLED)
                        .lsd(LsdOptions.DISABLED)
                        .pex(false)
                        .encryption(encryption)));
    }

    private void content(long seed) throws Exception {
        Path dir = InteropFiles.multiFile(tmp.resolve("seed"), "set", seed);
        byte[] torrent = TorrentBuilder.from(dir).pieceLength(64 * 1024).build();
        meta = MetainfoParser.parse(torrent);
        torrentFile = tmp.resolve("set.torrent");
        Files.write(torrentFile, torrent);
    }

    private ExternalProcess libtorrentSeeder(String encryption, int port) throws Exception {
        ExternalProcess p = ExternalProcess.start(
                "libtorrent-seed",
                tmp,
                Tools.ltPeer(
                        "seed",
                        torrentFile.toString(),
                        tmp.resolve("seed").toString(),
                        "--port",
                        "" + port,
                        "--encryption",
                        encryption));
        p.awaitLine(l -> l.contains("\"ready\""), Duration.ofSeconds(60));
        return p;
    }

    /** Downloads from libtorrent at {@code port}; returns whether any connection showed as encrypted. */
    private Set<Boolean> downloadFrom(Session s, int port, Duration within) throws Exception {
        TorrentHandle h = s.add(AddTorrent.of(meta, tmp.resolve("dl"))
                .with(b -> b.useTrackers(false).peers(List.of(new InetSocketAddress(LOOPBACK, port)))));
        Set<Boolean> encrypted = new HashSet<>();
        long deadline = System.nanoTime() + within.toNanos();
        while (!h.status().isComplete() && System.nanoTime() < deadline) {
            for (PeerInfo p : h.peers()) encrypted.add(p.encrypted());
            Thread.sleep(5);
        }
        assertThat(h.status().isComplete()).as("download complete").isTrue();
        InteropFiles.assertSameContent(meta, tmp.resolve("seed"), tmp.resolve("dl"));
        return encrypted;
    }

    private TorrentHandle seedFrom(Session s) throws Exception {
        TorrentHandle h = s.add(AddTorrent.of(meta, tmp.resolve("seed")).with(b -> b.useTrackers(false)));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!h.status().isComplete() && System.nanoTime() < deadline) Thread.sleep(20);
        assertThat(h.status().isComplete()).as("seeding").isTrue();
        return h;
    }

    private ExternalProcess libtorrentLeecher(String encryption, int ourPort, int timeoutSeconds) throws Exception {
        return ExternalProcess.start(
                "libtorrent-leech",
                tmp,
                Tools.ltPeer(
                        "leech",
                        torrentFile.toString(),
                        tmp.resolve("dl").toString(),
                        "--port",
                        "" + Tools.freePort(),
                        "--peer",
                        "127.0.0.1:" + ourPort,
                        "--timeout",
                        "" + timeoutSeconds,
                        "--encryption",
                        encryption));
    }

    @Test
    void downloadsFromALibtorrentSeederThatRequiresRc4() throws Exception {
        content(21);
        int port = Tools.freePort();
        try (ExternalProcess _ = libtorrentSeeder("forced-rc4", port);
                Session s = session(Encryption.PREFER)) {
            assertThat(downloadFrom(s, port, Duration.ofSeconds(90))).containsExactly(true);
        }
    }

    @Test
    void downloadsFromALibtorrentSeederThatRequiresThePlaintextMethod() throws Exception {
        content(22);
        int port = Tools.freePort();
        try (ExternalProcess _ = libtorrentSeeder("forced-plaintext", port);
                Session s = session(Encryption.PREFER)) {
            // libtorrent refuses plain handshakes here, so finishing at all means MSE; its payload is in the
            // clear, which we do not call encrypted (as qBittorrent's 'E' does not).
            assertThat(downloadFrom(s, port, Duration.ofSeconds(90))).containsExactly(false);
        }
    }

    @Test
    void aLibtorrentLeecherThatRequiresRc4DownloadsFromUs() throws Exception {
        content(23);
        try (Session s = session(Encryption.PREFER)) {
            TorrentHandle h = seedFrom(s);
            try (ExternalProcess leecher = libtorrentLeecher("forced-rc4", s.listenPort(), 90)) {
                Set<Boolean> encrypted = new HashSet<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(100).toNanos();
                while (!leecher.output().contains("\"done\"")
                        && !leecher.output().contains("\"error\"")
                        && System.nanoTime() < deadline) {
                    for (PeerInfo p : h.peers()) encrypted.add(p.encrypted());
                    Thread.sleep(5);
                }
                leecher.awaitSuccess(Duration.ofMinutes(2));
                assertThat(leecher.output()).contains("\"peer_encryption\": [\"rc4\"]");
                assertThat(encrypted).doesNotContain(false);
            }
        }
        InteropFiles.assertSameContent(meta, tmp.resolve("seed"), tmp.resolve("dl"));
    }

    @Test
    void requireRefusesALibtorrentLeecherThatSpeaksOnlyPlain() throws Exception {
        content(24);
        try (Session s = session(Encryption.REQUIRE)) {
            TorrentHandle h = seedFrom(s);
            try (ExternalProcess leecher = libtorrentLeecher("disabled", s.listenPort(), 8)) {
                assertThat(leecher.awaitExit(Duration.ofSeconds(60)))
                        .as(leecher.output())
                        .isEqualTo(1);
                assertThat(leecher.output()).contains("timeout at progress 0.000");
            }
            assertThat(h.status().transfer().uploadedAllTime()).isZero();
        }
    }

    @Test
    void disableTalksPlainToALibtorrentWithDefaultSettings() throws Exception {
        content(25);
        try (Session s = session(Encryption.DISABLE)) {
            seedFrom(s);
            try (ExternalProcess leecher = libtorrentLeecher("enabled", s.listenPort(), 90)) {
                leecher.awaitSuccess(Duration.ofMinutes(2));
                assertThat(leecher.output()).contains("\"peer_encryption\": [\"none\"]");
            }
        }
        InteropFiles.assertSameContent(meta, tmp.resolve("seed"), tmp.resolve("dl"));
    }
}
