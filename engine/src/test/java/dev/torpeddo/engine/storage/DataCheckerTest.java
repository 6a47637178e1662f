package dev.torpeddo.engine.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.torpeddo.engine.internal.Bitfield;
import dev.torpeddo.engine.storage.TestTorrents.TestTorrent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataCheckerTest {
    // Files of 40, 30 and 25 bytes in pieces of 16: pieces 0-1 lie in f0, 2 spans f0/f1, 3 in f1,
    // 4 spans f1/f2, 5 (short, 15 bytes) in f2.
    private static final long[] LENGTHS = {40, 30, 25};

    @TempDir
    Path dir;

    private final DiskIo io = new DiskIo(3, 4);

    @AfterEach
    void closePool() {
        io.close();
    }

    @Test
    void aCompleteDownloadVerifiesEveryPiece() throws Exception {
        TestTorrent t = TestTorrents.random(1, 16, LENGTHS);
        t.writeAllFiles(dir);

        assertThat(check(t, 2)).isEqualTo(Bitfield.full(6));
    }

    @Test
    void missingFilesLeaveTheirPiecesUnverifiedWithoutReadingThem() throws Exception {
        TestTorrent t = TestTorrents.random(2, 16, LENGTHS);
        t.writeFile(dir, 0);
        t.writeFile(dir, 2);
        try (FaultyStorage storage = new FaultyStorage(FileStorage.open(t.metainfo(), dir))) {
            DataChecker checker = new DataChecker(storage, new PieceVerifier(t.metainfo()), io, 2);

            Bitfield have = checker.check();

            assertThat(pieces(have)).containsExactly(0, 1, 5);
            assertThat(storage.reads()).as("only pieces 0, 1 and 5 were read").isEqualTo(3);
            assertThat(checker.bytesChecked()).isEqualTo(checker.totalBytes());
        }
        assertThat(t.pathOf(dir, 1)).doesNotExist();
    }

    @Test
    void aCorruptedByteFailsOnlyItsPiece() throws Exception {
        TestTorrent t = TestTorrents.random(3, 16, LENGTHS);
        t.writeAllFiles(dir);
        byte[] f1 = t.fileContent(1);
        f1[10] ^= 1; // torrent byte 50, piece 3
        Files.write(t.pathOf(dir, 1), f1);

        assertThat(pieces(check(t, 3))).containsExactly(0, 1, 2, 4, 5);
    }

    @Test
    void aTruncatedFileKeepsItsCompletePiecesAndIsNotModified() throws Exception {
        TestTorrent t = TestTorrents.random(4, 16, LENGTHS);
        t.writeAllFiles(dir);
        Files.write(t.pathOf(dir, 0), Arrays.copyOf(t.fileContent(0), 33));

        assertThat(pieces(check(t, 2))).containsExactly(0, 1, 3, 4, 5);
        assertThat(t.pathOf(dir, 0)).hasBinaryContent(Arrays.copyOf(t.fileContent(0), 33));
    }

    @Test
    void anEmptyDownloadDirectoryVerifiesNothingAndCreatesNothing() throws Exception {
        TestTorrent t = TestTorrents.random(5, 16, LENGTHS);

        assertThat(check(t, 2).isEmpty()).isTrue();
        assertThat(dir.resolve("multi")).doesNotExist();
    }

    @Test
    void piecesKeptInThePartFileForAnUnwantedFileVerify() throws Exception {
        TestTorrent t = TestTorrents.random(6, 16, LENGTHS);
        try (FileStorage storage = FileStorage.open(t.metainfo(), dir, Set.of(1), 8)) {
            FileStorageTest.writeAllPiecesInBlocks(storage, t, 16);
            Bitfield have = new DataChecker(storage, new PieceVerifier(t.metainfo()), io, 2).check();

            assertThat(have).isEqualTo(Bitfield.full(6));
        }
        assertThat(t.pathOf(dir, 1)).doesNotExist();
    }

    @Test
    void manyPiecesAreCheckedInParallelWithFewBuffers() throws Exception {
        long[] lengths = new long[50];
        Arrays.fill(lengths, 1000);
        TestTorrent t = TestTorrents.random(7, 256, lengths);
        t.writeAllFiles(dir);
        byte[] f7 = t.fileContent(7);
        f7[0] ^= (byte) 0x80; // torrent byte 7000, piece 27
        Files.write(t.pathOf(dir, 7), f7);

        Bitfield have = check(t, 2);

        assertThat(have.cardinality()).isEqualTo(t.metainfo().pieceCount() - 1);
        assertThat(have.get(27)).isFalse();
    }

    @Test
    void aReadErrorSurfacesWithItsMessage() throws Exception {
        TestTorrent t = TestTorrents.random(8, 16, LENGTHS);
        t.writeAllFiles(dir);
        try (FaultyStorage storage = new FaultyStorage(FileStorage.open(t.metainfo(), dir)).failReadNumber(2)) {
            DataChecker checker = new DataChecker(storage, new PieceVerifier(t.metainfo()), io, 2);

            assertThatThrownBy(checker::check)
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("Input/output error");
        }
    }

    @Test
    void interruptingTheCheckCancelsIt() throws Exception {
        TestTorrent t = TestTorrents.random(9, 16, LENGTHS);
        t.writeAllFiles(dir);
        CountDownLatch gate = new CountDownLatch(1);
        try (FaultyStorage storage = new FaultyStorage(FileStorage.open(t.metainfo(), dir)).holdReadsUntil(gate)) {
            DataChecker checker = new DataChecker(storage, new PieceVerifier(t.metainfo()), io, 1);
            AtomicReference<Throwable> outcome = new AtomicReference<>();
            Thread checking = Thread.ofPlatform().start(() -> {
                try {
                    checker.check();
                    outcome.set(new AssertionError("check finished"));
                } catch (Throwable e) {
                    outcome.set(e);
                }
            });
            while (storage.reads() == 0)
                Thread.onSpinWait(); // the first piece is being read; the checker waits for its buffer

            checking.interrupt();
            checking.join();
            gate.countDown();

            assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
            assertThat(storage.reads()).isLessThan(t.metainfo().pieceCount());
        }
    }

    private Bitfield check(TestTorrent t, int buffers) throws IOException, InterruptedException {
        try (FileStorage storage = FileStorage.open(t.metainfo(), dir)) {
            return new DataChecker(storage, new PieceVerifier(t.metainfo()), io, buffers).check();
        }
    }

    private static int[] pieces(Bitfield b) {
        return IntStream.iterate(b.nextSetBit(0), i -> i >= 0, i -> b.nextSetBit(i + 1))
                .toArray();
    }
}
