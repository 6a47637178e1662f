package dev.torpeddo.engine.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.torpeddo.engine.metainfo.FileEntry;
import dev.torpeddo.engine.metainfo.Metainfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStorageRenameTest {
    private static final byte[] CONTENT = new byte[40 + 24 + 30];
    /** "show/s1/e1.mkv" (40 bytes), "show/s1/e2.mkv" (24), "show/info.txt" (30); 16-byte pieces. */
    private static final Metainfo SHOW;

    static {
        new Random(5).nextBytes(CONTENT);
        SHOW = TestTorrents.metainfo(
                List.of(
                        new FileEntry(List.of("show", "s1", "e1.mkv"), 40, 0),
                        new FileEntry(List.of("show", "s1", "e2.mkv"), 24, 40),
                        new FileEntry(List.of("show", "info.txt"), 30, 64)),
                16,
                CONTENT,
                5);
    }

    @TempDir
    Path dir;

    @Test
    void aRenamedFileIsMovedOnDiskAndReadAndWrittenUnderItsNewName() throws IOException {
        try (FileStorage storage = FileStorage.open(SHOW, dir)) {
            writeAll(storage);

            storage.renameFile(2, "show/README.txt");

            assertThat(dir.resolve("show/info.txt")).doesNotExist();
            assertThat(dir.resolve("show/README.txt")).hasBinaryContent(fileContent(2));
            assertThat(storage.filePath(2)).isEqualTo(dir.toRealPath().resolve("show/README.txt"));
            assertThat(storage.layout().renamedPaths()).isEqualTo(Map.of(2, List.of("show", "README.txt")));
            assertReadsBack(storage);
            storage.write(4, 0, ByteBuffer.wrap(piece(4)));
            assertThat(dir.resolve("show/info.txt")).doesNotExist();
        }
    }

    @Test
    void aRenamedFolderTakesEveryFileAlongAndLeavesNoEmptyFolderBehind() throws IOException {
        try (FileStorage storage = FileStorage.open(SHOW, dir)) {
            writeAll(storage);

            storage.renameFolder("show/s1", "Season 1");

            assertThat(dir.resolve("Season 1/e1.mkv")).hasBinaryContent(fileContent(0));
            assertThat(dir.resolve("Season 1/e2.mkv")).hasBinaryContent(fileContent(1));
            assertThat(dir.resolve("show/s1")).doesNotExist();
            assertThat(dir.resolve("show/info.txt")).exists();
            assertReadsBack(storage);
        }
    }

    @Test
    void aStorageOpensWithRenamedPathsAsAResumeRecordKeepsThem() throws IOException {
        FileLayout layout;
        try (FileStorage storage = FileStorage.open(SHOW, dir)) {
            writeAll(storage);
            storage.renameFolder("show", "My Show");
            layout = FileLayout.of(SHOW).withRenamedPaths(storage.layout().renamedPaths());
        }

        try (FileStorage reopened = FileStorage.open(SHOW, dir, Set.of(), 8, layout)) {
            assertReadsBack(reopened);
            assertThat(reopened.piecesMaybePresent().cardinality()).isEqualTo(SHOW.pieceCount());
        }
        try (Storage viaFactory = StorageFactory.FILES.open(SHOW, dir, Set.of(), layout)) {
            assertThat(viaFactory.filePath(0)).isEqualTo(dir.toRealPath().resolve("My Show/s1/e1.mkv"));
        }
    }

    @Test
    void aFileNotYetDownloadedIsWrittenUnderItsNewNameLater() throws IOException {
        try (FileStorage storage = FileStorage.open(SHOW, dir)) {
            storage.renameFile(1, "extras/e2.mkv");
            assertThat(dir.resolve("extras")).doesNotExist();

            writeAll(storage);

            assertThat(dir.resolve("extras/e2.mkv")).hasBinaryContent(fileContent(1));
            assertThat(dir.resolve("show/s1/e2.mkv")).doesNotExist();
        }
    }

    @Test
    void aFolderRenamedIntoItsOwnSubfolderGoesThroughTemporaryNames() throws IOException {
        // x/f goes where x/y/f is now, while x/y/f moves on to x/y/y/f.
        byte[] content = "abcdefg".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Metainfo nested = TestTorrents.metainfo(
                List.of(new FileEntry(List.of("x", "f"), 3, 0), new FileEntry(List.of("x", "y", "f"), 4, 3)),
                16,
                content,
                6);
        try (FileStorage storage = FileStorage.open(nested, dir)) {
            storage.write(0, 0, ByteBuffer.wrap(content));

            storage.renameFolder("x", "x/y");

            assertThat(dir.resolve("x/y/f")).hasContent("abc");
            assertThat(dir.resolve("x/y/y/f")).hasContent("defg");
            ByteBuffer back = ByteBuffer.allocate(7);
            storage.read(0, 0, back);
            assertThat(back.array()).isEqualTo(content);
            try (var leftovers = Files.walk(dir)) {
                assertThat(leftovers.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
            }
        }
    }

    @Test
    void hostileNewNamesAreRefusedAndNothingMoves() throws IOException {
        try (FileStorage storage = FileStorage.open(SHOW, dir)) {
            writeAll(storage);

            assertThatThrownBy(() -> storage.renameFile(0, "../../etc/cron.d/x"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("\"..\" is not allowed");
            assertThatThrownBy(() -> storage.renameFile(0, "/tmp/x"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is absolute");
            assertThatThrownBy(() -> storage.renameFile(0, "show/AUX.mkv"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("reserved device name");
            assertThatThrownBy(() -> storage.renameFolder(
                            "show", ".torpeddo-" + SHOW.infoHash().hex() + ".parts"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("reserved for Torpeddo's own files");
            assertThatThrownBy(() -> storage.renameFile(1, "SHOW/S1/E1.MKV"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("would be the same file");

            assertThat(storage.layout().renamedPaths()).isEmpty();
            assertReadsBack(storage);
        }
    }

    @Test
    void aNewNameTakenOnDiskBySomethingElseIsRefused() throws IOException {
        try (FileStorage storage = FileStorage.open(SHOW, dir)) {
            writeAll(storage);
            Files.writeString(dir.resolve("show/notes.txt"), "the user's");

            assertThatThrownBy(() -> storage.renameFile(2, "show/notes.txt"))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("already exists and is not part of this torrent");
            storage.renameFolder("show", "elsewhere");

            assertThat(dir.resolve("show/notes.txt"))
                    .as("not the torrent's: stays")
                    .hasContent("the user's");
            assertThat(dir.resolve("elsewhere/notes.txt")).doesNotExist();
            assertReadsBack(storage);
        }
    }

    @Test
    void aRenameThatFailsHalfwayPutsEveryFileBack() throws IOException {
        // Rename 1 puts the journal in place; 2 moves the first file; 3, the second, fails.
        ScriptedMoveSteps steps = new ScriptedMoveSteps().failRenameNumber(3);
        try (FileStorage storage = FileStorage.open(SHOW, dir, Set.of(), 8, FileLayout.of(SHOW), steps)) {
            writeAll(storage);

            assertThatThrownBy(() -> storage.renameFolder("show", "renamed"))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("cannot rename")
                    .hasMessageContaining("Input/output error");

            assertThat(storage.layout().renamedPaths()).isEmpty();
            assertThat(dir.resolve("renamed")).doesNotExist();
            assertThat(dir.resolve(".torpeddo-" + SHOW.infoHash().hex() + ".rename"))
                    .as("rolled back: no journal")
                    .doesNotExist();
            for (int f = 0; f < 3; f++) {
                assertThat(dir.resolve(String.join("/", SHOW.files().get(f).path())))
                        .hasBinaryContent(fileContent(f));
            }
            assertReadsBack(storage);
        }
    }

    private static void writeAll(Storage storage) throws IOException {
        for (int p = 0; p < SHOW.pieceCount(); p++) storage.write(p, 0, ByteBuffer.wrap(piece(p)));
    }

    private static void assertReadsBack(Storage storage) throws IOException {
        for (int p = 0; p < SHOW.pieceCount(); p++) {
            ByteBuffer dst = ByteBuffer.allocate(16);
            int n = storage.read(p, 0, dst);
            assertThat(Arrays.copyOf(dst.array(), n)).as("piece %d", p).isEqualTo(piece(p));
        }
    }

    private static byte[] piece(int p) {
        return Arrays.copyOfRange(CONTENT, p * 16, Math.min(CONTENT.length, p * 16 + 16));
    }

    private static byte[] fileContent(int f) {
        FileEntry e = SHOW.files().get(f);
        return Arrays.copyOfRange(CONTENT, (int) e.offset(), (int) (e.offset() + e.length()));
    }
}
