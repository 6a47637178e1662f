package dev.torpeddo.engine.resume;

import static dev.torpeddo.engine.resume.TestRecords.bits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.torpeddo.engine.internal.Bitfield;
import dev.torpeddo.engine.metainfo.FileEntry;
import dev.torpeddo.engine.metainfo.InfoHash;
import dev.torpeddo.engine.metainfo.Metainfo;
import dev.torpeddo.engine.metainfo.TorrentBuilder;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real files, stat-ed the way a torrent would stat them, against records made from such stats. The torrent
 * "multi" has 16 KiB pieces over a.bin [0, 40000), b.bin [40000, 70000), c.bin (empty) and d.bin [70000, 90000):
 * a holds pieces 0-2, b pieces 2-4, d pieces 4-5; pieces 2 and 4 span two files.
 */
class ResumeCheckTest {
    private static final FileTime FLUSHED = FileTime.fromMillis(1_700_000_000_000L);
    private static final FileTime LATER = FileTime.fromMillis(1_700_000_060_000L);
    private static final int A = 0;
    private static final int B = 1;
    private static final int D = 3;

    @TempDir
    Path downloads;

    private Metainfo meta;
    private Path partFile;

    @BeforeEach
    void buildTheTorrent() throws IOException {
        Path source = downloads.resolve("multi");
        Files.createDirectories(source);
        Random random = new Random(1);
        for (String[] f : new String[][] {{"a.bin", "40000"}, {"b.bin", "30000"}, {"c.bin", "0"}, {"d.bin", "20000"}}) {
            byte[] content = new byte[Integer.parseInt(f[1])];
            random.nextBytes(content);
            Files.write(source.resolve(f[0]), content);
        }
        meta = TorrentBuilder.from(source).pieceLength(16384).hashThreads(1).buildMetainfo();
        assertThat(meta.files())
                .extracting(FileEntry::displayPath)
                .containsExactly("multi/a.bin", "multi/b.bin", "multi/c.bin", "multi/d.bin");
        assertThat(meta.pieceCount()).isEqualTo(6);
        partFile = downloads.resolve(".torpeddo-" + meta.infoHash().hex() + ".parts");
        for (int i = 0; i < 4; i++) Files.setLastModifiedTime(path(i), FLUSHED);
    }

    @Test
    void aRecordThatMatchesTheFilesIsTrustedWithoutHashingAnything() throws IOException {
        ResumeRecord record = recordNow(bits(6, 0, 1, 3, 5));

        ResumeVerdict.Trusted t = trusted(ResumeCheck.check(meta, record, stat()));

        assertThat(t.trusted()).isEqualTo(bits(6, 0, 1, 3, 5));
        assertThat(t.toHash().isEmpty()).isTrue();
        assertThat(t.record()).isEqualTo(record);
    }

    @Test
    void theStoredFormGivesTheSameVerdict() throws IOException {
        ResumeRecord record = recordNow(bits(6, 0, 1, 2, 3, 4, 5));
        Files.setLastModifiedTime(path(D), LATER);

        assertThat(ResumeCheck.check(meta, ResumeCodec.encode(record), stat()))
                .isEqualTo(ResumeCheck.check(meta, record, stat()));
    }

    @Test
    void everyPieceOfAFileWrittenAfterTheFlushIsHashedRecordedOrNot() throws IOException {
        ResumeRecord record = recordNow(bits(6, 0, 1, 2, 3, 5)); // piece 4 not yet recorded
        Files.setLastModifiedTime(path(B), LATER); // e.g. piece 4 written after the flush

        ResumeVerdict.Trusted t = trusted(ResumeCheck.check(meta, record, stat()));

        // b's pieces, including 2 (shared with a) and 4 (shared with d); the rest stands as recorded.
        assertThat(t.toHash()).isEqualTo(bits(6, 2, 3, 4));
        assertThat(t.trusted()).isEqualTo(bits(6, 0, 1, 5));
    }

    @Test
    void aFileOfASingleFileTorrentWrittenSinceIsHashedWhole() throws IOException {
        Path single = downloads.resolve("single.bin");
        Files.write(single, new byte[50_000]);
        Metainfo one =
                TorrentBuilder.from(single).pieceLength(16384).hashThreads(1).buildMetainfo();
        ResumeRecord record = TestRecords.of(
                one.infoHash(),
                bits(4, 0, 1, 2, 3),
                new DiskSnapshot(List.of(FileState.present(50_000, FLUSHED)), FileState.ABSENT));

        DiskSnapshot now = new DiskSnapshot(List.of(FileState.present(50_000, LATER)), FileState.ABSENT);
        ResumeVerdict.Trusted t = trusted(ResumeCheck.check(one, record, now));

        assertThat(t.toHash()).isEqualTo(Bitfield.full(4));
        assertThat(t.trusted().isEmpty()).isTrue();
    }

