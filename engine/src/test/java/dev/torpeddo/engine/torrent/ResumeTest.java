package dev.torpeddo.engine.torrent;

import static dev.torpeddo.engine.torrent.SwarmTest.awaitState;
import static dev.torpeddo.engine.torrent.SwarmTest.indexOf;
import static dev.torpeddo.engine.torrent.TestSwarm.addressOf;
import static dev.torpeddo.engine.torrent.TestSwarm.awaitComplete;
import static dev.torpeddo.engine.torrent.TestSwarm.loopbackConfig;
import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.api.AddTorrent;
import dev.torpeddo.engine.api.TorrentState;
import dev.torpeddo.engine.api.TorrentStatus;
import dev.torpeddo.engine.metainfo.Metainfo;
import dev.torpeddo.engine.session.Session;
import dev.torpeddo.engine.session.TorrentHandle;
import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Resume records end to end: a torrent downloaded on loopback exports one, and a new session adds the
 * torrent with it. A record the files agree with is trusted without reading; anything else is checked.
 */
class ResumeTest {
    @TempDir
    Path tmp;

    private Metainfo meta;
    private byte[] record;
    private TorrentStatus before;

    /** Downloads a three-file torrent (one file skipped) and keeps its resume record. */
    @BeforeEach
    void downloadAndSave() throws Exception {
        Path content = TestSwarm.writeContent(tmp.resolve("seed"), "res", 21, 300_000, 150_000, 90_000);
        meta = TestSwarm.torrentOf(content, 32 * 1024);
        try (Session seeder = Session.start(loopbackConfig());
                Session leecher = Session.start(loopbackConfig())) {
            awaitState(
                    seeder.add(AddTorrent.of(meta, tmp.resolve("seed")).with(b -> b.useTrackers(false))),
                    TorrentState.SEEDING);
            TorrentHandle h = leecher.add(AddTorrent.of(meta, tmp.resolve("dl"))
                    .with(b -> b.peers(List.of(addressOf(seeder)))
                            .filePriorities(Map.of(indexOf(meta, "res/file-2.bin"), 0))
                            .useTrackers(false)));
            awaitComplete(h, Duration.ofSeconds(60));
            h.addTrackers(List.of(URI.create("http://127.0.0.1:1/announce")));
            before = h.status();
            record = h.saveResumeData().get(30, TimeUnit.SECONDS);
        }
    }

    private TorrentHandle resume(Session s, byte[] data) throws Exception {
        TorrentHandle h = s.add(AddTorrent.of(meta, tmp.resolve("dl"))
                .with(b -> b.useTrackers(false).paused(true).resumeData(data)));
        awaitState(h, TorrentState.PAUSED);
        return h;
    }

    @Test
    void aRecordTheFilesAgreeWithIsTrustedWithoutReadingAndItsSettingsCarryOn() throws Exception {
        try (Session s = Session.start(loopbackConfig())) {
            TorrentHandle h = resume(s, record);
            TorrentStatus st = h.status();
            assertThat(st.progress().piecesDone()).isEqualTo(before.progress().piecesDone());
            assertThat(st.fractionDone()).isEqualTo(1.0);
            assertThat(st.progress().checkedBytes()).as("nothing was read").isZero();
            assertThat(h.files().get(indexOf(meta, "res/file-2.bin")).priority())
                    .isZero();
            assertThat(st.transfer().downloadedAllTime())
                    .isEqualTo(before.transfer().downloaded());
            assertThat(st.transfer().downloaded()).isZero();
            assertThat(st.peers().known()).isEqualTo(1); // the seeder's address came back
            assertThat(h.trackers()).anyMatch(t -> t.uri().getPort() == 1);
        }
    }

    @Test
    void aFileWrittenAfterTheRecordIsHashedAgainAndABadPieceInItIsNotTrusted() throws Exception {
        Path file = tmp.resolve("dl/res/file-0.bin");
        FileTime mtime = Files.getLastModifiedTime(file);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(40_000); // inside piece 1
            raf.write(raf.read() ^ 0xff);
        }
        Files.setLastModifiedTime(file, FileTime.fromMillis(mtime.toMillis() + 5_000));
        try (Session s = Session.start(loopbackConfig())) {
            TorrentHandle h = resume(s, record);
            TorrentStatus st = h.status();
            assertThat(st.progress().piecesDone()).isEqualTo(before.progress().piecesDone() - 1);
            assertThat(h.pieces().state(1)).isNotEqualTo(dev.torpeddo.engine.api.PieceStates.HAVE);
            assertThat(h.pieces().state(0)).isEqualTo(dev.torpeddo.engine.api.PieceStates.HAVE);
        }
    }

    @Test
    void aMissingFileMeansEveryPieceIsCheckedAndOnlyWhatIsThereCounts() throws Exception {
        Files.delete(tmp.resolve("dl/res/file-0.bin"));
        try (Session s = Session.start(loopbackConfig())) {
            TorrentHandle h = resume(s, record);
            TorrentStatus st = h.status();
            assertThat(st.progress().checkedBytes()).isEqualTo(meta.totalLength());
            long inFile1 = 150_000 / (32 * 1024); // whole pieces that lie only in the remaining file
            assertThat(st.progress().piecesDone())
                    .isBetween((int) inFile1, before.progress().piecesDone() - 9);
            assertThat(h.files().get(indexOf(meta, "res/file-0.bin")).doneBytes())
                    .isZero();
            // The record's settings and totals survive a full check.
            assertThat(h.files().get(indexOf(meta, "res/file-2.bin")).priority())
                    .isZero();
            assertThat(st.transfer().downloadedAllTime())
                    .isEqualTo(before.transfer().downloaded());
        }
    }

    @Test
    void aDamagedOrForeignRecordLeadsToAFullCheckNeverToTrust() throws Exception {
        byte[] truncated = Arrays.copyOf(record, record.length / 2);
        byte[] garbage = new byte[record.length];
        new java.util.Random(7).nextBytes(garbage);
        for (byte[] bad : List.of(truncated, garbage, new byte[0], otherTorrentsRecord())) {
            try (Session s = Session.start(loopbackConfig())) {
                TorrentHandle h = resume(s, bad);
                TorrentStatus st = h.status();
                assertThat(st.progress().checkedBytes()).isEqualTo(meta.totalLength());
                assertThat(st.progress().piecesDone())
                        .isEqualTo(before.progress().piecesDone());
                assertThat(st.transfer().downloadedAllTime()).isZero(); // nothing taken from it
            }
        }
    }

    private byte[] otherTorrentsRecord() throws Exception {
        Path other = TestSwarm.writeContent(tmp.resolve("other"), "res", 22, 300_000, 150_000, 90_000);
        Metainfo otherMeta = TestSwarm.torrentOf(other, 32 * 1024);
        try (Session s = Session.start(loopbackConfig())) {
            TorrentHandle h =
                    s.add(AddTorrent.of(otherMeta, tmp.resolve("other")).with(b -> b.useTrackers(false)));
            awaitState(h, TorrentState.SEEDING);
            return h.saveResumeData().get(30, TimeUnit.SECONDS);
        }
    }
}
