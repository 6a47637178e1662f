package dev.torpeddo.engine.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.torpeddo.engine.metainfo.FileEntry;
import dev.torpeddo.engine.metainfo.Metainfo;
import dev.torpeddo.engine.storage.TestTorrents.TestTorrent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloadDirectoryTest {
    private static final String REFUSED = "refusing to write outside the download directory";

    @TempDir
    Path temp;

    @Test
    void aSymlinkPointingOutsideRefusesTheTorrentAtOpen() throws IOException {
        Path downloads = Files.createDirectory(temp.resolve("downloads"));
        Path outside = Files.createDirectory(temp.resolve("outside"));
        Files.createSymbolicLink(downloads.resolve("multi"), outside);
        TestTorrent t = TestTorrents.random(1, 16, 10, 10);

        assertThatThrownBy(() -> FileStorage.open(t.metainfo(), downloads))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining(REFUSED);
        assertThat(outside).isEmptyDirectory();
    }

    @Test
    void aSymlinkPlantedAfterOpenRefusesTheWrite() throws IOException {
        Path downloads = Files.createDirectory(temp.resolve("downloads"));
        Path outside = Files.createDirectory(temp.resolve("outside"));
        TestTorrent t = TestTorrents.random(2, 16, 10, 10);
        try (FileStorage storage = FileStorage.open(t.metainfo(), downloads)) {
            Files.createSymbolicLink(downloads.resolve("multi"), outside);

            assertThatThrownBy(() -> storage.write(0, 0, ByteBuffer.wrap(t.piece(0))))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining(REFUSED);
        }
        assertThat(outside).isEmptyDirectory();
    }

    @Test
    void aDanglingSymlinkIsRefused() throws IOException {
        Path downloads = Files.createDirectory(temp.resolve("downloads"));
        Files.createSymbolicLink(downloads.resolve("single.bin"), temp.resolve("not-yet-there"));
        TestTorrent t = TestTorrents.random(3, 16, 10);

        assertThatThrownBy(() -> FileStorage.open(t.metainfo(), downloads)).hasMessageContaining(REFUSED);
        assertThat(temp.resolve("not-yet-there")).doesNotExist();
    }

    @Test
    void aSymlinkStayingInsideIsFollowed() throws IOException {
        Path downloads = Files.createDirectory(temp.resolve("downloads"));
        Path real = Files.createDirectory(downloads.resolve("real"));
        Files.createSymbolicLink(downloads.resolve("multi"), real);
        TestTorrent t = TestTorrents.random(4, 16, 10, 10);

        try (FileStorage storage = FileStorage.open(t.metainfo(), downloads)) {
            FileStorageTest.writeAllPiecesInBlocks(storage, t, 16);
        }

        assertThat(real.resolve("f1.bin")).hasBinaryContent(t.fileContent(1));
    }

    @Test
    void aHandBuiltDotDotPathIsRefused() throws IOException {
        Path downloads = Files.createDirectory(temp.resolve("downloads"));
        byte[] content = new byte[10];
        List<FileEntry> files = List.of(new FileEntry(List.of("..", "escaped.bin"), 10, 0));
        Metainfo evil = TestTorrents.metainfo(files, 16, content, 5);

        assertThatThrownBy(() -> FileStorage.open(evil, downloads))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining(REFUSED);
        assertThat(temp.resolve("escaped.bin")).doesNotExist();
    }

    @Test
    void hostileComponentsAreRefused() throws IOException {
        DownloadDirectory d = new DownloadDirectory(temp.resolve("downloads"));
        for (List<String> bad : List.of(
                List.of("a", ".."),
                List.of("."),
                List.of(""),
                List.of("a/../../b"),
                List.of("/etc", "passwd"),
                List.of("a\\..\\b"),
                List.of("nul\0byte"))) {
            assertThatThrownBy(() -> d.resolve(bad))
                    .as("%s", bad)
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining(REFUSED);
        }
        assertThat(d.resolve(List.of("a", "b.txt")))
                .isEqualTo(d.root().resolve("a").resolve("b.txt"));
    }
}
