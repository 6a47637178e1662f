package dev.torpeddo.engine.torrent;

import static dev.torpeddo.engine.torrent.SwarmTest.awaitState;
import static dev.torpeddo.engine.torrent.SwarmTest.indexOf;
import static dev.torpeddo.engine.torrent.TestSwarm.addressOf;
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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Moving a running torrent's files and renaming them, through the session's API, on loopback. */
class MoveAndRenameTest {
    @TempDir
    Path tmp;

    @Test
    void aSeedingTorrentMovesItsFilesAndServesThemFromTheNewPlace() throws Exception {
        Path content = TestSwarm.writeContent(tmp.resolve("old"), "mv", 51, 300_000, 70_000);
        Metainfo meta = TestSwarm.torrentOf(content, 16 * 1024);
        try (Session seeder = Session.start(loopbackConfig());
                Session leecher = Session.start(loopbackConfig())) {
            List<TorrentEvent> events = new CopyOnWriteArrayList<>();
            seeder.addListener(events::add);
            TorrentHandle seed =
                    seeder.add(AddTorrent.of(meta, tmp.resolve("old")).with(b -> b.useTrackers(false)));
            awaitState(seed, TorrentState.SEEDING);

            Path moved = seed.moveStorage(tmp.resolve("new")).get(30, TimeUnit.SECONDS);

            assertThat(moved).isEqualTo(tmp.resolve("new"));
            assertThat(seed.savePath()).isEqualTo(tmp.resolve("new"));
            assertThat(tmp.resolve("new/mv/file-0.bin")).exists();
            assertThat(tmp.resolve("old/mv")).doesNotExist();
            awaitState(seed, TorrentState.SEEDING);
            assertThat(seed.status().progress().movedBytes()).isEqualTo(meta.totalLength());
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (events.stream().noneMatch(e -> e instanceof TorrentEvent.StorageMoved)
                    && System.nanoTime() < deadline) Thread.sleep(20); // events arrive on their own thread
            assertThat(events).anyMatch(e -> e instanceof TorrentEvent.StorageMoved m && m.to().equals(moved));

            TorrentHandle h = leecher.add(AddTorrent.of(meta, tmp.resolve("dl"))
                    .with(b -> b.peers(List.of(addressOf(seeder))).useTrackers(false)));
            awaitComplete(h, Duration.ofSeconds(60));
            TestSwarm.assertSameFiles(meta, tmp.resolve("new"), tmp.resolve("dl"));
        }
    }

