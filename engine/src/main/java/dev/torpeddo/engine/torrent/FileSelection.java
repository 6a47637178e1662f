package dev.torpeddo.engine.torrent;

import dev.torpeddo.engine.internal.Bitfield;
import dev.torpeddo.engine.picker.PiecePicker;
import dev.torpeddo.engine.storage.PieceMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which files of a torrent the user wants, and how urgently: a priority per file, 0 (skip) to 7, turned
 * into what the picker and the progress figures need — a priority per piece (the highest of the files it
 * touches, so a piece shared with a skipped file is still fetched) and the bytes that count as wanted.
 * Not thread-safe; the torrent guards it with its lock.
 */
final class FileSelection {
    private final PieceMap pieces;
    private final int[] priority;
    private boolean firstAndLast;

    /** Files not named in {@code priorities} get {@link PiecePicker#DEFAULT_PRIORITY}. */
    FileSelection(PieceMap pieces, Map<Integer, Integer> priorities) {
        this.pieces = pieces;
        this.priority = new int[pieces.fileCount()];
        for (int f = 0; f < priority.length; f++)
            priority[f] = priorities.getOrDefault(f, PiecePicker.DEFAULT_PRIORITY);
    }

    /** Sets one file's priority; refuses a file or priority out of range. */
    int priority(int file) {
        return priority[file];
    }

    void set(int file, int newPriority) {
        if (file < 0 || file >= priority.length) throw new IllegalArgumentException("no file " + file);
        if (newPriority < 0 || newPriority > PiecePicker.MAX_PRIORITY) {
            throw new IllegalArgumentException("priority " + newPriority + " not in 0.." + PiecePicker.MAX_PRIORITY);
        }
        priority[file] = newPriority;
    }

    /** The files to skip (priority 0). */
    Set<Integer> unwantedFiles() {
        Set<Integer> unwanted = new HashSet<>();
        for (int f = 0; f < priority.length; f++) if (priority[f] == 0) unwanted.add(f);
        return unwanted;
    }

    boolean firstAndLastPiecesFirst() {
        return firstAndLast;
    }

    /**
     * Whether the first and last piece of every wanted file come before everything else, so media players
     * can read a file's header and index (often at its end) early.
     */
    void setFirstAndLastPiecesFirst(boolean value) {
        firstAndLast = value;
    }

    /** Each piece's priority: the highest of the files it overlaps, raised for first and last pieces. */
    int[] piecePriorities() {
        int[] result = new int[pieces.pieceCount()];
        for (int f = 0; f < priority.length; f++) {
            var range = pieces.piecesOfFile(f);
            for (int p = range.first(); p < range.end(); p++) result[p] = Math.max(result[p], priority[f]);
        }
        if (firstAndLast) {
            for (int f = 0; f < priority.length; f++) {
                var range = pieces.piecesOfFile(f);
                if (priority[f] == 0 || range.end() <= range.first()) continue;
                result[range.first()] = PiecePicker.MAX_PRIORITY;
                result[range.end() - 1] = PiecePicker.MAX_PRIORITY;
            }
        }
        return result;
    }

    /** The total length of the wanted files. */
    long wantedBytes() {
        long sum = 0;
        for (int f = 0; f < priority.length; f++)
            if (priority[f] > 0) sum += pieces.file(f).length();
        return sum;
    }

    /** The bytes of {@code piece} that belong to wanted files. */
    long wantedBytesOf(int piece) {
        long sum = 0;
        for (var slice : pieces.slices(piece, 0, pieces.pieceSize(piece))) {
            if (priority[slice.fileIndex()] > 0) sum += slice.length();
        }
        return sum;
    }

    /** The bytes of wanted files inside the pieces of {@code have}. */
    long wantedBytesIn(Bitfield have) {
        long sum = 0;
        for (int p = have.nextSetBit(0); p >= 0; p = have.nextSetBit(p + 1)) sum += wantedBytesOf(p);
        return sum;
    }
}
