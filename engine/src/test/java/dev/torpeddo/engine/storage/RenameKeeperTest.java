package dev.torpeddo.engine.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.metainfo.FileEntry;
import dev.torpeddo.engine.metainfo.Metainfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rename journal stays until a record carries its layout, so a crash before then loses no rename. */
class RenameKeeperTest {
    private static final byte[] CONTENT = new byte[20];
    private static final Metainfo ONE =
            TestTorrents.metainfo(List.of(new FileEntry(List.of("a.bin"), 20, 0)), 16, CONTENT, 3);

    @TempDir
    Path tmp;

    @Test
    void theJournalStaysUntilARecordCarriesItsLayout() throws IOException {
        DownloadDirectory dir = new DownloadDirectory(tmp);
        Files.write(tmp.resolve("a.bin"), CONTENT);
        FileLayout before = FileLayout.of(ONE);
        FileLayout after = before.renameFile(0, "b.bin");
        RenameKeeper renames = new RenameKeeper(MoveSteps.DISK, ONE.infoHash().hex(), null);

        renames.apply(dir, before, after, after.differences(before));

        assertThat(tmp.resolve("b.bin")).hasBinaryContent(CONTENT);
        assertThat(renames.journaled()).isEqualTo(after);
        assertThat(journal()).exists();

        renames.recorded(dir, before); // an older record: the journal is still needed
        assertThat(journal()).exists();

        renames.recorded(dir, after);
        assertThat(journal()).doesNotExist();
        assertThat(renames.journaled()).isNull();
    }

    private Path journal() {
        return tmp.resolve(".torpeddo-" + ONE.infoHash().hex() + ".rename");
    }
}
