package dev.torpeddo.engine.torrent;

import static dev.torpeddo.engine.torrent.TestSwarm.addressOf;
import static dev.torpeddo.engine.torrent.TestSwarm.assertSameFiles;
import static dev.torpeddo.engine.torrent.TestSwarm.awaitComplete;
import static dev.torpeddo.engine.torrent.TestSwarm.loopbackConfig;
import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.api.AddTorrent;
import dev.torpeddo.engine.api.TorrentEvent;
import dev.torpeddo.engine.api.TorrentState;
import dev.torpeddo.engine.internal.Bitfield;
import dev.torpeddo.engine.metainfo.Metainfo;
import dev.torpeddo.engine.session.Session;
import dev.torpeddo.engine.session.TorrentHandle;
import dev.torpeddo.engine.storage.FaultyStorage;
import dev.torpeddo.engine.storage.FileStorage;
import dev.torpeddo.engine.storage.StorageFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A full disk or failing reads stop only the affected torrent, lose nothing verified, and can be resumed. */
class DiskFaultTest {
    @TempDir
    Path tmp;

    @Test
    void aFullDiskStopsTheDownloadWithAClearErrorAndResumesOnceSpaceIsFreed() throws Exception {
        Path content = TestSwarm.writeContent(tmp.resolve("seed"), "big", 5, 3_000_000);
        Metainfo meta = TestSwarm.torrentOf(content, 64 * 1024);
        AtomicReference<FaultyStorage> disk = new AtomicReference<>();
        StorageFactory faulty = (m, dir, unwanted) -> {
            FaultyStorage f = new FaultyStorage(StorageFactory.FILES.open(m, dir, unwanted)).diskSpace(1_000_000);
            disk.set(f);
            return f;
        };
        try (Session seeder = Session.start(loopbackConfig());
                Session leecher = Session.start(loopbackConfig(), Environment.REAL.withStorage(faulty))) {
            SwarmTest.awaitState(
                    seeder.add(AddTorrent.of(meta, tmp.resolve("seed")).with(b -> b.useTrackers(false))),
                    TorrentState.SEEDING);
            var events = new CopyOnWriteArrayList<TorrentEvent>();
            leecher.addListener(events::add);
            TorrentHandle h = leecher.add(AddTorrent.of(meta, tmp.resolve("dl"))
                    .with(b -> b.peers(List.of(addressOf(seeder))).useTrackers(false)));
            SwarmTest.awaitState(h, TorrentState.ERROR);

            var s = h.status();
            assertThat(s.error()).hasValueSatisfying(e -> assertThat(e).contains("No space left on device"));
            assertThat(events).anyMatch(e -> e instanceof TorrentEvent.Failed);
            assertThat(s.fractionDone()).isLessThan(1.0);
            assertThat(s.progress().wantedDoneBytes()).isPositive().isLessThanOrEqualTo(1_000_000);
            assertThat(s.peers().connected()).isZero();
            // Whatever it reports as done is really on disk and correct.
            assertVerifiedPiecesAreOnDisk(meta, tmp.resolve("dl"), s.progress().piecesDone());

            disk.get().diskSpace(Long.MAX_VALUE);
            h.resume();
            awaitComplete(h, Duration.ofSeconds(60));
            assertSameFiles(meta, tmp.resolve("seed"), tmp.resolve("dl"));
        }
    }

    @Test
    void aReadErrorWhileSeedingStopsThatTorrentOnly() throws Exception {
        Path a = TestSwarm.writeContent(tmp.resolve("seed"), "a", 6, 500_000);
        Path b = TestSwarm.writeContent(tmp.resolve("seed"), "b", 7, 500_000);
        Metainfo metaA = TestSwarm.torrentOf(a, 32 * 1024);
        Metainfo metaB = TestSwarm.torrentOf(b, 32 * 1024);
        // Torrent a's disk fails on the first read after its data check.
        StorageFactory factory = (m, dir, unwanted) -> {
            var files = StorageFactory.FILES.open(m, dir, unwanted);
            return m.name().equals("a") ? new FaultyStorage(files).failReadNumber(m.pieceCount() + 1) : files;
        };
        try (Session seeder = Session.start(loopbackConfig(), Environment.REAL.withStorage(factory));
                Session leecher = Session.start(loopbackConfig())) {
            TorrentHandle seedA =
                    seeder.add(AddTorrent.of(metaA, tmp.resolve("seed")).with(o -> o.useTrackers(false)));
            TorrentHandle seedB =
                    seeder.add(AddTorrent.of(metaB, tmp.resolve("seed")).with(o -> o.useTrackers(false)));
            SwarmTest.awaitState(seedA, TorrentState.SEEDING);
            SwarmTest.awaitState(seedB, TorrentState.SEEDING);
            leecher.add(AddTorrent.of(metaA, tmp.resolve("dl"))
                    .with(o -> o.peers(List.of(addressOf(seeder))).useTrackers(false)));
            TorrentHandle gotB = leecher.add(AddTorrent.of(metaB, tmp.resolve("dl"))
                    .with(o -> o.peers(List.of(addressOf(seeder))).useTrackers(false)));
            SwarmTest.awaitState(seedA, TorrentState.ERROR);
            assertThat(seedA.status().error()).isPresent();
            awaitComplete(gotB, Duration.ofSeconds(60));
            assertThat(seedB.status().state()).isEqualTo(TorrentState.SEEDING);
        }
    }

    @Test
    void piecesTooLargeToHoldInMemoryAreRefusedWithAClearError() throws Exception {
        Path content = TestSwarm.writeContent(tmp.resolve("seed"), "huge-pieces", 8, 1000);
        Metainfo meta = TestSwarm.torrentOf(content, 64 << 20);
        try (Session s = Session.start(loopbackConfig())) {
            TorrentHandle h = s.add(AddTorrent.of(meta, tmp.resolve("dl")).with(b -> b.useTrackers(false)));
            SwarmTest.awaitState(h, TorrentState.ERROR);
            assertThat(h.status().error()).hasValue("pieces of 64 MiB are larger than Torpeddo supports yet (32 MiB)");
            h.resume();
            assertThat(h.status().state()).isEqualTo(TorrentState.ERROR);
        }
    }

    private static void assertVerifiedPiecesAreOnDisk(Metainfo meta, Path dir, int expectedDone) throws Exception {
        try (FileStorage files = FileStorage.open(meta, dir)) {
            Bitfield ok = new Bitfield(meta.pieceCount());
            for (int p = 0; p < meta.pieceCount(); p++) {
                var buf = java.nio.ByteBuffer.allocate(meta.pieceSize(p));
                while (buf.hasRemaining()) if (files.read(p, buf.position(), buf) <= 0) break;
                byte[] sha = MessageDigest.getInstance("SHA-1").digest(buf.array());
                if (java.util.Arrays.equals(sha, meta.pieceHash(p))) ok.set(p);
            }
            assertThat(ok.cardinality()).as("pieces on disk that verify").isGreaterThanOrEqualTo(expectedDone);
        }
        assertThat(Files.exists(dir)).isTrue();
    }
}
