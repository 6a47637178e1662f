package dev.torpeddo.engine.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.torpeddo.engine.metainfo.FileEntry;
import dev.torpeddo.engine.metainfo.Metainfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Renames cut short by a crash, or not yet in a resume record when the process ends: opening the storage again with
 * the layout of the record made before the rename (what a restarted torrent does) must find every byte.
 */
class FileRenamerTest {
    private static final byte[] SHOW_CONTENT = new byte[40 + 24 + 30];
    private static final byte[] NESTED_CONTENT = "abcdefg".getBytes(StandardCharsets.US_ASCII);
    /** "show/s1/e1.mkv" (40 bytes), "show/s1/e2.mkv" (24), "show/info.txt" (30); 16-byte pieces. */
    private static final Metainfo SHOW;
    /** "x/f" and "x/y/f": renaming folder x to x/y makes them trade places. */
    private static final Metainfo NESTED;

    static {
        new Random(9).nextBytes(SHOW_CONTENT);
        SHOW = TestTorrents.metainfo(
                List.of(
                        new FileEntry(List.of("show", "s1", "e1.mkv"), 40, 0),
                        new FileEntry(List.of("show", "s1", "e2.mkv"), 24, 40),
                        new FileEntry(List.of("show", "info.txt"), 30, 64)),
                16,
                SHOW_CONTENT,
                9);
        NESTED = TestTorrents.metainfo(
                List.of(new FileEntry(List.of("x", "f"), 3, 0), new FileEntry(List.of("x", "y", "f"), 4, 3)),
                16,
                NESTED_CONTENT,
                10);
    }

    @TempDir
    Path tmp;

    /** One of the renames the crash test runs, and what it does to a layout. */
    private record Case(Metainfo meta, byte[] content, Renames renames) {}

    @FunctionalInterface
    private interface Renames {
        void apply(Storage storage) throws IOException;
    }

    private static Case renameCase(String name) {
        return switch (name) {
            case "folder" -> new Case(SHOW, SHOW_CONTENT, s -> s.renameFolder("show", "My Show"));
            case "trading places" -> new Case(NESTED, NESTED_CONTENT, s -> s.renameFolder("x", "x/y"));
            case "two in a row" ->
                new Case(SHOW, SHOW_CONTENT, s -> {
                    s.renameFile(2, "README.txt");
                    s.renameFolder("show/s1", "Season 1");
                });
            default -> throw new IllegalArgumentException(name);
        };
    }

