package dev.torpeddo.engine.torrent;

import static dev.torpeddo.engine.torrent.SwarmTest.awaitState;
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
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Controls on a running torrent, as a user drives them from a UI. */
class ControlsTest {
    @TempDir
    Path tmp;

    private static void corrupt(Path file, long at) throws Exception {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(at);
            int b = raf.read();
            raf.seek(at);
            raf.write(b ^ 0xff);
        }
    }

    @Test
    void aForcedRecheckFindsDataDamagedBehindTheTorrentsBackAndDownloadsItAgain() throws Exception {
        Path content = TestSwarm.writeContent(tmp.resolve("seed"), "chk", 31, 200_000);
        Metainfo meta = TestSwarm.torrentOf(content, 16 * 1024);
        try (Session seeder = Session.start(loopbackConfig());
                Session leecher = Session.start(loopbackConfig())) {
            awaitState(
                    seeder.add(AddTorrent.of(meta, tmp.resolve("seed")).with(b -> b.useTrackers(false))),
                    TorrentState.SEEDING);
            TorrentHandle h = leecher.add(AddTorrent.of(meta, tmp.resolve("dl"))
                    .with(b -> b.peers(List.of(addressOf(seeder))).useTrackers(false)));
            awaitComplete(h, Duration.ofSeconds(60));
            List<TorrentEvent> events = new CopyOnWriteArrayList<>();
            leecher.addListener(events::add);

            corrupt(tmp.resolve("dl/chk/file-0.bin"), 20_000); // piece 1
            h.forceRecheck();

            // It notices, fetches piece 1 again from the seeder, and is whole once more.
            awaitComplete(h, Duration.ofSeconds(60));
            TestSwarm.assertSameFiles(meta, tmp.resolve("seed"), tmp.resolve("dl"));
            assertThat(events)
                    .anyMatch(e -> e instanceof TorrentEvent.StateChanged s && s.to() == TorrentState.CHECKING)
                    .anyMatch(e -> e instanceof TorrentEvent.StateChanged s
                            && s.from() == TorrentState.CHECKING
                            && s.to() == TorrentState.DOWNLOADING);
        }
    }

    @Test
    void aPausedTorrentStaysPausedAfterARecheck() throws Exception {
        Path content = TestSwarm.writeContent(tmp.resolve("seed"), "chk", 32, 100_000);
        Metainfo meta = TestSwarm.torrentOf(content, 16 * 1024);
        try (Session s = Session.start(loopbackConfig())) {
            TorrentHandle h = s.add(AddTorrent.of(meta, tmp.resolve("seed")).with(b -> b.useTrackers(false)));
            awaitState(h, TorrentState.SEEDING);
            h.pause();
            corrupt(tmp.resolve("seed/chk/file-0.bin"), 50_000);
            h.forceRecheck();
            awaitState(h, TorrentState.PAUSED);
            assertThat(h.status().progress().piecesDone()).isEqualTo(meta.pieceCount() - 1);
            assertThat(h.status().progress().checkedBytes()).isEqualTo(meta.totalLength());
        }
    }

    @Test
    void pauseAndResumeWhileTheFirstCheckRunsDecideWhereItEnds() throws Exception {
        // A manager adds torrents paused and starts those the queue allows at once, usually before the check of
        // existing data has ended: neither call may be lost (before, both were ignored until the check ended).
        Path content = TestSwarm.writeContent(tmp.resolve("seed"), "chk", 33, 4_000_000);
        Metainfo meta = TestSwarm.torrentOf(content, 16 * 1024);
        try (Session s = Session.start(loopbackConfig())) {
            TorrentHandle resumed = s.add(AddTorrent.of(meta, tmp.resolve("seed"))
                    .with(b -> b.useTrackers(false).paused(true)));
            resumed.resume();
            awaitState(resumed, TorrentState.SEEDING);
            resumed.remove();

            TorrentHandle paused =
                    s.add(AddTorrent.of(meta, tmp.resolve("seed")).with(b -> b.useTrackers(false)));
            paused.pause();
            awaitState(paused, TorrentState.PAUSED);
            assertThat(paused.status().progress().piecesDone()).isEqualTo(meta.pieceCount());
        }
    }
}
