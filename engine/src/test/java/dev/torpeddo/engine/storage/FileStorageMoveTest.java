package dev.torpeddo.engine.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.torpeddo.engine.storage.TestTorrents.TestTorrent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStorageMoveTest {
    /** multi/f0.bin .. multi/f2.bin; file 1 unwanted, so the pieces it shares with 0 and 2 go to the part file. */
    private static final TestTorrent T = TestTorrents.random(21, 16, 40, 50, 30);

    @TempDir
    Path tmp;

    @Test
    void aMovedStorageCarriesOnInTheNewDirectory() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        List<long[]> progress = new ArrayList<>();
        try (FileStorage storage = open(a, MoveSteps.DISK)) {
            writeAll(storage);
            Path partFile = storage.partFilePath();
            assertThat(partFile).exists();

            Path now = storage.moveTo(b, (moved, total) -> progress.add(new long[] {moved, total}));

            assertThat(now).isEqualTo(b.toRealPath());
            assertThat(storage.downloadDir()).isEqualTo(now);
            assertThat(storage.filePath(0)).isEqualTo(now.resolve("multi/f0.bin"));
            assertThat(storage.partFilePath())
                    .isEqualTo(now.resolve(partFile.getFileName()))
                    .exists();
            assertThat(a.resolve("multi")).doesNotExist();
            assertThat(partFile).doesNotExist();
            assertReadsBack(storage);

            storage.setWanted(1, true); // its bytes come out of the part file, now in b
            assertThat(b.resolve("multi/f1.bin")).exists();
            assertReadsBack(storage);
        }
        assertThat(progress.getLast()[0]).isEqualTo(progress.getLast()[1]).isPositive();
    }

    @Test
    void aFailedMoveLeavesTheStorageWorkingWhereItWas() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        ScriptedMoveSteps steps = new ScriptedMoveSteps().separateDevices(a, b).diskFullAfter(50);
        try (FileStorage storage = open(a, steps)) {
            writeAll(storage);

            assertThatThrownBy(() -> storage.moveTo(b, MoveProgress.NONE))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("No space left on device");

            assertThat(storage.downloadDir()).isEqualTo(a.toRealPath());
            assertReadsBack(storage);
            storage.write(0, 0, ByteBuffer.wrap(T.piece(0)));
        }
        assertThat(b.resolve("multi")).doesNotExist();
    }

    @Test
    void openingTheOldDirectoryFindsFilesMovedBeforeTheCallerRecordedTheMove() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        try (FileStorage storage = open(a, MoveSteps.DISK)) {
            writeAll(storage);
            storage.moveTo(b, MoveProgress.NONE);
        }

        try (FileStorage reopened = open(a, MoveSteps.DISK)) {
            assertThat(reopened.downloadDir()).isEqualTo(b.toRealPath());
            assertReadsBack(reopened);
        }
        try (FileStorage atTheNewPlace = open(b, MoveSteps.DISK)) {
            assertReadsBack(atTheNewPlace);
        }
        try (FileStorage fresh = open(a, MoveSteps.DISK)) {
            assertThat(fresh.downloadDir())
                    .as("once opened at the new place, the old one is just a directory again")
                    .isEqualTo(a.toRealPath());
        }
    }

    @Test
    void aMoveCutShortByACrashAtAnyStepIsFoundWholeWhenTheStorageIsOpenedAgain() throws IOException {
        for (int step = 1; ; step++) {
            Path a = tmp.resolve("a" + step);
            Path b = tmp.resolve("b" + step);
            ScriptedMoveSteps steps = new ScriptedMoveSteps().separateDevices(a, b);
            FileStorage storage = open(a, steps);
            writeAll(storage);
            steps.crashAtStep(steps.steps() + step);
            try {
                storage.moveTo(b, MoveProgress.NONE);
                break;
            } catch (ScriptedMoveSteps.Crash expected) {
                // No close: the process is gone.
            }

            try (FileStorage reopened = open(a, new ScriptedMoveSteps().separateDevices(a, b))) {
                assertReadsBack(reopened);
            }
        }
    }

    private static FileStorage open(Path dir, MoveSteps steps) throws IOException {
        return FileStorage.open(T.metainfo(), dir, Set.of(1), 8, FileLayout.of(T.metainfo()), steps);
    }

    private static void writeAll(Storage storage) throws IOException {
        for (int p = 0; p < T.metainfo().pieceCount(); p++) storage.write(p, 0, ByteBuffer.wrap(T.piece(p)));
    }

    private static void assertReadsBack(Storage storage) throws IOException {
        for (int p = 0; p < T.metainfo().pieceCount(); p++) {
            ByteBuffer dst = ByteBuffer.allocate(16);
            int n = storage.read(p, 0, dst);
            assertThat(Arrays.copyOf(dst.array(), n)).as("piece %d", p).isEqualTo(T.piece(p));
        }
    }
}
