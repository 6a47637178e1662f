package dev.torpeddo.engine.torrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.torpeddo.engine.internal.Bitfield;
import dev.torpeddo.engine.metainfo.FileEntry;
import dev.torpeddo.engine.storage.PieceMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FileSelectionTest {
    // Pieces of 100 bytes over three files: a [0, 150), empty [150, 150), c [150, 320).
    // Piece 1 [100, 200) is shared by a and c; the last piece [300, 320) is short.
    private final PieceMap map = new PieceMap(
            List.of(
                    new FileEntry(List.of("a"), 150, 0),
                    new FileEntry(List.of("empty"), 0, 150),
                    new FileEntry(List.of("c"), 170, 150)),
            100,
            320);

    @Test
    void everyFileIsWantedAtTheDefaultPriorityUnlessToldOtherwise() {
        FileSelection s = new FileSelection(map, Map.of());
        assertThat(s.unwantedFiles()).isEmpty();
        assertThat(s.piecePriorities()).containsExactly(4, 4, 4, 4);
        assertThat(s.wantedBytes()).isEqualTo(320);
        assertThat(s.wantedBytesOf(3)).isEqualTo(20);
    }

    @Test
    void aPieceSharedWithASkippedFileIsStillFetchedButOnlyTheWantedPartCounts() {
        FileSelection s = new FileSelection(map, Map.of(0, 0, 2, 7));
        assertThat(s.unwantedFiles()).containsExactly(0);
        assertThat(s.piecePriorities()).containsExactly(0, 7, 7, 7);
        assertThat(s.wantedBytes()).isEqualTo(170);
        assertThat(s.wantedBytesOf(0)).isZero();
        assertThat(s.wantedBytesOf(1)).isEqualTo(50);
        Bitfield have = new Bitfield(4);
        have.set(0);
        have.set(1);
        assertThat(s.wantedBytesIn(have)).isEqualTo(50);
    }

    @Test
    void theHighestPriorityOfAPiecesFilesWins() {
        FileSelection s = new FileSelection(map, Map.of(0, 2));
        s.set(2, 6);
        assertThat(s.piecePriorities()).containsExactly(2, 6, 6, 6);
        s.set(2, 1);
        assertThat(s.piecePriorities()).containsExactly(2, 2, 1, 1);
    }

    @Test
    void firstAndLastPiecesOfEveryWantedFileComeFirst() {
        // With a longer middle file: pieces of 100 bytes over a [0, 150) and c [150, 620).
        PieceMap longer = new PieceMap(
                List.of(new FileEntry(List.of("a"), 150, 0), new FileEntry(List.of("c"), 470, 150)), 100, 620);
        FileSelection s = new FileSelection(longer, Map.of());
        s.setFirstAndLastPiecesFirst(true);
        assertThat(s.piecePriorities()).containsExactly(7, 7, 4, 4, 4, 4, 7);
        s.set(0, 0); // a skipped file's ends are not raised; c still starts in piece 1
        assertThat(s.piecePriorities()).containsExactly(0, 7, 4, 4, 4, 4, 7);
        s.setFirstAndLastPiecesFirst(false);
        assertThat(s.piecePriorities()).containsExactly(0, 4, 4, 4, 4, 4, 4);
    }

    @Test
    void refusesFilesAndPrioritiesOutOfRange() {
        FileSelection s = new FileSelection(map, Map.of());
        assertThatThrownBy(() -> s.set(3, 1)).hasMessage("no file 3");
        assertThatThrownBy(() -> s.set(-1, 1)).hasMessage("no file -1");
        assertThatThrownBy(() -> s.set(0, 8)).hasMessage("priority 8 not in 0..7");
        assertThatThrownBy(() -> s.set(0, -1)).hasMessage("priority -1 not in 0..7");
        assertThat(s.piecePriorities()).containsExactly(4, 4, 4, 4);
    }
}
