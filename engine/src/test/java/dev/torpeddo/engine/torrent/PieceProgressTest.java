package dev.torpeddo.engine.torrent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.internal.Bitfield;
import dev.torpeddo.engine.metainfo.FileEntry;
import dev.torpeddo.engine.storage.PieceMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class PieceProgressTest {
    // Pieces of 100 bytes over three files: a [0, 150), empty [150, 150), c [150, 320).
    // Piece 1 [100, 200) is shared by a and c; the last piece [300, 320) is short.
    private final PieceMap map = new PieceMap(
            List.of(
                    new FileEntry(List.of("a"), 150, 0),
                    new FileEntry(List.of("empty"), 0, 150),
                    new FileEntry(List.of("c"), 170, 150)),
            100,
            320);
    private final FileSelection files = new FileSelection(map, Map.of());

    private static Bitfield piecesOf(int... pieces) {
        Bitfield b = new Bitfield(4);
        for (int p : pieces) b.set(p);
        return b;
    }

    @Test
    void eachPieceOnDiskNamesTheFilesItCompletesAndCountsOnce() {
        PieceProgress progress = new PieceProgress(map, files, piecesOf(), false, RandomGenerator.getDefault());
        assertThat(progress.wantedBytes()).isEqualTo(320);

        assertThat(progress.add(0)).contains(List.of());
        assertThat(progress.add(1)).contains(List.of(0));
        assertThat(progress.add(1)).isEmpty(); // written twice (endgame): nothing new
        assertThat(progress.add(3)).contains(List.of());
        assertThat(progress.isDone()).isFalse();
        assertThat(progress.add(2)).contains(List.of(2));

        assertThat(progress.isDone()).isTrue();
        assertThat(progress.wantedDoneBytes()).isEqualTo(320);
        assertThat(progress.takeVerified()).containsExactly(0, 1, 3, 2);
        assertThat(progress.takeVerified()).isEmpty();
    }

    @Test
    void whatIsLeftForTrackersCountsTheShortLastPieceAsItIs() {
        assertThat(new PieceProgress(map, files, piecesOf(), false, RandomGenerator.getDefault()).leftBytes())
                .isEqualTo(320);
        assertThat(new PieceProgress(map, files, piecesOf(3), false, RandomGenerator.getDefault()).leftBytes())
                .isEqualTo(300);
        assertThat(new PieceProgress(map, files, piecesOf(0, 3), false, RandomGenerator.getDefault()).leftBytes())
                .isEqualTo(200);
        assertThat(new PieceProgress(map, files, piecesOf(0, 1, 2, 3), false, RandomGenerator.getDefault()).leftBytes())
                .isZero();
    }

    @Test
    void aSkippedFileIsNotWaitedFor() {
        PieceProgress progress = new PieceProgress(map, files, piecesOf(0, 1), false, RandomGenerator.getDefault());
        assertThat(progress.isDone()).isFalse();

        files.set(2, 0);
        progress.applyPriorities();

        assertThat(progress.isDone()).isTrue();
        assertThat(progress.wantedBytes()).isEqualTo(150);
        assertThat(progress.wantedDoneBytes()).isEqualTo(150);
    }

    @Test
    void aRecheckStartsOverFromWhatItFoundInTheSameOrder() {
        PieceProgress progress = new PieceProgress(map, files, piecesOf(0), true, RandomGenerator.getDefault());
        progress.add(1);

        progress.replace(piecesOf(2));

        assertThat(progress.has(0)).isFalse();
        assertThat(progress.has(1)).isFalse();
        assertThat(progress.has(2)).isTrue();
        assertThat(progress.picker().isSequential()).isTrue();
        assertThat(progress.wantedDoneBytes()).isEqualTo(100);
        assertThat(progress.fileBytesDone()).containsExactly(0, 0, 100);
    }
}