    /**
     * Stops the renames dead at every step in turn (as a {@code kill -9} would), then opens the storage as a restarted
     * torrent does, with the layout its resume record (made before the renames) names.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"folder", "trading places", "two in a row"})
    void aCrashAtAnyStepOfARenameIsFinishedOrUndoneAndEveryByteIsFound(String name) throws IOException {
        Case c = renameCase(name);
        FileLayout own = FileLayout.of(c.meta());
        Set<FileLayout> outcomes = new HashSet<>();
        FileLayout target = null;
        int crashes = 0;
        for (int step = 1; ; step++) {
            Path dir = tmp.resolve("d" + step);
            ScriptedMoveSteps steps = new ScriptedMoveSteps();
            FileStorage storage = FileStorage.open(c.meta(), dir, Set.of(), 8, own, steps);
            writeAll(storage, c);
            steps.crashAtStep(steps.steps() + step);
            try {
                c.renames().apply(storage);
                target = storage.layout();
                storage.close();
                break; // no step left to crash at
            } catch (ScriptedMoveSteps.Crash expected) {
                crashes++; // no close: the process is gone
            }

            try (FileStorage again = FileStorage.open(c.meta(), dir, Set.of(), 8, own)) {
                assertReadsBack(again, c);
                assertThat(again.piecesMaybePresent().cardinality())
                        .isEqualTo(c.meta().pieceCount());
                assertThat(namesUnder(dir))
                        .as("crash at step %d: no temporary name left", step)
                        .noneMatch(n -> n.endsWith(".tmp"));
                outcomes.add(again.layout());
                again.layoutRecorded(again.layout()); // the torrent's next resume record
            }
            assertThat(journal(dir, c.meta())).doesNotExist();
        }
        assertThat(crashes).isGreaterThan(5);
        assertThat(outcomes)
                .as("early crashes open with the old names, later ones with the new")
                .contains(own, target);
    }

    @Test
    void aFinishedRenameNotYetInAResumeRecordIsFoundUnderItsNewNames() throws IOException {
        Path dir = tmp.resolve("d");
        FileLayout own = FileLayout.of(SHOW);
        FileLayout renamed;
        try (FileStorage storage = FileStorage.open(SHOW, dir, Set.of(), 8, own)) {
            writeAll(storage, renameCase("folder"));
            storage.renameFolder("show", "My Show");
            renamed = storage.layout();
        } // and the process ends before a resume record names the new paths

        try (FileStorage again = FileStorage.open(SHOW, dir, Set.of(), 8, own)) {
            assertThat(again.layout()).isEqualTo(renamed);
            assertThat(again.filePath(0)).isEqualTo(dir.toRealPath().resolve("My Show/s1/e1.mkv"));
            assertReadsBack(again, renameCase("folder"));

            again.layoutRecorded(own); // a record of the old names, made before the rename: not enough
            assertThat(journal(dir, SHOW)).exists();
            again.layoutRecorded(renamed);
            assertThat(journal(dir, SHOW)).doesNotExist();
        }
        try (FileStorage withTheNewRecord = FileStorage.open(SHOW, dir, Set.of(), 8, renamed)) {
            assertThat(withTheNewRecord.layout()).isEqualTo(renamed);
            assertReadsBack(withTheNewRecord, renameCase("folder"));
        }
    }

    /**
     * Renames 1 to 3 put the first journal in place, move info.txt and settle the journal; then 4 puts the second
     * journal in place, 5 and 6 move the episodes, 7 settles the journal: each of those fails in turn.
     */
    @ParameterizedTest(name = "rename {0} fails")
    @ValueSource(ints = {4, 5, 6, 7})
    void aRenameThatFailsAfterAnUnrecordedOneKeepsTheEarlierOneFindable(int failing) throws IOException {
        Path dir = tmp.resolve("d");
        FileLayout own = FileLayout.of(SHOW);
        ScriptedMoveSteps steps = new ScriptedMoveSteps().failRenameNumber(failing);
        FileLayout first;
        try (FileStorage storage = FileStorage.open(SHOW, dir, Set.of(), 8, own, steps)) {
            writeAll(storage, renameCase("folder"));
            storage.renameFile(2, "README.txt");
            first = storage.layout();
            assertThatThrownBy(() -> storage.renameFolder("show", "My Show"))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("Input/output error");
            assertThat(storage.layout()).isEqualTo(first);
            assertThat(dir.resolve("My Show")).doesNotExist();
        }

        try (FileStorage again = FileStorage.open(SHOW, dir, Set.of(), 8, own)) {
            assertThat(again.layout()).isEqualTo(first);
            assertReadsBack(again, renameCase("folder"));
        }
    }

    @ParameterizedTest(name = "across file systems: {0}")
    @ValueSource(booleans = {false, true})
    void renamedFilesMovedAndCutShortAtAnyStepAreFoundFromTheOldRecord(boolean acrossFileSystems) throws IOException {
        FileLayout own = FileLayout.of(SHOW);
        for (int step = 1; ; step++) {
            Path a = tmp.resolve("a" + step);
            Path b = tmp.resolve("b" + step);
            ScriptedMoveSteps steps = new ScriptedMoveSteps();
            if (acrossFileSystems) steps.separateDevices(a, b);
            FileStorage storage = FileStorage.open(SHOW, a, Set.of(), 8, own, steps);
            writeAll(storage, renameCase("folder"));
            storage.renameFile(2, "README.txt");
            FileLayout renamed = storage.layout();
            steps.crashAtStep(steps.steps() + step);
            boolean finished = false;
            try {
                storage.moveTo(b, MoveProgress.NONE);
                storage.close();
                finished = true;
            } catch (ScriptedMoveSteps.Crash expected) {
                // no close: the process is gone
            }

            // The restarted torrent's record has neither the rename nor the move.
            try (FileStorage again = FileStorage.open(SHOW, a, Set.of(), 8, own)) {
                assertThat(again.layout()).as("crash at step %d", step).isEqualTo(renamed);
                assertReadsBack(again, renameCase("folder"));
                assertThat(journal(again.downloadDir(), SHOW)).exists();
                Path other = again.downloadDir().equals(a.toRealPath()) ? b : a;
                if (Files.isDirectory(other)) assertThat(journal(other, SHOW)).doesNotExist();
            }
            if (finished) break;
        }
    }