    /**
     * Files are sparse and grow as later pieces land: growth after the flush is a reason to hash the file's pieces,
     * not to distrust the whole torrent.
     */
    @Test
    void aFileThatGrewAfterTheFlushIsHashedNotAFullCheck() throws IOException {
        byte[] b = Files.readAllBytes(path(B));
        truncate(B, 20_000); // at the flush, b held piece 2's bytes (to 9152) but not piece 3's (to 25536)
        ResumeRecord record = recordNow(bits(6, 0, 1, 2, 5));
        Files.write(path(B), b);
        Files.setLastModifiedTime(path(B), LATER);

        ResumeVerdict.Trusted t = trusted(ResumeCheck.check(meta, record, stat()));

        assertThat(t.toHash()).isEqualTo(bits(6, 2, 3, 4));
        assertThat(t.trusted()).isEqualTo(bits(6, 0, 1, 5));
    }

    @Test
    void aMissingFileHoldingVerifiedPiecesMeansAFullCheckKeepingTheSettings() throws IOException {
        ResumeRecord record = recordNow(bits(6, 0, 1, 5));
        Files.delete(path(D));

        ResumeVerdict.FullCheck f = fullCheck(ResumeCheck.check(meta, record, stat()));

        assertThat(f.reason()).contains("multi/d.bin").contains("missing");
        assertThat(f.record()).contains(record);
    }

    @Test
    void aFileShorterThanRecordedMeansAFullCheck() throws IOException {
        ResumeRecord record = recordNow(bits(6, 0, 1, 2, 3, 4, 5));
        truncate(A, 39_999);
        Files.setLastModifiedTime(path(A), FLUSHED); // even with the time put back

        ResumeVerdict.FullCheck f = fullCheck(ResumeCheck.check(meta, record, stat()));

        assertThat(f.reason()).contains("multi/a.bin").contains("39999 bytes, 40000 when recorded");
    }

    @Test
    void aMissingFileWithoutVerifiedPiecesIsSimplyMissing() throws IOException {
        Files.delete(path(D));
        ResumeRecord record = recordNow(bits(6, 0, 1)); // d absent then and now

        ResumeVerdict.Trusted t = trusted(ResumeCheck.check(meta, record, stat()));

        assertThat(t.trusted()).isEqualTo(bits(6, 0, 1));
        assertThat(t.toHash().isEmpty()).isTrue();
    }

    @Test
    void aFileThatAppearedSinceIsHashed() throws IOException {
        byte[] d = Files.readAllBytes(path(D));
        Files.delete(path(D));
        ResumeRecord record = recordNow(bits(6, 0, 1));
        Files.write(path(D), d);

        ResumeVerdict.Trusted t = trusted(ResumeCheck.check(meta, record, stat()));

        assertThat(t.toHash()).isEqualTo(bits(6, 4, 5));
        assertThat(t.trusted()).isEqualTo(bits(6, 0, 1));
    }

    @Test
    void aRecordClaimingPiecesBeyondItsFilesRecordedSizeMeansAFullCheck() throws IOException {
        truncate(A, 20_000); // piece 1 [16384, 32768) cannot be in a 20000-byte a.bin
        ResumeRecord record = recordNow(bits(6, 0, 1));

        assertThat(fullCheck(ResumeCheck.check(meta, record, stat())).reason())
                .contains("multi/a.bin")
                .contains("recorded without all of its verified pieces");
    }

    /** b.bin unwanted and never created: the bytes of pieces 2 and 4 that fall in it are in the part file. */
    @Test
    void piecesStoredInThePartFileAreTrustedWhileItIsUnchanged() throws IOException {
        Files.delete(path(B));
        writePartFile(70_000);
        ResumeRecord record = recordNow(bits(6, 0, 1, 2, 4, 5));

        ResumeVerdict.Trusted t = trusted(ResumeCheck.check(meta, record, stat()));

        assertThat(t.trusted()).isEqualTo(bits(6, 0, 1, 2, 4, 5));
        assertThat(t.toHash().isEmpty()).isTrue();
    }

    @Test
    void aPartFileWrittenAfterTheFlushHasThePiecesOfAbsentFilesHashed() throws IOException {
        Files.delete(path(B));
        writePartFile(70_000);
        ResumeRecord record = recordNow(bits(6, 0, 1, 2, 4, 5));
        Files.setLastModifiedTime(partFile, LATER);

        ResumeVerdict.Trusted t = trusted(ResumeCheck.check(meta, record, stat()));

        assertThat(t.toHash()).isEqualTo(bits(6, 2, 3, 4));
        assertThat(t.trusted()).isEqualTo(bits(6, 0, 1, 5));
    }

    @Test
    void aMissingOrShortPartFileHoldingVerifiedPiecesMeansAFullCheck() throws IOException {
        Files.delete(path(B));
        writePartFile(70_000);
        ResumeRecord record = recordNow(bits(6, 2));

        Files.write(partFile, new byte[69_999]);
        assertThat(fullCheck(ResumeCheck.check(meta, record, stat())).reason())
                .contains("multi/b.bin")
                .contains("part file");
        Files.delete(partFile);
        assertThat(fullCheck(ResumeCheck.check(meta, record, stat())).reason()).contains("missing");
    }

