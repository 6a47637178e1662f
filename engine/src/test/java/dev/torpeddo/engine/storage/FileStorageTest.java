package dev.torpeddo.engine.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.torpeddo.engine.storage.TestTorrents.TestTorrent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStorageTest {
    @TempDir
    Path dir;

    @Test
    void blocksWrittenAcrossFileBoundariesReadBackAndLandInTheRightFiles() throws IOException {
        TestTorrent t = TestTorrents.random(1, 16, 10, 0, 5, 20, 7);
        try (FileStorage storage = FileStorage.open(t.metainfo(), dir)) {
            writeAllPiecesInBlocks(storage, t, 5);

            for (int p = 0; p < t.metainfo().pieceCount(); p++) {
                ByteBuffer dst = ByteBuffer.allocate(16);
                int n = storage.read(p, 0, dst);
                assertThat(n).isEqualTo(t.metainfo().pieceSize(p));
                assertThat(Arrays.copyOf(dst.array(), n)).isEqualTo(t.piece(p));
            }
            ByteBuffer mid = ByteBuffer.allocate(6);
            storage.read(0, 8, mid);
            assertThat(mid.array()).isEqualTo(Arrays.copyOfRange(t.content(), 8, 14));
        }
        for (int f = 0; f < t.metainfo().files().size(); f++) {
            assertThat(t.pathOf(dir, f)).hasBinaryContent(t.fileContent(f));
        }
    }

    @Test
    void writeConsumesTheBufferAndReadAdvancesIt() throws IOException {
        TestTorrent t = TestTorrents.random(2, 16, 40);
        try (FileStorage storage = FileStorage.open(t.metainfo(), dir)) {
            ByteBuffer src = ByteBuffer.wrap(t.piece(1));
            storage.write(1, 0, src);
            assertThat(src.hasRemaining()).isFalse();

            ByteBuffer dst = ByteBuffer.allocate(32);
            dst.position(4);
            assertThat(storage.read(1, 0, dst)).isEqualTo(16);
            assertThat(dst.position()).isEqualTo(20);
            assertThat(Arrays.copyOfRange(dst.array(), 4, 20)).isEqualTo(t.piece(1));
        }
    }

    @Test
    void zeroLengthFilesAreCreatedAtOpenAndExistingFilesAreNotTruncated() throws IOException {
        TestTorrent t = TestTorrents.random(3, 16, 10, 0, 10);
        t.writeFile(dir, 0);

        FileStorage.open(t.metainfo(), dir).close();

        assertThat(t.pathOf(dir, 1)).exists().isEmptyFile();
        assertThat(t.pathOf(dir, 0)).hasBinaryContent(t.fileContent(0));
        assertThat(t.pathOf(dir, 2)).doesNotExist();
    }

    @Test
    void readingMissingDataGivesZerosAndCreatesNothing() throws IOException {
        TestTorrent t = TestTorrents.random(4, 16, 10, 30);
        try (FileStorage storage = FileStorage.open(t.metainfo(), dir)) {
            ByteBuffer dst = ByteBuffer.wrap(new byte[16]);
            Arrays.fill(dst.array(), (byte) 7);

            assertThat(storage.read(0, 0, dst)).isEqualTo(16);

            assertThat(dst.array()).containsOnly(0);
            assertThat(storage.piecesMaybePresent().get(0)).isFalse();
        }
        assertThat(t.pathOf(dir, 0)).doesNotExist();
        assertThat(t.pathOf(dir, 1)).doesNotExist();
    }

    @Test
    void aShortFileReadsAsZerosPastItsEnd() throws IOException {
        TestTorrent t = TestTorrents.random(5, 16, 32);
        Files.write(t.pathOf(dir, 0), Arrays.copyOf(t.content(), 20));
        try (FileStorage storage = FileStorage.open(t.metainfo(), dir)) {
            ByteBuffer dst = ByteBuffer.allocate(16);
            storage.read(1, 0, dst);

            assertThat(Arrays.copyOf(dst.array(), 4)).isEqualTo(Arrays.copyOfRange(t.content(), 16, 20));
            assertThat(Arrays.copyOfRange(dst.array(), 4, 16)).containsOnly(0);
            assertThat(storage.piecesMaybePresent().get(0)).isTrue();
            assertThat(storage.piecesMaybePresent().get(1)).isFalse();
        }
        assertThat(Files.size(t.pathOf(dir, 0))).isEqualTo(20);
    }

    @Test
    void bytesOfAnUnwantedFileGoToThePartFileAndTheFileIsNotCreated() throws IOException {
        // Piece 1 covers bytes 16..31: the end of wanted f0 and the start of unwanted f1.
        TestTorrent t = TestTorrents.random(6, 16, 20, 20);
        try (FileStorage storage = FileStorage.open(t.metainfo(), dir, Set.of(1), 8)) {
            writeAllPiecesInBlocks(storage, t, 16);

            assertThat(t.pathOf(dir, 1)).doesNotExist();
            assertThat(storage.partFilePath()).exists();
            assertThat(storage.partFilePath().getFileName().toString())
                    .isEqualTo(".torpeddo-" + t.metainfo().infoHash().hex() + ".parts");
            assertThat(t.pathOf(dir, 0)).hasBinaryContent(t.fileContent(0));
            for (int p = 0; p < t.metainfo().pieceCount(); p++) {
                ByteBuffer dst = ByteBuffer.allocate(t.metainfo().pieceSize(p));
                storage.read(p, 0, dst);
                assertThat(dst.array()).as("piece %d", p).isEqualTo(t.piece(p));
                assertThat(storage.piecesMaybePresent().get(p)).isTrue();
            }
        }
    }

    @Test
    void wantingAFileAgainMovesItsBytesOutOfThePartFile() throws IOException {
        TestTorrent t = TestTorrents.random(7, 16, 20, 20, 8);
        try (FileStorage storage = FileStorage.open(t.metainfo(), dir, Set.of(1), 8)) {
            writeAllPiecesInBlocks(storage, t, 16);

            storage.setWanted(1, true);

            assertThat(t.pathOf(dir, 1)).hasBinaryContent(t.fileContent(1));
            assertThat(storage.partFilePath()).as("no unwanted file is left").doesNotExist();
            ByteBuffer dst = ByteBuffer.allocate(16);
            storage.read(1, 0, dst);
            assertThat(dst.array()).isEqualTo(t.piece(1));
        }
    }

    @Test
    void anUnwantedFileThatAlreadyExistsIsUsedInPlace() throws IOException {
        TestTorrent t = TestTorrents.random(8, 16, 20, 20);
        t.writeFile(dir, 1);
        try (FileStorage storage = FileStorage.open(t.metainfo(), dir, Set.of(1), 8)) {
            ByteBuffer dst = ByteBuffer.allocate(16);
            storage.read(2, 0, dst);
            assertThat(Arrays.copyOf(dst.array(), 8)).isEqualTo(t.piece(2));

            storage.write(1, 0, ByteBuffer.wrap(t.piece(1)));
        }
        assertThat(t.pathOf(dir, 1)).hasBinaryContent(t.fileContent(1));
    }

    @Test
    void manyFilesRoundTripWhileOnlyAFewStayOpen() throws IOException {
        long[] lengths = new long[12];
        Arrays.fill(lengths, 9);
        TestTorrent t = TestTorrents.random(9, 16, lengths);
        try (FileStorage storage = FileStorage.open(t.metainfo(), dir, Set.of(), 3)) {
            writeAllPiecesInBlocks(storage, t, 16);

            assertThat(storage.openFileCount()).isLessThanOrEqualTo(3);
            for (int p = 0; p < t.metainfo().pieceCount(); p++) {
                ByteBuffer dst = ByteBuffer.allocate(t.metainfo().pieceSize(p));
                storage.read(p, 0, dst);
                assertThat(dst.array()).isEqualTo(t.piece(p));
            }
            assertThat(storage.openFileCount()).isLessThanOrEqualTo(3);
        }
        for (int f = 0; f < lengths.length; f++) assertThat(t.pathOf(dir, f)).hasBinaryContent(t.fileContent(f));
    }

    @Test
    void aWriteThatCannotCreateItsFileNamesTheFile() throws IOException {
        TestTorrent t = TestTorrents.random(10, 16, 10, 10);
        Files.writeString(dir.resolve("multi"), "a regular file where the torrent's directory should be");
        try (FileStorage storage = FileStorage.open(t.metainfo(), dir)) {
            assertThatThrownBy(() -> storage.write(0, 0, ByteBuffer.wrap(t.piece(0))))
                    .isInstanceOf(StorageException.class)
                    .hasMessageStartingWith("cannot write ")
                    .hasMessageContaining("f0.bin");
        }
    }

    @Test
    void aClosedStorageRefusesWork() throws IOException {
        TestTorrent t = TestTorrents.random(11, 16, 10);
        FileStorage storage = FileStorage.open(t.metainfo(), dir);
        storage.close();

        assertThatThrownBy(() -> storage.write(0, 0, ByteBuffer.wrap(t.piece(0))))
                .isInstanceOf(StorageException.class)
                .hasMessage("storage is closed");
    }

    @Test
    void concurrentWritesThroughThePoolWithFewOpenFilesLoseNothing() throws IOException {
        long[] lengths = new long[40];
        for (int i = 0; i < lengths.length; i++) lengths[i] = 100L + 37L * i;
        TestTorrent t = TestTorrents.random(12, 64, lengths);
        try (DiskIo io = new DiskIo(4, 16);
                FileStorage storage = FileStorage.open(t.metainfo(), dir, Set.of(), 2)) {
            List<CompletableFuture<Void>> writes = new ArrayList<>();
            for (int p = 0; p < t.metainfo().pieceCount(); p++) {
                writes.add(io.write(storage, p, 0, ByteBuffer.wrap(t.piece(p))));
            }
            writes.forEach(CompletableFuture::join);
        }
        for (int f = 0; f < lengths.length; f++) assertThat(t.pathOf(dir, f)).hasBinaryContent(t.fileContent(f));
    }

    /** Writes every piece in blocks of {@code block} bytes, last piece first, to exercise out-of-order writes. */
    static void writeAllPiecesInBlocks(Storage storage, TestTorrent t, int block) throws IOException {
        for (int p = t.metainfo().pieceCount() - 1; p >= 0; p--) {
            byte[] piece = t.piece(p);
            for (int off = 0; off < piece.length; off += block) {
                storage.write(p, off, ByteBuffer.wrap(piece, off, Math.min(block, piece.length - off)));
            }
        }
    }
}
