package dev.torpeddo.engine.torrent;

import static dev.torpeddo.engine.torrent.SwarmTest.awaitState;
import static dev.torpeddo.engine.torrent.SwarmTest.indexOf;
import static dev.torpeddo.engine.torrent.TestSwarm.addressOf;
import static dev.torpeddo.engine.torrent.TestSwarm.awaitComplete;
import static dev.torpeddo.engine.torrent.TestSwarm.loopbackConfig;
import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.api.AddTorrent;
import dev.torpeddo.engine.api.FileInfo;
import dev.torpeddo.engine.api.PeerInfo;
import dev.torpeddo.engine.api.PeerSource;
import dev.torpeddo.engine.api.PieceStates;
import dev.torpeddo.engine.api.TorrentEvent;
import dev.torpeddo.engine.api.TorrentState;
import dev.torpeddo.engine.api.TorrentStatus;
import dev.torpeddo.engine.api.TrackerInfo;
import dev.torpeddo.engine.metainfo.Metainfo;
import dev.torpeddo.engine.session.Session;
import dev.torpeddo.engine.session.TorrentHandle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a torrent list and its details panel show, taken from a real download on loopback. */
class StatusTest {
    @TempDir
    Path tmp;

    @Test
    void aPartialDownloadReportsItsFilesPiecesPeersAndTotals() throws Exception {
        Path content = TestSwarm.writeContent(tmp.resolve("seed"), "show", 11, 200_000, 150_000, 90_000);
        Metainfo meta = TestSwarm.torrentOf(content, 32 * 1024);
        try (Session seeder = Session.start(loopbackConfig());
                Session leecher = Session.start(loopbackConfig())) {
            TorrentHandle seed =
                    seeder.add(AddTorrent.of(meta, tmp.resolve("seed")).with(b -> b.useTrackers(false)));
            awaitState(seed, TorrentState.SEEDING);
            int skipped = indexOf(meta, "show/sub/file-1.bin");
            TorrentHandle h = leecher.add(AddTorrent.of(meta, tmp.resolve("dl"))
                    .with(b -> b.peers(List.of(addressOf(seeder)))
                            .filePriorities(Map.of(skipped, 0))
                            .useTrackers(false)));
            awaitComplete(h, Duration.ofSeconds(60));

            // The leecher has what it wanted, not every piece; it and the seeder want nothing more of each other.
            TorrentStatus s = h.status();
            assertThat(s.state()).isEqualTo(TorrentState.SEEDING);
            assertThat(s.fractionDone()).isEqualTo(1.0);
            assertThat(s.progress().wantedBytes()).isEqualTo(200_000 + 90_000);
            assertThat(s.progress().piecesDone()).isLessThan(meta.pieceCount());
            assertThat(s.transfer().downloaded()).isGreaterThanOrEqualTo(200_000 + 90_000);
            assertThat(s.transfer().downloadedAllTime()).isEqualTo(s.transfer().downloaded());
            assertThat(s.transfer().failedBytes()).isZero();
            assertThat(s.peers().known()).isEqualTo(1);
            assertThat(s.etaSeconds()).isZero();
            assertThat(seed.status().transfer().uploaded()).isGreaterThanOrEqualTo(200_000 + 90_000);
            assertThat(seed.status().ratio()).isGreaterThan(0.0);
            assertThat(leecher.status().downloadedBytes())
                    .isEqualTo(s.transfer().downloaded());

            List<FileInfo> files = h.files();
            assertThat(files).extracting(FileInfo::priority).containsOnly(4, 0);
            assertThat(files.get(skipped).priority()).isZero();
            assertThat(files.get(indexOf(meta, "show/file-0.bin")).doneBytes()).isEqualTo(200_000);
            assertThat(files.get(indexOf(meta, "show/file-2.bin")).progress()).isEqualTo(1.0);
            assertThat(files.get(skipped).path()).isEqualTo("show/sub/file-1.bin");
            assertThat(files.get(skipped).doneBytes()).isLessThan(150_000);

            // A peer connects to the leecher with every other piece, and wants what it has.
            try (FakePeer fake = FakePeer.connect(leecher.listenPort(), meta.infoHash(), "status")) {
                dev.torpeddo.engine.internal.Bitfield half =
                        new dev.torpeddo.engine.internal.Bitfield(meta.pieceCount());
                for (int i = 0; i < meta.pieceCount(); i += 2) half.set(i);
                fake.send(new dev.torpeddo.engine.wire.Message.Bitfield(half.toWire()));
                fake.send(new dev.torpeddo.engine.wire.Message.Interested());
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while ((h.peers().isEmpty() || !h.peers().getFirst().interested()) && System.nanoTime() < deadline)
                    Thread.sleep(20);

                PeerInfo p = h.peers().getFirst();
                assertThat(p.client()).isEqualTo("Unknown"); // -FK0001-: no client we know
                assertThat(p.source()).isEqualTo(PeerSource.INCOMING);
                assertThat(p.incoming()).isTrue();
                assertThat(p.interested()).isTrue();
                assertThat(p.progress()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.1));
                assertThat(p.flags()).contains("I");
                assertThat(h.status().peers().connected()).isEqualTo(1);
                assertThat(h.status().peers().seeds()).isZero();
                assertThat(leecher.status().peers()).isEqualTo(1);

                PieceStates pieces = h.pieces();
                assertThat(pieces.count()).isEqualTo(meta.pieceCount());
                int have = 0;
                for (int i = 0; i < pieces.count(); i++) {
                    if (pieces.state(i) == PieceStates.HAVE) have++;
                    assertThat(pieces.availability(i))
                            .as("availability of piece %d", i)
                            .isEqualTo(1 - i % 2);
                }
                assertThat(have).isEqualTo(s.progress().piecesDone());
                // Every other piece once, the rest nowhere: no complete copy among the peers.
                assertThat(h.status().progress().distributedCopies())
                        .isEqualTo(0.0 + half.cardinality() / (double) meta.pieceCount());
            }
        }
    }

    @Test
    void aDownloadReportsEveryVerifiedPieceInBatchesAndEachFileOnceComplete() throws Exception {
        Path content = TestSwarm.writeContent(tmp.resolve("seed"), "ev", 13, 200_000, 0, 150_000, 90_000);
        Metainfo meta = TestSwarm.torrentOf(content, 16 * 1024);
        try (Session seeder = Session.start(loopbackConfig());
                Session leecher = Session.start(loopbackConfig())) {
            awaitState(
                    seeder.add(AddTorrent.of(meta, tmp.resolve("seed")).with(b -> b.useTrackers(false))),
                    TorrentState.SEEDING);
            List<TorrentEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();
            leecher.addListener(events::add);
            TorrentHandle h = leecher.add(AddTorrent.of(meta, tmp.resolve("dl"))
                    .with(b -> b.peers(List.of(addressOf(seeder))).useTrackers(false)));
            awaitComplete(h, Duration.ofSeconds(60));
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            java.util.Set<Integer> verified = new java.util.TreeSet<>();
            while (verified.size() < meta.pieceCount() && System.nanoTime() < deadline) {
                verified.clear();
                for (TorrentEvent e : events)
                    if (e instanceof TorrentEvent.PiecesVerified v) for (int p : v.pieces()) verified.add(p);
                Thread.sleep(50);
            }
            assertThat(verified).hasSize(meta.pieceCount());
            long batches = events.stream()
                    .filter(e -> e instanceof TorrentEvent.PiecesVerified)
                    .count();
            assertThat(batches).as("batched, not one event per piece").isLessThan(meta.pieceCount());
            List<Integer> completed = events.stream()
                    .filter(e -> e instanceof TorrentEvent.FileCompleted)
                    .map(e -> ((TorrentEvent.FileCompleted) e).fileIndex())
                    .sorted()
                    .toList();
            List<Integer> nonEmpty = new java.util.ArrayList<>();
            for (int i = 0; i < meta.files().size(); i++)
                if (meta.files().get(i).length() > 0) nonEmpty.add(i);
            assertThat(completed).isEqualTo(nonEmpty);
            assertThat(events)
                    .filteredOn(e -> e instanceof TorrentEvent.Finished)
                    .hasSize(1);
        }
    }

    @Test
    void trackersAreListedBeforeTheyAreAskedAndWhilePaused() throws Exception {
        Path content = TestSwarm.writeContent(tmp.resolve("seed"), "trk", 12, 40_000);
        Metainfo meta = TestSwarm.torrentOf(content, 16 * 1024);
        try (Session s = Session.start(loopbackConfig())) {
            // Not asked: the torrent does not use its trackers (and this one names none but the builder's).
            TorrentHandle h = s.add(AddTorrent.of(meta, tmp.resolve("seed"))
                    .with(b -> b.useTrackers(false).paused(true)));
            awaitState(h, TorrentState.PAUSED);
            assertThat(h.trackers())
                    .hasSize(meta.trackerTiers().stream().mapToInt(List::size).sum())
                    .allSatisfy(t -> {
                        assertThat(t.status()).isEqualTo(TrackerInfo.Status.NOT_CONTACTED);
                        assertThat(t.nextAnnounceIn()).isEmpty();
                    });
            assertThat(h.status().times().activeSeconds()).isZero();
        }
    }
}
