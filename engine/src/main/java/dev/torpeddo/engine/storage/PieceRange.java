package dev.torpeddo.engine.storage;

/**
 * A half-open range of piece indexes {@code [first, end)}, e.g. the pieces touching one file. Empty for a
 * zero-length file, which owns no bytes and therefore no pieces.
 */
public record PieceRange(int first, int end) {
    public PieceRange {
        if (first < 0 || end < first) throw new IllegalArgumentException("bad piece range " + first + ".." + end);
    }

    public boolean isEmpty() {
        return first == end;
    }

    public int size() {
        return end - first;
    }

    public boolean contains(int piece) {
        return piece >= first && piece < end;
    }
}
