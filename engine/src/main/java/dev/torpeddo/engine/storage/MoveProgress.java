package dev.torpeddo.engine.storage;

/** Told how far a move of a torrent's files has got; see {@link StorageMover}. */
@FunctionalInterface
public interface MoveProgress {
    /** Ignores progress. */
    MoveProgress NONE = (moved, total) -> {};

    /**
     * Called on the moving thread, first with {@code moved == 0} and last with {@code moved == total}; {@code moved}
     * never decreases in between. {@code total} is the size of the files this call has to carry over (bytes
     * already moved by an interrupted earlier call are not counted again). An exception thrown here cancels the
     * move like any other failure.
     */
    void moved(long moved, long total);
}
