package dev.torpeddo.engine.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.torpeddo.engine.metainfo.FileEntry;
import dev.torpeddo.engine.metainfo.Metainfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StorageMoverTest {
    private static final byte[] CONTENT = new byte[3000 + 5000 + 2500];
    private static final Metainfo TORRENT;

    static {
        new Random(11).nextBytes(CONTENT);
        TORRENT = TestTorrents.metainfo(
                List.of(
                        new FileEntry(List.of("T", "a.bin"), 3000, 0),
                        new FileEntry(List.of("T", "sub", "b.bin"), 5000, 3000),
                        new FileEntry(List.of("T", "sub", "empty"), 0, 8000),
                        new FileEntry(List.of("T", "d.bin"), 2500, 8000)),
                1024,
                CONTENT,
                11);
    }

    private static final byte[] PART_FILE = "bytes of pieces at unwanted files".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path tmp;

    private final FileLayout layout = FileLayout.of(TORRENT);
    private final List<long[]> progress = new ArrayList<>();

    @Test
    void withinAFileSystemEveryFileIsRenamedAndOnlyTheFoldersLeftEmptyAreRemoved() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        writeTorrent(a);
        Files.writeString(a.resolve("T/mine.txt"), "the user's own file");
        Files.writeString(a.resolve("other.txt"), "not the torrent's");
        ScriptedMoveSteps steps = new ScriptedMoveSteps();

        Path result = new StorageMover(layout, steps).move(a, b, this::record);

        assertThat(result).isEqualTo(b.toRealPath());
        assertComplete(b);
        assertNoTorrentFile(a);
        assertThat(steps.log()).noneMatch(s -> s.startsWith("copy"));
        assertThat(a.resolve("T/sub")).doesNotExist();
        assertThat(a.resolve("T/mine.txt")).hasContent("the user's own file");
        assertThat(a.resolve("other.txt")).exists();
        assertThat(b.resolve("T/mine.txt")).doesNotExist();
        assertProgressReachedAll(3000 + 5000 + 2500 + PART_FILE.length);
    }

    @Test
    void acrossFileSystemsEverythingIsCopiedAndSyncedBeforeAnySourceIsDeleted() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        writeTorrent(a);
        FileTime written = FileTime.fromMillis(1_600_000_000_123L);
        Files.setLastModifiedTime(a.resolve("T/sub/b.bin"), written);
        ScriptedMoveSteps steps = new ScriptedMoveSteps().separateDevices(a, b);

        new StorageMover(layout, steps).move(a, b, this::record);

        assertComplete(b);
        assertNoTorrentFile(a);
        assertThat(a.resolve("T")).doesNotExist();
        assertThat(Files.getLastModifiedTime(b.resolve("T/sub/b.bin")))
                .as("kept, so that a resume record made before the move still matches")
                .isEqualTo(written);
        List<String> log = steps.log();
        int lastCopy = lastIndexOf(log, "copy ");
        int firstSourceDelete = indexOf(log, "delete a.bin");
        assertThat(lastCopy).isPositive();
        assertThat(firstSourceDelete).isGreaterThan(lastCopy);
        assertThat(indexOf(log, "write .torpeddo-" + TORRENT.infoHash().hex() + ".move.tmp"))
                .isLessThan(indexOf(log, "copy "));
        assertProgressReachedAll(3000 + 5000 + 2500 + PART_FILE.length);
        try (Stream<Path> files = Files.walk(b)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void onARealSecondFileSystemTheFilesAreCopied() throws IOException {
        Path shm = Path.of("/dev/shm");
        assumeTrue(Files.isDirectory(shm) && Files.isWritable(shm), "no /dev/shm here");
        assumeTrue(!Files.getFileStore(shm).equals(Files.getFileStore(tmp)), "/dev/shm is not another file system");
        Path a = tmp.resolve("a");
        writeTorrent(a);
        Path b = Files.createTempDirectory(shm, "torpeddo-move-test");
        try {
            new StorageMover(layout).move(a, b, this::record);

            assertComplete(b);
            assertNoTorrentFile(a);
            assertProgressReachedAll(3000 + 5000 + 2500 + PART_FILE.length);
        } finally {
            deleteTree(b);
        }
    }

    @Test
    void aFullDiskInTheMiddleOfTheCopyLeavesTheSourceWholeAndARetryCompletes() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        writeTorrent(a);
        ScriptedMoveSteps full = new ScriptedMoveSteps().separateDevices(a, b).diskFullAfter(4000);

        assertThatThrownBy(() -> new StorageMover(layout, full).move(a, b, this::record))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("No space left on device");

        assertComplete(a);
        assertThat(filesUnder(b)).as("no copy, no temporary file left").isEmpty();
        assertThat(new StorageMover(layout).recover(a)).isEqualTo(a.toRealPath());

        new StorageMover(layout, new ScriptedMoveSteps().separateDevices(a, b)).move(a, b, MoveProgress.NONE);
        assertComplete(b);
        assertNoTorrentFile(a);
    }

    @Test
    void aMoveCancelledFromItsProgressCallbackIsUndone() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        writeTorrent(a);
        ScriptedMoveSteps steps = new ScriptedMoveSteps().separateDevices(a, b);

        assertThatThrownBy(() -> new StorageMover(layout, steps).move(a, b, (moved, total) -> {
                    if (moved > 5000) throw new IllegalStateException("cancelled by the user");
                }))
                .hasMessage("cancelled by the user");

        assertComplete(a);
        assertThat(filesUnder(b)).isEmpty();
    }

    @Test
    void notEnoughFreeSpaceIsRefusedBeforeAnythingIsCopied() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        writeTorrent(a);
        ScriptedMoveSteps steps = new ScriptedMoveSteps().separateDevices(a, b).usableSpace(10_000);

        assertThatThrownBy(() -> new StorageMover(layout, steps).move(a, b, this::record))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("not enough space in " + b.toRealPath())
                .hasMessageContaining("take " + (10_500 + PART_FILE.length) + " bytes, 10000 are free");

        assertThat(steps.log()).noneMatch(s -> s.startsWith("copy"));
        assertComplete(a);
        assertThat(filesUnder(b)).isEmpty();
        assertThat(new StorageMover(layout).recover(a)).isEqualTo(a.toRealPath());
    }

    /**
     * Stops the move dead at every step in turn (as a {@code kill -9} would), then "restarts": opening the old
     * directory must find one complete copy, and moving again must finish the job.
     */
    @ParameterizedTest(name = "across file systems: {0}")
    @ValueSource(booleans = {false, true})
    void aCrashAtAnyStepLeavesOneCompleteCopyWhichOpeningFindsAndARetryFinishes(boolean acrossFileSystems)
            throws IOException {
        int crashes = 0;
        for (int step = 1; ; step++) {
            Path a = tmp.resolve("a" + step);
            Path b = tmp.resolve("b" + step);
            writeTorrent(a);
            ScriptedMoveSteps steps = new ScriptedMoveSteps().crashAtStep(step);
            if (acrossFileSystems) steps.separateDevices(a, b);
            try {
                new StorageMover(layout, steps).move(a, b, MoveProgress.NONE);
                break; // no step left to crash at
            } catch (ScriptedMoveSteps.Crash expected) {
                crashes++;
            }

            ScriptedMoveSteps afterRestart = new ScriptedMoveSteps();
            if (acrossFileSystems) afterRestart.separateDevices(a, b);
            Path found = new StorageMover(layout, afterRestart).recover(a);
            assertComplete(found);
            Path other = found.equals(a.toRealPath()) ? b : a;
            assertNoTorrentFile(other);

            new StorageMover(layout, afterRestart).move(a, b, MoveProgress.NONE);
            assertComplete(b);
            assertNoTorrentFile(a);
            new StorageMover(layout).recover(b); // the caller opens the torrent there
            assertThat(filesUnder(b))
                    .as("crash at step %d: nothing but the torrent's files", step)
                    .hasSize(5);
            assertThat(filesUnder(a))
                    .as("crash at step %d: nothing left behind", step)
                    .isEmpty();
        }
        assertThat(crashes).isGreaterThan(acrossFileSystems ? 30 : 10);
    }

    @Test
    void aRenameFailingHalfwayWithinAFileSystemPutsEveryFileBack() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        writeTorrent(a);
        // Renames: the probe, the journal, then the files; the second file's fails.
        ScriptedMoveSteps steps = new ScriptedMoveSteps().failRenameNumber(4);

        assertThatThrownBy(() -> new StorageMover(layout, steps).move(a, b, this::record))
                .hasMessageContaining("Input/output error");

        assertComplete(a);
        assertThat(filesUnder(b)).isEmpty();
        assertThat(a.resolve(MoveJournal.fileName(TORRENT.infoHash().hex()))).doesNotExist();
    }

    @Test
    void aFolderOnAFileSystemOfItsOwnSwitchesTheWholeMoveToCopying() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        writeTorrent(a);
        // The directories themselves share a file system, but a/T/sub is a mount point.
        ScriptedMoveSteps steps = new ScriptedMoveSteps().separateDevices(a.resolve("T/sub"), b.resolve("T/sub"));

        new StorageMover(layout, steps).move(a, b, this::record);

        assertComplete(b);
        assertNoTorrentFile(a);
        assertThat(steps.log()).anyMatch(s -> s.startsWith("copy b.bin"));
        assertProgressReachedAll(3000 + 5000 + 2500 + PART_FILE.length);
    }

    @Test
    void aDestinationInsideTheTorrentsOwnFolderIsRefused() throws IOException {
        Path a = tmp.resolve("a");
        writeTorrent(a);
        StorageMover mover = new StorageMover(layout);

        assertThatThrownBy(() -> mover.move(a, a.resolve("T/sub/x"), this::record))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining(
                        "inside the torrent's own folder " + a.toRealPath().resolve("T"));
        assertThatThrownBy(() -> mover.move(a, a.resolve("t"), this::record))
                .as("whatever the case")
                .hasMessageContaining("inside the torrent's own folder");
        assertThat(a.resolve("T/sub/x")).doesNotExist();
        assertComplete(a);

        mover.move(a, a.resolve("elsewhere"), this::record);
        assertComplete(a.resolve("elsewhere"));
    }

    @Test
    void aFileAtTheDestinationThatIsNotOursIsRefusedAndLeftAlone() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        writeTorrent(a);
        Files.createDirectories(b.resolve("T/sub"));
        Files.writeString(b.resolve("T/sub/b.bin"), "someone else's b.bin");

        assertThatThrownBy(() -> new StorageMover(layout).move(a, b, this::record))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining(
                        b.toRealPath().resolve("T/sub/b.bin") + " already exists and is not part of this torrent");

        assertThat(b.resolve("T/sub/b.bin")).hasContent("someone else's b.bin");
        assertComplete(a);
    }

    @Test
    void aFileAlreadyAtTheDestinationIsTakenAsMovedWhenItsSourceIsGone() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        writeTorrent(a);
        Files.createDirectories(b.resolve("T"));
        Files.move(a.resolve("T/d.bin"), b.resolve("T/d.bin"));

        new StorageMover(layout).move(a, b, this::record);

        assertComplete(b);
        assertNoTorrentFile(a);
        assertProgressReachedAll(3000 + 5000 + PART_FILE.length);
    }

    @Test
    void onlyTheFilesThatExistAreMoved() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        Files.createDirectories(a.resolve("T"));
        Files.write(a.resolve("T/a.bin"), Arrays.copyOfRange(CONTENT, 0, 1000)); // a partial, sparse download

        new StorageMover(layout).move(a, b, this::record);

        assertThat(b.resolve("T/a.bin")).hasBinaryContent(Arrays.copyOfRange(CONTENT, 0, 1000));
        assertThat(b.resolve("T/d.bin")).doesNotExist();
        assertThat(b.resolve(PartFile.fileName(TORRENT.infoHash().hex()))).doesNotExist();
        assertProgressReachedAll(1000);
    }

    @Test
    void afterAFinishedMoveTheOldDirectoryLeadsToTheNewUntilTheTorrentIsOpenedThere() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        Path c = tmp.resolve("c");
        writeTorrent(a);
        StorageMover mover = new StorageMover(layout);
        mover.move(a, b, this::record);
        mover.move(b, c, this::record);

        // The caller crashed before recording c: it opens a, as it last knew.
        assertThat(mover.recover(a)).isEqualTo(c.toRealPath());
        assertThat(mover.recover(a)).as("following does not forget").isEqualTo(c.toRealPath());

        // Opened at c: c is recorded, the trail is obsolete and goes.
        assertThat(mover.recover(c)).isEqualTo(c.toRealPath());
        assertThat(filesUnder(a)).isEmpty();
        assertThat(filesUnder(b)).isEmpty();
        assertThat(filesUnder(c)).hasSize(5);
        assertThat(mover.recover(a)).isEqualTo(a.toRealPath());
    }

    @Test
    void movingAgainToWhereTheFilesAreDoesNothing() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        writeTorrent(a);
        StorageMover mover = new StorageMover(layout);
        mover.move(a, b, MoveProgress.NONE);

        assertThat(mover.move(a, b, this::record)).isEqualTo(b.toRealPath());
        assertThat(mover.move(b, b, this::record)).isEqualTo(b.toRealPath());
        assertThat(progress).allMatch(p -> p[0] == 0 && p[1] == 0);
        assertComplete(b);
        assertThatThrownBy(() -> mover.move(a, tmp.resolve("c"), this::record))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("the torrent's files are in " + b.toRealPath());
    }

    @Test
    void filesMovedToADirectoryThatIsGoneAreAClearError() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        writeTorrent(a);
        StorageMover mover = new StorageMover(layout);
        Path moved = mover.move(a, b, MoveProgress.NONE);
        deleteTree(b);

        assertThatThrownBy(() -> mover.recover(a))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("moved to " + moved + ", which is not there");
    }

    @Test
    void aTamperedJournalIsReportedNotGuessedAt() throws IOException {
        Path a = tmp.resolve("a");
        writeTorrent(a);
        Files.writeString(a.resolve(MoveJournal.fileName(TORRENT.infoHash().hex())), "torpeddo move 1\nflying\n");

        assertThatThrownBy(() -> new StorageMover(layout).recover(a))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("cannot read the move journal");
    }

    @Test
    void renamedFilesMoveUnderTheirNewNames() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        writeTorrent(a);
        FileLayout renamed = layout.renameFile(0, "first.bin");
        Files.move(a.resolve("T/a.bin"), a.resolve("first.bin"));

        new StorageMover(renamed).move(a, b, this::record);

        assertThat(b.resolve("first.bin")).hasBinaryContent(Arrays.copyOfRange(CONTENT, 0, 3000));
        assertThat(a.resolve("first.bin")).doesNotExist();
    }

    private void record(long moved, long total) {
        progress.add(new long[] {moved, total});
    }

    private void assertProgressReachedAll(long total) {
        assertThat(progress).isNotEmpty();
        assertThat(progress.getFirst()[0]).isZero();
        assertThat(progress.getLast()).containsExactly(total, total);
        for (int i = 1; i < progress.size(); i++) {
            assertThat(progress.get(i)[0]).isGreaterThanOrEqualTo(progress.get(i - 1)[0]);
            assertThat(progress.get(i)[1]).isEqualTo(total);
        }
    }

    private static void writeTorrent(Path dir) throws IOException {
        for (FileEntry f : TORRENT.files()) {
            Path p = dir.resolve(String.join("/", f.path()));
            Files.createDirectories(p.getParent());
            Files.write(p, Arrays.copyOfRange(CONTENT, (int) f.offset(), (int) (f.offset() + f.length())));
        }
        Files.write(dir.resolve(PartFile.fileName(TORRENT.infoHash().hex())), PART_FILE);
    }

    private static void assertComplete(Path dir) {
        for (FileEntry f : TORRENT.files()) {
            assertThat(dir.resolve(String.join("/", f.path())))
                    .hasBinaryContent(Arrays.copyOfRange(CONTENT, (int) f.offset(), (int) (f.offset() + f.length())));
        }
        assertThat(dir.resolve(PartFile.fileName(TORRENT.infoHash().hex()))).hasBinaryContent(PART_FILE);
    }

    private static void assertNoTorrentFile(Path dir) {
        for (FileEntry f : TORRENT.files())
            assertThat(dir.resolve(String.join("/", f.path()))).doesNotExist();
        assertThat(dir.resolve(PartFile.fileName(TORRENT.infoHash().hex()))).doesNotExist();
    }

    /** The regular files under {@code dir}, empty if it does not exist. */
    private static List<Path> filesUnder(Path dir) throws IOException {
        if (!Files.exists(dir)) return List.of();
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static int indexOf(List<String> log, String prefix) {
        for (int i = 0; i < log.size(); i++) if (log.get(i).startsWith(prefix)) return i;
        return -1;
    }

    private static int lastIndexOf(List<String> log, String prefix) {
        for (int i = log.size() - 1; i >= 0; i--) if (log.get(i).startsWith(prefix)) return i;
        return -1;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