    @Test
    void aDamagedJournalIsIgnoredAndRemovedAndNothingIsWrittenOutsideTheDirectory() throws IOException {
        FileLayout own = FileLayout.of(SHOW);
        String hex = SHOW.infoHash().hex();
        List<String> damaged = List.of(
                "garbage",
                "torpeddo rename 1\n" + hex + "\nrenaming\na 2 ../../escaped.txt\nm 2\n",
                "torpeddo rename 1\n" + hex + "\nrenaming\nb 2 README.txt\na 2 ../escaped.txt\nm 2\n",
                "torpeddo rename 1\n" + hex + "\nrenaming\nb 2 README.txt\na 2 /tmp/escaped.txt\nm 2\n",
                "torpeddo rename 1\n" + hex + "\nrenaming\nb 2 README.txt\na 7 elsewhere.txt\nm 7\n",
                "torpeddo rename 1\n" + hex + "\nrenaming\nb 2 README.txt\na 2 show/in"); // cut short
        int k = 0;
        for (String bad : damaged) {
            Path dir = tmp.resolve("d" + k++);
            try (FileStorage storage = FileStorage.open(SHOW, dir, Set.of(), 8, own)) {
                writeAll(storage, renameCase("folder"));
                storage.renameFile(2, "README.txt");
            }
            Files.writeString(journal(dir, SHOW), bad);
            Set<String> around = Set.copyOf(namesUnder(tmp));

            try (FileStorage again = FileStorage.open(SHOW, dir, Set.of(), 8, own)) {
                assertThat(again.layout()).as(bad).isEqualTo(own);
                Set<Integer> present = new HashSet<>();
                var maybe = again.piecesMaybePresent();
                for (int p = maybe.nextSetBit(0); p >= 0; p = maybe.nextSetBit(p + 1)) present.add(p);
                assertThat(present)
                        .as("info.txt is not where the record says: its pieces will be checked and fetched")
                        .doesNotContain(5);
            }
            assertThat(journal(dir, SHOW)).doesNotExist();
            assertThat(dir.resolve("README.txt")).as("left where it is").exists();
            Set<String> after = new HashSet<>(namesUnder(tmp));
            after.removeAll(around);
            assertThat(after).as(bad).isEmpty();
            assertThat(tmp.getParent().resolve("escaped.txt")).doesNotExist();
        }
    }

    private static Path journal(Path dir, Metainfo meta) {
        return dir.resolve(RenameJournal.fileName(meta.infoHash().hex()));
    }

    private static void writeAll(Storage storage, Case c) throws IOException {
        for (int p = 0; p < c.meta().pieceCount(); p++) storage.write(p, 0, ByteBuffer.wrap(piece(c, p)));
    }

    private static void assertReadsBack(Storage storage, Case c) throws IOException {
        for (int p = 0; p < c.meta().pieceCount(); p++) {
            ByteBuffer dst = ByteBuffer.allocate(16);
            int n = storage.read(p, 0, dst);
            assertThat(Arrays.copyOf(dst.array(), n)).as("piece %d", p).isEqualTo(piece(c, p));
        }
    }

    private static byte[] piece(Case c, int p) {
        return Arrays.copyOfRange(c.content(), p * 16, Math.min(c.content().length, p * 16 + 16));
    }

    /** Every path under {@code dir}, relative to it, '/'-joined. */
    private static List<String> namesUnder(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.map(p -> dir.relativize(p).toString()).toList();
        }
    }
}
