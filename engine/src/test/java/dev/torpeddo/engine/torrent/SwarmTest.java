package dev.torpeddo.engine.torrent;

import static dev.torpeddo.engine.torrent.TestSwarm.addressOf;
import static dev.torpeddo.engine.torrent.TestSwarm.assertSameFiles;
import static dev.torpeddo.engine.torrent.TestSwarm.awaitComplete;
import static dev.torpeddo.engine.torrent.TestSwarm.loopbackConfig;
import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.api.AddTorrent;
import dev.torpeddo.engine.api.TorrentEvent;
import dev.torpeddo.engine.api.TorrentState;
import dev.torpeddo.engine.metainfo.Metainfo;
import dev.torpeddo.engine.session.Session;
import dev.torpeddo.engine.session.TorrentHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole Torpeddo sessions exchanging real data over loopback TCP. */
class SwarmTest {
    @TempDir
    Path tmp;

    @Test
    void oneSeederAndThreeLeechersGetEveryByteOfAnUnevenMultiFileTorrent() throws Exception {
        // Files that start and end mid-piece, one smaller than a block, a zero-length one, a short last piece.
        Path content = TestSwarm.writeContent(tmp.resolve("seed"), "album", 1, 700_001, 0, 65_536, 3, 1_234_567);
        Metainfo meta = TestSwarm.torrentOf(content, 32 * 1024);
        List<Session> sessions = new ArrayList<>();
        try (Session seeder = Session.start(loopbackConfig())) {
            TorrentHandle seed =
                    seeder.add(AddTorrent.of(meta, tmp.resolve("seed")).with(b -> b.useTrackers(false)));
            awaitState(seed, TorrentState.SEEDING);
            List<TorrentHandle> leechers = new ArrayList<>();
            List<CopyOnWriteArrayList<TorrentEvent>> events = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Session s = Session.start(loopbackConfig());
                sessions.add(s);
                var ev = new CopyOnWriteArrayList<TorrentEvent>();
                s.addListener(ev::add);
                events.add(ev);
                // Leechers know the seeder and each other only through --peer style addresses.
                var peers = new ArrayList<>(List.of(addressOf(seeder)));
                for (Session other : sessions) if (other != s) peers.add(addressOf(other));
                leechers.add(s.add(AddTorrent.of(meta, tmp.resolve("leech" + i))
                        .with(b -> b.peers(peers).useTrackers(false))));
            }
            for (int i = 0; i < 3; i++) {
                awaitComplete(leechers.get(i), Duration.ofSeconds(60));
                assertSameFiles(meta, tmp.resolve("seed"), tmp.resolve("leech" + i));
                assertThat(events.get(i)).anyMatch(e -> e instanceof TorrentEvent.Finished);
                assertThat(leechers.get(i).status().transfer().failedBytes()).isZero();
            }
            assertThat(Files.size(tmp.resolve("leech0/album/sub/file-1.bin"))).isZero();
            assertThat(seed.status().transfer().uploaded()).isPositive();
        } finally {
            sessions.forEach(Session::close);
        }
    }

    @Test
    void finishedDataIsRecognisedOnAddAndSeededWithoutDownloading() throws Exception {
        Path content = TestSwarm.writeContent(tmp.resolve("seed"), "set", 2, 300_000, 5);
        Metainfo meta = TestSwarm.torrentOf(content, 16 * 1024);
        try (Session s = Session.start(loopbackConfig())) {
            TorrentHandle h = s.add(AddTorrent.of(meta, tmp.resolve("seed")).with(b -> b.useTrackers(false)));
            awaitState(h, TorrentState.SEEDING);
            assertThat(h.status().transfer().downloaded()).isZero();
            assertThat(h.status().fractionDone()).isEqualTo(1.0);
        }
    }

    @Test
    void aSkippedFileIsNeitherDownloadedNorCreated() throws Exception {
        Path content = TestSwarm.writeContent(tmp.resolve("seed"), "pick", 3, 200_000, 150_000, 90_000);
        Metainfo meta = TestSwarm.torrentOf(content, 32 * 1024);
        try (Session seeder = Session.start(loopbackConfig());
                Session leecher = Session.start(loopbackConfig())) {
            awaitState(
                    seeder.add(AddTorrent.of(meta, tmp.resolve("seed")).with(b -> b.useTrackers(false))),
                    TorrentState.SEEDING);
            int skipped = indexOf(meta, "pick/sub/file-1.bin");
            TorrentHandle h = leecher.add(AddTorrent.of(meta, tmp.resolve("dl"))
                    .with(b -> b.peers(List.of(addressOf(seeder)))
                            .filePriorities(Map.of(skipped, 0))
                            .useTrackers(false)));
            awaitComplete(h, Duration.ofSeconds(60));
            assertThat(Files.mismatch(content.resolve("file-0.bin"), tmp.resolve("dl/pick/file-0.bin")))
                    .isEqualTo(-1);
            assertThat(Files.mismatch(content.resolve("file-2.bin"), tmp.resolve("dl/pick/file-2.bin")))
                    .isEqualTo(-1);
            assertThat(tmp.resolve("dl/pick/sub/file-1.bin")).doesNotExist();
            assertThat(h.status().progress().wantedBytes()).isEqualTo(200_000 + 90_000);
            assertThat(h.files().get(skipped).doneBytes()).isLessThan(150_000);
        }
    }

    @Test
    void deadTrackersAreReportedButDoNotStopADownloadFromKnownPeers() throws Exception {
        Path content = TestSwarm.writeContent(tmp.resolve("seed"), "tracked", 4, 250_000);
        int deadPort;
        try (var s = new java.net.ServerSocket(0)) {
            deadPort = s.getLocalPort(); // closed again: nothing listens there
        }
        Metainfo meta = dev.torpeddo.engine.metainfo.MetainfoParser.parse(
                dev.torpeddo.engine.metainfo.TorrentBuilder.from(content)
                        .pieceLength(16 * 1024)
                        .tracker("http://127.0.0.1:" + deadPort + "/announce")
                        .build());
        try (Session seeder = Session.start(loopbackConfig());
                Session leecher = Session.start(loopbackConfig())) {
            awaitState(seeder.add(AddTorrent.of(meta, tmp.resolve("seed"))), TorrentState.SEEDING);
            var events = new CopyOnWriteArrayList<TorrentEvent>();
            leecher.addListener(events::add);
            TorrentHandle h =
                    leecher.add(AddTorrent.of(meta, tmp.resolve("dl")).with(b -> b.peers(List.of(addressOf(seeder)))));
            awaitComplete(h, Duration.ofSeconds(60));
            assertSameFiles(meta, tmp.resolve("seed"), tmp.resolve("dl"));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (events.stream().noneMatch(e -> e instanceof TorrentEvent.TrackerFailed)
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(events)
                    .anyMatch(e -> e instanceof TorrentEvent.TrackerFailed t
                            && t.tracker().getPort() == deadPort
                            && !t.message().isBlank());
            assertThat(h.trackers()).singleElement().satisfies(t -> {
                assertThat(t.message()).isPresent();
                assertThat(t.status()).isEqualTo(dev.torpeddo.engine.api.TrackerInfo.Status.ERROR);
            });
        }
    }

    static int indexOf(Metainfo meta, String path) {
        for (int i = 0; i < meta.files().size(); i++)
            if (meta.files().get(i).displayPath().equals(path)) return i;
        throw new AssertionError("no file " + path);
    }

    static void awaitState(TorrentHandle h, TorrentState state) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (h.status().state() != state) {
            if (System.nanoTime() > deadline) throw new AssertionError("never reached " + state + ": " + h.status());
            Thread.sleep(20);
        }
    }
}
