package dev.torpeddo.engine.storage;

/** Reports a move's progress to a {@link MoveProgress}, never backwards and never past the total. */
final class MoveMeter {
    private final MoveProgress progress;
    private final long total;
    private long moved;

    /** Reports the start (nothing moved) at once. */
    MoveMeter(MoveProgress progress, long total) {
        this.progress = progress;
        this.total = total;
        progress.moved(0, total);
    }

    void add(long bytes) {
        long next = Math.min(total, moved + bytes);
        if (next > moved) {
            moved = next;
            progress.moved(moved, total);
        }
    }

    void finish() {
        if (moved < total) {
            moved = total;
            progress.moved(moved, total);
        }
    }
}