    @Test
    void aPartFileRecordedTooShortForItsPiecesMeansAFullCheck() throws IOException {
        Files.delete(path(B));
        writePartFile(49_152); // piece 2's bytes in b end at 49152, piece 4's at 70000
        assertThat(trusted(ResumeCheck.check(meta, recordNow(bits(6, 2)), stat()))
                        .trusted())
                .isEqualTo(bits(6, 2));
        assertThat(fullCheck(ResumeCheck.check(meta, recordNow(bits(6, 4)), stat()))
                        .reason())
                .contains("recorded without all of its verified pieces");
    }

    @Test
    void anotherTorrentsRecordMeansAFullCheckWithoutIt() throws IOException {
        ResumeRecord mine = recordNow(Bitfield.full(6));
        ResumeRecord other = TestRecords.of(InfoHash.ofHex("ff".repeat(20)), mine.pieces(), mine.disk());

        ResumeVerdict.FullCheck f = fullCheck(ResumeCheck.check(meta, other, stat()));

        assertThat(f.reason()).contains("another torrent");
        assertThat(f.record()).isEmpty();
    }

    @Test
    void aRecordOfAnotherShapeMeansAFullCheck() throws IOException {
        DiskSnapshot disk = stat();
        ResumeRecord sevenPieces = TestRecords.of(meta.infoHash(), Bitfield.full(7), disk);
        assertThat(fullCheck(ResumeCheck.check(meta, sevenPieces, disk)).reason())
                .contains("7 pieces");
        List<FileState> threeFiles = new ArrayList<>(disk.files());
        threeFiles.removeLast();
        ResumeRecord fewerFiles =
                TestRecords.of(meta.infoHash(), Bitfield.full(6), new DiskSnapshot(threeFiles, FileState.ABSENT));
        assertThat(fullCheck(ResumeCheck.check(meta, fewerFiles, disk)).reason())
                .contains("3 files");
    }

    @Test
    void anUnreadableRecordMeansAFullCheck() throws IOException {
        byte[] stored = ResumeCodec.encode(recordNow(Bitfield.full(6)));
        DiskSnapshot now = stat();

        for (byte[] bad : List.of(
                Arrays.copyOf(stored, stored.length / 2),
                new byte[0],
                "garbage".getBytes(StandardCharsets.US_ASCII),
                new byte[4096])) {
            ResumeVerdict.FullCheck f = fullCheck(ResumeCheck.check(meta, bad, now));
            assertThat(f.reason()).startsWith("unusable resume record: ").doesNotContain("\n");
            assertThat(f.record()).isEmpty();
        }
    }

    @Test
    void theCallerMustStatEveryFile() throws IOException {
        ResumeRecord record = recordNow(Bitfield.full(6));
        DiskSnapshot short1 = new DiskSnapshot(stat().files().subList(0, 3), FileState.ABSENT);
        assertThatThrownBy(() -> ResumeCheck.check(meta, record, short1)).isInstanceOf(IllegalArgumentException.class);
    }

    /** A record of {@code pieces} with the files as they are now, as a torrent makes one right after a flush. */
    private ResumeRecord recordNow(Bitfield pieces) throws IOException {
        return TestRecords.of(meta.infoHash(), pieces, stat());
    }

    /** The stat a torrent takes: each file and the part file, present with size and time, or absent. */
    private DiskSnapshot stat() throws IOException {
        List<FileState> files = new ArrayList<>();
        for (int i = 0; i < meta.files().size(); i++) files.add(stat(path(i)));
        return new DiskSnapshot(files, stat(partFile));
    }

    private static FileState stat(Path p) throws IOException {
        if (!Files.exists(p)) return FileState.ABSENT;
        return FileState.present(Files.size(p), Files.getLastModifiedTime(p));
    }

    private Path path(int file) {
        return downloads.resolve(meta.files().get(file).displayPath());
    }

    private void truncate(int file, long length) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(path(file).toFile(), "rw")) {
            f.setLength(length);
        }
        Files.setLastModifiedTime(path(file), FLUSHED);
    }

    private void writePartFile(int length) throws IOException {
        Files.write(partFile, new byte[length]);
        Files.setLastModifiedTime(partFile, FLUSHED);
    }

    private static ResumeVerdict.Trusted trusted(ResumeVerdict v) {
        assertThat(v).isInstanceOf(ResumeVerdict.Trusted.class);
        return (ResumeVerdict.Trusted) v;
    }

    private static ResumeVerdict.FullCheck fullCheck(ResumeVerdict v) {
        assertThat(v).isInstanceOf(ResumeVerdict.FullCheck.class);
        return (ResumeVerdict.FullCheck) v;
    }
}
