package dev.torpeddo.engine.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.torpeddo.engine.metainfo.FileEntry;
import dev.torpeddo.engine.metainfo.Metainfo;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RenameJournalTest {
    /** "show/a.mkv", "show/b.mkv", "show/info.txt". */
    private static final Metainfo SHOW = TestTorrents.metainfo(
            List.of(
                    new FileEntry(List.of("show", "a.mkv"), 10, 0),
                    new FileEntry(List.of("show", "b.mkv"), 10, 10),
                    new FileEntry(List.of("show", "info.txt"), 10, 20)),
            16,
            new byte[30],
            7);

    private static final FileLayout OWN = FileLayout.of(SHOW);

    @Test
    void aJournalReadsBackWhateverTheFilesAreCalled() throws StorageException {
        FileLayout before = OWN.renameFile(2, "Extras/read me #1 (été).txt");
        FileLayout after = before.renameFolder("show", "Der Film – 2 Teile");
        for (RenameJournal.State state : RenameJournal.State.values()) {
            RenameJournal journal = new RenameJournal(state, before, after, List.of(0, 1));
            assertThat(RenameJournal.decode(SHOW, journal.encode())).isEqualTo(journal);
        }
        RenameJournal settled = RenameJournal.settled(after);
        assertThat(RenameJournal.decode(SHOW, settled.encode())).isEqualTo(settled);
        assertThat(settled.outcome()).isEqualTo(after);
        assertThat(new RenameJournal(RenameJournal.State.PARKING, before, after, List.of(1)).outcome())
                .as("half-way through trading places, the renames are undone")
                .isEqualTo(before);
    }

    @Test
    void anythingElseIsRefused() {
        String good = text(new RenameJournal(
                RenameJournal.State.RENAMING,
                OWN.renameFile(2, "show/readme.txt"),
                OWN.renameFile(2, "x/y.txt"),
                List.of(2)));
        Metainfo other = TestTorrents.metainfo(SHOW.files(), 16, new byte[30], 8);
        String hex = SHOW.infoHash().hex();
        for (String bad : new String[] {
            "",
            good.replace("torpeddo rename 1", "torpeddo rename 2"),
            good.replace(hex, other.infoHash().hex()),
            good.replace("renaming", "RENAMING"),
            good.replace("renaming", "flying"),
            good.replace("a 2 x/y.txt", "a 2 ../../escape.txt"),
            good.replace("a 2 x/y.txt", "a 2 /etc/passwd"),
            good.replace("a 2 x/y.txt", "a 2 x//y.txt"),
            good.replace("a 2 x/y.txt", "a 2 .torpeddo-" + hex + ".parts"),
            good.replace("a 2 x/y.txt", "a 2 show/A.MKV"), // the same file as show/a.mkv
            good.replace("a 2 x/y.txt", "a 2 show/a.mkv/inside"), // a file and a folder at once
            good.replace("a 2 x/y.txt", "a 2 x/CON"),
            good.replace("a 2 ", "a 3 "),
            good.replace("a 2 ", "a -1 "),
            good.replace("a 2 ", "a 2x "),
            good.replace("a 2 x/y.txt", "a 2"),
            good.replace("m 2", "m 3"),
            good + "m 2\n",
            good + "a 2 x/z.txt\n",
            good + "what\n",
            good.substring(0, good.length() - 1),
        }) {
            assertThatThrownBy(() -> RenameJournal.decode(SHOW, bad.getBytes(StandardCharsets.UTF_8)))
                    .as(bad)
                    .isInstanceOf(StorageException.class);
        }
        assertThatThrownBy(() -> RenameJournal.decode(SHOW, new byte[] {(byte) 0xff}))
                .hasMessageContaining("not UTF-8");
        byte[] huge = Arrays.copyOf(good.getBytes(StandardCharsets.UTF_8), (int) RenameJournal.maxBytes(3) + 1);
        assertThatThrownBy(() -> RenameJournal.decode(SHOW, huge)).hasMessageContaining("bytes");
    }

    private static String text(RenameJournal journal) {
        return new String(journal.encode(), StandardCharsets.UTF_8);
    }
}
