package dev.torpeddo.engine.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.metainfo.FileEntry;
import dev.torpeddo.engine.metainfo.Metainfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a storage opening finds the files, and under which layout: what a restarted torrent relies on. */
class StoragePlacementTest {
    private static final byte[] CONTENT = new byte[40 + 30];
    /** "show/e1.mkv" (40 bytes), "show/info.txt" (30); 16-byte pieces. */
    private static final Metainfo SHOW;

    static {
        new Random(11).nextBytes(CONTENT);
        SHOW = TestTorrents.metainfo(
                List.of(
                        new FileEntry(List.of("show", "e1.mkv"), 40, 0),
                        new FileEntry(List.of("show", "info.txt"), 30, 40)),
                16,
                CONTENT,
                11);
    }

    @TempDir
    Path tmp;

    @Test
    void withoutJournalsTheFilesAreWhereAskedUnderTheLayoutAsked() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("a"));
        FileLayout asked = FileLayout.of(SHOW).renameFile(1, "show/README.txt");

        StoragePlacement placed = StoragePlacement.find(SHOW, dir, asked, MoveSteps.DISK);

        assertThat(placed.dir().root()).isEqualTo(dir.toRealPath());
        assertThat(placed.layout()).isEqualTo(asked);
        assertThat(placed.journaled()).isNull();
    }

    @Test
    void aDirectoryThatDoesNotExistYetIsNoError() throws IOException {
        Path dir = tmp.resolve("not yet");

        StoragePlacement placed = StoragePlacement.find(SHOW, dir, FileLayout.of(SHOW), MoveSteps.DISK);

        assertThat(placed.layout()).isEqualTo(FileLayout.of(SHOW));
        assertThat(placed.journaled()).isNull();
    }

    @Test
    void aRenameNoRecordCarriesYetWinsOverTheLayoutAsked() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("a"));
        FileLayout renamed;
        try (FileStorage storage = FileStorage.open(SHOW, dir)) {
            storage.write(0, 0, ByteBuffer.wrap(CONTENT, 0, 16));
            storage.renameFolder("show", "My Show");
            renamed = storage.layout();
        }

        // The record made before the rename still names the torrent's own paths.
        StoragePlacement placed = StoragePlacement.find(SHOW, dir, FileLayout.of(SHOW), MoveSteps.DISK);

        assertThat(placed.layout()).isEqualTo(renamed);
        assertThat(placed.journaled()).isEqualTo(renamed);
        assertThat(dir.resolve("My Show/e1.mkv")).exists();
    }

    @Test
    void aFinishedMoveIsFollowedAndTheRenameJournalFoundWhereTheFilesWent() throws IOException {
        Path a = Files.createDirectories(tmp.resolve("a"));
        Path b = tmp.resolve("b");
        FileLayout renamed;
        try (FileStorage storage = FileStorage.open(SHOW, a)) {
            storage.write(0, 0, ByteBuffer.wrap(CONTENT, 0, 16));
            storage.renameFile(0, "episode.mkv");
            renamed = storage.layout();
            storage.moveTo(b, MoveProgress.NONE);
        }

        // A restarted torrent whose record predates both still asks for the old directory and paths.
        StoragePlacement placed = StoragePlacement.find(SHOW, a, FileLayout.of(SHOW), MoveSteps.DISK);

        assertThat(placed.dir().root()).isEqualTo(b.toRealPath());
        assertThat(placed.layout()).isEqualTo(renamed);
        assertThat(placed.journaled()).isEqualTo(renamed);
    }
}
