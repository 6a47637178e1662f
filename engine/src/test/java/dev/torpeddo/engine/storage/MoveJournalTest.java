package dev.torpeddo.engine.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MoveJournalTest {
    @Test
    void aJournalReadsBackWhateverTheDestinationIsCalled() throws StorageException {
        Path odd = Path.of("/mnt/disk 2/Téléchargements\nwith a line break/%41");
        for (MoveJournal.State state : MoveJournal.State.values()) {
            MoveJournal journal = new MoveJournal(state, "0badf00d", odd);
            assertThat(MoveJournal.decode(journal.encode())).isEqualTo(journal);
        }
        assertThat(MoveJournal.decodeOrigin(MoveJournal.encodeOrigin(odd))).isEqualTo(odd);
    }

    @Test
    void anythingElseIsRefused() {
        String good = new String(
                new MoveJournal(MoveJournal.State.COPYING, "0badf00d", Path.of("/x")).encode(), StandardCharsets.UTF_8);
        for (String bad : new String[] {
            "",
            good.replace("torpeddo move 1", "torpeddo move 2"),
            good.replace("copying", "COPYING"),
            good.replace("copying", "flying"),
            good.replace("0badf00d", "0BADF00D"),
            good.replace("file:///x", "relative/x"),
            good.replace("file:///x", "http://example.com/x"),
            good.substring(0, good.length() - 1),
            good + "extra\n",
        }) {
            assertThatThrownBy(() -> MoveJournal.decode(bad.getBytes(StandardCharsets.UTF_8)))
                    .as(bad)
                    .isInstanceOf(StorageException.class);
        }
        assertThatThrownBy(() -> MoveJournal.decode(new byte[] {(byte) 0xff})).hasMessageContaining("not UTF-8");
        assertThatThrownBy(() -> MoveJournal.decodeOrigin(good.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(StorageException.class);
    }
}
