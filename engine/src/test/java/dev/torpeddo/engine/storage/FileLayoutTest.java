package dev.torpeddo.engine.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.torpeddo.engine.metainfo.FileEntry;
import dev.torpeddo.engine.metainfo.Metainfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileLayoutTest {
    /** "album/cd1/a.flac", "album/cd1/b.flac", "album/cover.jpg". */
    private static final Metainfo ALBUM = TestTorrents.metainfo(
            List.of(
                    new FileEntry(List.of("album", "cd1", "a.flac"), 10, 0),
                    new FileEntry(List.of("album", "cd1", "b.flac"), 10, 10),
                    new FileEntry(List.of("album", "cover.jpg"), 5, 20)),
            16,
            new byte[25],
            7);

    private final FileLayout layout = FileLayout.of(ALBUM);

    @Test
    void theDefaultLayoutIsTheMetainfosPathsAndRenamesNothing() {
        assertThat(layout.path(0)).containsExactly("album", "cd1", "a.flac");
        assertThat(layout.displayPath(2)).isEqualTo("album/cover.jpg");
        assertThat(layout.renamedPaths()).isEmpty();
    }

    @Test
    void renamingAFileChangesOnlyItsPathAndIsListedAsRenamed() {
        FileLayout renamed = layout.renameFile(2, "album/Front Cover.jpg");

        assertThat(renamed.path(2)).containsExactly("album", "Front Cover.jpg");
        assertThat(renamed.path(0)).isEqualTo(layout.path(0));
        assertThat(renamed.renamedPaths()).isEqualTo(Map.of(2, List.of("album", "Front Cover.jpg")));
        assertThat(layout.renamedPaths()).as("layouts are immutable").isEmpty();
    }

    @Test
    void renamingAFolderMovesEveryFileUnderIt() {
        FileLayout renamed = layout.renameFolder("album/cd1", "album/Disc 1");

        assertThat(renamed.path(0)).containsExactly("album", "Disc 1", "a.flac");
        assertThat(renamed.path(1)).containsExactly("album", "Disc 1", "b.flac");
        assertThat(renamed.path(2)).containsExactly("album", "cover.jpg");

        FileLayout top = layout.renameFolder("album", "Best of");
        assertThat(top.path(2)).containsExactly("Best of", "cover.jpg");
        assertThat(top.renamedPaths()).hasSize(3);
    }

    @Test
    void renamingBackToTheMetainfosPathIsNoLongerARename() {
        FileLayout back = layout.renameFile(0, "x.flac").renameFile(0, "album/cd1/a.flac");
        assertThat(back.renamedPaths()).isEmpty();
        assertThat(back).isEqualTo(layout);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "''|the new path is empty",
                "/etc/passwd|is absolute",
                "C:/Windows/x|is absolute",
                "\\\\server\\share|is absolute",
                "../outside.txt|\"..\" is not allowed",
                "album/../../x|\"..\" is not allowed",
                "album/./x|\".\" is not allowed",
                "album//x|empty component",
                "album/x/|empty component",
                "album/a\\b|contains a backslash",
                "album/CON|reserved device name",
                "album/nul.txt|reserved device name",
                "album/what?.txt|not allowed in file names on Windows",
                "album/name.|ends with a dot or a space",
                "'album/name '|ends with a dot or a space",
                "album/.torpeddo-x|reserved for Torpeddo's own files",
            })
    void hostileOrUnportableNamesAreRefusedSayingWhy(String path, String why) {
        assertThatThrownBy(() -> layout.renameFile(0, path))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(why);
    }

    @Test
    void controlCharactersBidiOverridesAndOverlongNamesAreRefused() {
        assertThatThrownBy(() -> layout.renameFile(0, "a\u0000b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("control character");
        assertThatThrownBy(() -> layout.renameFile(0, "evil\u202Egpj.exe"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("direction-control");
        assertThatThrownBy(() -> layout.renameFile(0, "x".repeat(256)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("longer than 255 bytes");
        assertThatThrownBy(() -> layout.renameFile(0, "\uD800.txt"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not valid Unicode");
    }

    @Test
    void aNewPathMayNotBeAnotherFilesEvenInAnotherCase() {
        assertThatThrownBy(() -> layout.renameFile(0, "album/cd1/b.flac"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("would be the same file");
        assertThatThrownBy(() -> layout.renameFile(0, "ALBUM/Cover.JPG"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("would be the same file");
    }

    @Test
    void aFileMayNotTakeTheNameOfAFolderNorAFolderThatOfAFile() {
        assertThatThrownBy(() -> layout.renameFile(2, "album/cd1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("both a file and a folder");
        assertThatThrownBy(() -> layout.renameFile(0, "album/cover.jpg/a.flac"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("both a file and a folder");
    }

    @Test
    void foldersMayMergeWhenNoFileCollides() {
        FileLayout merged = layout.renameFolder("album/cd1", "album");
        assertThat(merged.path(0)).containsExactly("album", "a.flac");

        FileLayout clash = layout.renameFile(2, "album/cd1/cover.jpg").renameFile(0, "album/cover.jpg");
        assertThatThrownBy(() -> clash.renameFolder("album/cd1", "album"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("would be the same file");
    }

    @Test
    void renamingAFolderThatIsNotThereOrIsAFileIsRefused() {
        assertThatThrownBy(() -> layout.renameFolder("album/cd2", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no file of the torrent is in a folder \"album/cd2\"");
        assertThatThrownBy(() -> layout.renameFolder("album/cover.jpg", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is a file, not a folder");
        assertThatThrownBy(() -> layout.renameFolder("album", "../x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"..\" is not allowed");
    }

    @Test
    void anIndexOutOfRangeIsRefused() {
        assertThatThrownBy(() -> layout.renameFile(3, "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no file 3: the torrent has 3 files");
        assertThatThrownBy(() -> layout.withRenamedPaths(Map.of(-1, List.of("x"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void storedRenamesAreCheckedLikeNewOnes() {
        FileLayout restored = layout.withRenamedPaths(Map.of(1, List.of("b.flac")));
        assertThat(restored.path(1)).containsExactly("b.flac");

        assertThatThrownBy(() -> layout.withRenamedPaths(Map.of(1, List.of("..", "b.flac"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("file 1");
        assertThatThrownBy(() -> layout.withRenamedPaths(Map.of(1, List.of())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> layout.withRenamedPaths(Map.of(1, List.of("album", "cd1", "A.FLAC"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("would be the same file");
    }

    @Test
    void collisionsAmongTheMetainfosOwnPathsDoNotBlockAnUnrelatedRename() {
        Metainfo clashing = TestTorrents.metainfo(
                List.of(
                        new FileEntry(List.of("t", "a"), 1, 0),
                        new FileEntry(List.of("t", "A"), 1, 1),
                        new FileEntry(List.of("t", "c"), 1, 2)),
                16,
                new byte[3],
                8);
        assertThat(FileLayout.of(clashing).renameFile(2, "t/d").path(2)).containsExactly("t", "d");
    }

    @Test
    void renamedPathsAreBoundedSoThatAResumeRecordCanHoldThem() {
        int files = 40_000;
        List<FileEntry> entries = new java.util.ArrayList<>();
        for (int i = 0; i < files; i++) entries.add(new FileEntry(List.of("t", "f" + i), 0, 0));
        Metainfo many = TestTorrents.metainfo(entries, 16, new byte[0], 9);
        String longFolder = "x".repeat(250);

        assertThatThrownBy(() -> FileLayout.of(many).renameFolder("t", longFolder))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than " + FileLayout.MAX_RENAMED_BYTES);
    }
}
