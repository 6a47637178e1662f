package dev.torpeddo.engine.torrent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.api.SessionConfig;
import dev.torpeddo.engine.metainfo.FileEntry;
import dev.torpeddo.engine.metainfo.Metainfo;
import dev.torpeddo.engine.metainfo.TorrentBuilder;
import dev.torpeddo.engine.session.Session;
import dev.torpeddo.engine.session.TorrentHandle;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Helpers for in-process swarm tests: content on disk, torrents over it, sessions on loopback. */
final class TestSwarm {
    private TestSwarm() {}

    /** Writes files of the given sizes (0 allowed) with seeded random content under {@code dir/name}. */
    static Path writeContent(Path dir, String name, long seed, long... sizes) throws IOException {
        Path root = dir.resolve(name);
        Files.createDirectories(root.resolve("sub"));
        Random r = new Random(seed);
        for (int i = 0; i < sizes.length; i++) {
            byte[] data = new byte[(int) sizes[i]];
            r.nextBytes(data);
            Path f = (i % 2 == 0 ? root : root.resolve("sub")).resolve("file-" + i + ".bin");
            Files.write(f, data);
        }
        return root;
    }

    static Metainfo torrentOf(Path content, int pieceLength) throws IOException {
        return TorrentBuilder.from(content).pieceLength(pieceLength).buildMetainfo();
    }

    /** Loopback only: no local discovery multicast, no public DHT routers (tests never leave this machine). */
    static SessionConfig loopbackConfig() {
        return SessionConfig.defaults()
                .with(b -> b.listenAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                        .chokeInterval(Duration.ofSeconds(1))
                        .lsd(dev.torpeddo.engine.api.LsdOptions.DISABLED)
                        .dht(dev.torpeddo.engine.api.DhtOptions.DISABLED));
    }

    static InetSocketAddress addressOf(Session s) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), s.listenPort());
    }

    /** Polls until the torrent is complete or fails the test with its last status. */
    static void awaitComplete(TorrentHandle h, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (h.status().isComplete()) return;
            Thread.sleep(50);
        }
        throw new AssertionError("not complete after " + timeout + ": " + h.status());
    }

    /** Asserts every file of {@code meta} under {@code got} equals the one under {@code expected}. */
    static void assertSameFiles(Metainfo meta, Path expected, Path got) throws IOException {
        List<String> checked = new ArrayList<>();
        for (FileEntry f : meta.files()) {
            Path a = expected.resolve(String.join("/", f.path()));
            Path b = got.resolve(String.join("/", f.path()));
            assertThat(b).as(f.displayPath()).exists();
            assertThat(Files.mismatch(a, b)).as(f.displayPath() + " differs").isEqualTo(-1L);
            checked.add(f.displayPath());
        }
        assertThat(checked).hasSize(meta.files().size());
    }
}