    @Test
    void aRenamedFileKeepsItsDataIsServedAndSurvivesARestart() throws Exception {
        Path content = TestSwarm.writeContent(tmp.resolve("seed"), "rn", 52, 200_000, 90_000);
        Metainfo meta = TestSwarm.torrentOf(content, 16 * 1024);
        int file0 = indexOf(meta, "rn/file-0.bin");
        byte[] record;
        try (Session seeder = Session.start(loopbackConfig());
                Session leecher = Session.start(loopbackConfig())) {
            TorrentHandle seed =
                    seeder.add(AddTorrent.of(meta, tmp.resolve("seed")).with(b -> b.useTrackers(false)));
            awaitState(seed, TorrentState.SEEDING);
            seed.renameFile(file0, "rn/renamed.bin").get(10, TimeUnit.SECONDS);
            seed.renameFolder("rn", "films").get(10, TimeUnit.SECONDS);
            assertThat(seed.files().get(file0).path()).isEqualTo("films/renamed.bin");
            assertThat(tmp.resolve("seed/films/renamed.bin")).exists();
            assertThat(tmp.resolve("seed/rn")).doesNotExist();

            // Hostile or clashing names are refused, with the reason.
            for (String bad : List.of("../escape.bin", "/etc/passwd", "films/sub/file-1.bin", "FILMS/SUB/FILE-1.BIN")) {
                var attempt = seed.renameFile(file0, bad);
                Throwable failure = null;
                try {
                    attempt.get(10, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    failure = e.getCause();
                }
                assertThat(failure).as("renaming to %s", bad).isInstanceOf(IllegalArgumentException.class);
            }

            // A leecher (which keeps the torrent's names) gets the same bytes.
            TorrentHandle h = leecher.add(AddTorrent.of(meta, tmp.resolve("dl"))
                    .with(b -> b.peers(List.of(addressOf(seeder))).useTrackers(false)));
            awaitComplete(h, Duration.ofSeconds(60));
            assertThat(Files.mismatch(tmp.resolve("seed/films/renamed.bin"), tmp.resolve("dl/rn/file-0.bin")))
                    .isEqualTo(-1);
            record = seed.saveResumeData().get(30, TimeUnit.SECONDS);
        }
        try (Session again = Session.start(loopbackConfig())) {
            TorrentHandle h = again.add(AddTorrent.of(meta, tmp.resolve("seed"))
                    .with(b -> b.useTrackers(false).resumeData(record)));
            awaitState(h, TorrentState.SEEDING);
            assertThat(h.files().get(file0).path()).isEqualTo("films/renamed.bin");
            assertThat(h.status().progress().checkedBytes())
                    .as("trusted without reading")
                    .isZero();
            assertThat(h.status().fractionDone()).isEqualTo(1.0);
        }
    }

    @Test
    void aRenameNoResumeRecordKnowsYetSurvivesACrashWithoutFetchingAgain() throws Exception {
        Path content = TestSwarm.writeContent(tmp.resolve("seed"), "cr", 53, 200_000, 90_000);
        Metainfo meta = TestSwarm.torrentOf(content, 16 * 1024);
        int file0 = indexOf(meta, "cr/file-0.bin");
        Path journal = tmp.resolve("seed/.torpeddo-" + meta.infoHash().hex() + ".rename");
        byte[] record;
        try (Session s = Session.start(loopbackConfig())) {
            TorrentHandle h = s.add(AddTorrent.of(meta, tmp.resolve("seed")).with(b -> b.useTrackers(false)));
            awaitState(h, TorrentState.SEEDING);
            record = h.saveResumeData().get(30, TimeUnit.SECONDS);
            h.renameFile(file0, "cr/renamed.bin").get(10, TimeUnit.SECONDS);
            assertThat(journal).exists();
        } // and the process ends before the next resume record: the caller only has the one from before

        try (Session again = Session.start(loopbackConfig())) {
            TorrentHandle h = again.add(AddTorrent.of(meta, tmp.resolve("seed"))
                    .with(b -> b.useTrackers(false).resumeData(record)));
            awaitState(h, TorrentState.SEEDING);
            assertThat(h.files().get(file0).path()).isEqualTo("cr/renamed.bin");
            assertThat(h.status().progress().checkedBytes())
                    .as("trusted without reading")
                    .isZero();
            assertThat(h.status().fractionDone()).isEqualTo(1.0);
            assertThat(tmp.resolve("seed/cr/file-0.bin")).doesNotExist();

            h.saveResumeData().get(30, TimeUnit.SECONDS);
            assertThat(journal)
                    .as("a record made is not yet a record kept: the journal waits")
                    .exists();
        }
    }

    @Test
    void aRecordMadeAfterARenameButNeverStoredLosesNothingAndOneKeptRetiresTheJournal() throws Exception {
        Path content = TestSwarm.writeContent(tmp.resolve("seed"), "ks", 55, 200_000, 90_000);
        Metainfo meta = TestSwarm.torrentOf(content, 16 * 1024);
        int file0 = indexOf(meta, "ks/file-0.bin");
        Path journal = tmp.resolve("seed/.torpeddo-" + meta.infoHash().hex() + ".rename");
        byte[] before;
        byte[] after;
        try (Session s = Session.start(loopbackConfig())) {
            TorrentHandle h = s.add(AddTorrent.of(meta, tmp.resolve("seed")).with(b -> b.useTrackers(false)));
            awaitState(h, TorrentState.SEEDING);
            before = h.saveResumeData().get(30, TimeUnit.SECONDS);
            h.renameFile(file0, "ks/renamed.bin").get(10, TimeUnit.SECONDS);
            after = h.saveResumeData().get(30, TimeUnit.SECONDS); // made, then the caller crashes before storing it
        }
        for (int run = 0; run < 2; run++) {
            // The caller only kept the record from before the rename: the journal still says where the file is.
            try (Session again = Session.start(loopbackConfig())) {
                TorrentHandle h = again.add(AddTorrent.of(meta, tmp.resolve("seed"))
                        .with(b -> b.useTrackers(false).resumeData(before)));
                awaitState(h, TorrentState.SEEDING);
                assertThat(h.files().get(file0).path()).isEqualTo("ks/renamed.bin");
                assertThat(h.status().progress().checkedBytes())
                        .as("trusted without reading")
                        .isZero();
            }
        }
        assertThat(journal).exists();
        try (Session again = Session.start(loopbackConfig())) {
            TorrentHandle h = again.add(AddTorrent.of(meta, tmp.resolve("seed"))
                    .with(b -> b.useTrackers(false).resumeData(after)));
            awaitState(h, TorrentState.SEEDING);
            assertThat(h.files().get(file0).path()).isEqualTo("ks/renamed.bin");
            assertThat(journal)
                    .as("opened with a record that names the file: the journal is retired")
                    .doesNotExist();
        }
    }

    @Test
    void aDamagedRenameJournalMeansAFullCheckNeverACrashOrAWriteOutside() throws Exception {
        Path content = TestSwarm.writeContent(tmp.resolve("seed"), "dj", 54, 200_000, 90_000);
        Metainfo meta = TestSwarm.torrentOf(content, 16 * 1024);
        int file0 = indexOf(meta, "dj/file-0.bin");
        Path journal = tmp.resolve("seed/.torpeddo-" + meta.infoHash().hex() + ".rename");
        byte[] record;
        try (Session s = Session.start(loopbackConfig())) {
            TorrentHandle h = s.add(AddTorrent.of(meta, tmp.resolve("seed")).with(b -> b.useTrackers(false)));
            awaitState(h, TorrentState.SEEDING);
            record = h.saveResumeData().get(30, TimeUnit.SECONDS);
            h.renameFile(file0, "dj/renamed.bin").get(10, TimeUnit.SECONDS);
        }
        Files.writeString(
                journal, "torpeddo rename 1\n" + meta.infoHash().hex() + "\nrenaming\na 0 ../../outside.bin\nm 0\n");

        try (Session again = Session.start(loopbackConfig())) {
            TorrentHandle h = again.add(AddTorrent.of(meta, tmp.resolve("seed"))
                    .with(b -> b.useTrackers(false).paused(true).resumeData(record)));
            awaitState(h, TorrentState.PAUSED);
            assertThat(h.status().error()).isEmpty();
            assertThat(h.files().get(file0).path()).isEqualTo("dj/file-0.bin");
            assertThat(h.status().progress().checkedBytes()).as("a full check").isEqualTo(meta.totalLength());
            assertThat(h.files().get(file0).doneBytes())
                    .as("to be fetched again")
                    .isZero();
            assertThat(journal).doesNotExist();
            assertThat(tmp.resolve("seed/dj/renamed.bin")).as("left alone").exists();
            assertThat(tmp.resolve("outside.bin")).doesNotExist();
            assertThat(tmp.getParent().resolve("outside.bin")).doesNotExist();
        }
    }
}
