package dev.torpeddo.engine.torrent;

import dev.torpeddo.engine.internal.Bitfield;
import dev.torpeddo.engine.picker.PiecePicker;
import dev.torpeddo.engine.storage.PieceMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * What a torrent has and what it still wants, from the end of its first check on: the pieces on disk, the
 * picker that chooses the next ones (and knows what every peer has), which files each new piece completes,
 * the wanted bytes done, and the pieces verified since the last event. Guarded by the torrent's lock.
 */
final class PieceProgress {
    private final PieceMap pieceMap;
    private final FileSelection files;
    private final List<Integer> verifiedSinceEvent = new ArrayList<>();
    private final RandomGenerator random;
    private Bitfield have;
    private FileCompletion fileCompletion;
    private PiecePicker<Peer> picker;
    private long wantedBytes;
    private long wantedDoneBytes;

    /**
     * Starts from the pieces the check {@code found}, in the order {@code files} asks for.
     *
     * @param random the picker's random choices
     */
    PieceProgress(PieceMap pieceMap, FileSelection files, Bitfield found, boolean sequential, RandomGenerator random) {
        this.pieceMap = pieceMap;
        this.files = files;
        this.random = random;
        startFrom(found, sequential);
    }

    private void startFrom(Bitfield found, boolean sequential) {
        have = found;
        fileCompletion = new FileCompletion(pieceMap, have);
        picker = new PiecePicker<>(pieceMap.pieceCount(), pieceMap::pieceSize, have.copy(), random);
        picker.setSequential(sequential);
        applyPriorities();
    }

    /** A recheck found these pieces on disk: they replace what we had, and the picker starts over. */
    void replace(Bitfield found) {
        startFrom(found, picker.isSequential());
    }

    /** The file selection changed: the picker and the wanted bytes follow it. */
    void applyPriorities() {
        picker.setPiecePriorities(files.piecePriorities());
        wantedBytes = files.wantedBytes();
        wantedDoneBytes = files.wantedBytesIn(have);
    }

    /**
     * A verified piece reached the disk. Returns the files it completed, or empty when we had it already
     * (nothing changed then).
     */
    Optional<List<Integer>> add(int piece) {
        if (!have.set(piece)) return Optional.empty();
        verifiedSinceEvent.add(piece);
        List<Integer> completed = fileCompletion.pieceAdded(piece);
        picker.pieceVerified(piece);
        wantedDoneBytes += files.wantedBytesOf(piece);
        return Optional.of(completed);
    }

    /** The pieces verified since the last call, in order; empty when none. */
    int[] takeVerified() {
        int[] pieces = verifiedSinceEvent.stream().mapToInt(Integer::intValue).toArray();
        verifiedSinceEvent.clear();
        return pieces;
    }

    /** Our pieces; the caller must not change them. */
    Bitfield have() {
        return have;
    }

    boolean has(int piece) {
        return have.get(piece);
    }

    PiecePicker<Peer> picker() {
        return picker;
    }

    /** Every wanted piece is on disk. */
    boolean isDone() {
        return picker.isDone();
    }

    long wantedBytes() {
        return wantedBytes;
    }

    long wantedDoneBytes() {
        return wantedDoneBytes;
    }

    /** The bytes of the torrent not on disk, for trackers' "left". */
    long leftBytes() {
        int last = pieceMap.pieceCount() - 1;
        long verified = (long) have.cardinality() * pieceMap.pieceLength();
        if (have.get(last)) verified -= pieceMap.pieceLength() - pieceMap.pieceSize(last);
        return pieceMap.totalLength() - verified;
    }

    /** Each file's bytes on disk. */
    long[] fileBytesDone() {
        return pieceMap.fileBytesDone(have);
    }
}
