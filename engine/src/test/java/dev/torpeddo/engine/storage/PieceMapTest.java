package dev.torpeddo.engine.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.torpeddo.engine.internal.Bitfield;
import dev.torpeddo.engine.metainfo.FileEntry;
import java.util.List;
import org.junit.jupiter.api.Test;

class PieceMapTest {

    @Test
    void aPieceSpanningThreeFilesSkipsTheEmptyOne() {
        // files: 10 bytes, 0 bytes, 5 bytes, 20 bytes; pieces of 16
        PieceMap map = PieceMapPropertyTest.mapOf(List.of(10L, 0L, 5L, 20L), 16);

        assertThat(map.pieceCount()).isEqualTo(3);
        assertThat(map.slices(0, 0, 16))
                .containsExactly(new FileSlice(0, 0, 10), new FileSlice(2, 0, 5), new FileSlice(3, 0, 1));
        assertThat(map.slices(1, 4, 8)).containsExactly(new FileSlice(3, 5, 8));
    }

    @Test
    void theLastPieceIsShort() {
        PieceMap map = PieceMapPropertyTest.mapOf(List.of(10L, 25L), 16);

        assertThat(map.pieceSize(2)).isEqualTo(3);
        assertThat(map.slices(2, 0, 3)).containsExactly(new FileSlice(1, 22, 3));
        assertThat(map.isValidBlock(2, 0, 4)).isFalse();
        assertThatThrownBy(() -> map.slices(2, 1, 3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void offsetsBeyondFourGigabytesDoNotOverflow() {
        long big = 5L << 30;
        PieceMap map = PieceMapPropertyTest.mapOf(List.of(big, big), 1 << 20);

        int piece = (int) (big >> 20); // first piece of the second file
        assertThat(map.slices(piece, 16384, 16384)).containsExactly(new FileSlice(1, 16384, 16384));
        assertThat(map.piecesOfFile(1)).isEqualTo(new PieceRange(piece, 2 * piece));
    }

    @Test
    void fileBytesDoneCountsOnlyTheFilesShareOfABoundaryPiece() {
        PieceMap map = PieceMapPropertyTest.mapOf(List.of(10L, 0L, 22L), 16);
        Bitfield have = new Bitfield(2);
        have.set(0);

        assertThat(map.fileBytesDone(have)).containsExactly(10, 0, 6);
    }

    @Test
    void inconsistentFileOffsetsAreRejected() {
        List<FileEntry> files = List.of(new FileEntry(List.of("a"), 10, 0), new FileEntry(List.of("b"), 10, 11));
        assertThatThrownBy(() -> new PieceMap(files, 16, 21))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("starts at 11");
    }
}
