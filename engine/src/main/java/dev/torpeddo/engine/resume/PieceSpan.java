package dev.torpeddo.engine.resume;

import dev.torpeddo.engine.internal.Bitfield;
import dev.torpeddo.engine.metainfo.FileEntry;
import dev.torpeddo.engine.metainfo.Metainfo;

/**
 * The pieces one non-empty file touches, computed from the metainfo's offsets and lengths (storage's PieceMap
 * is not ours to use).
 *
 * @param first the piece holding the file's first byte
 * @param last the piece holding its last byte
 * @param pieceLength the torrent's piece length
 * @param torrentEnd where the torrent's byte stream ends
 */
record PieceSpan(int first, int last, int pieceLength, long torrentEnd) {

    static PieceSpan of(Metainfo metainfo, FileEntry file) {
        if (file.length() == 0) throw new IllegalArgumentException("an empty file touches no piece");
        int pl = metainfo.pieceLength();
        return new PieceSpan(
                Math.toIntExact(file.offset() / pl),
                Math.toIntExact((file.offset() + file.length() - 1) / pl),
                pl,
                metainfo.totalLength());
    }

    /** Where piece {@code p} ends in the torrent's byte stream (exclusive). */
    long endOfPiece(int p) {
        return Math.min((long) (p + 1) * pieceLength, torrentEnd);
    }

    /** The last piece of the span set in {@code bits}, or -1. */
    int lastSetBit(Bitfield bits) {
        int found = -1;
        for (int p = bits.nextSetBit(first); p >= 0 && p <= last; p = bits.nextSetBit(p + 1)) found = p;
        return found;
    }

    void setAll(Bitfield bits) {
        for (int p = first; p <= last; p++) bits.set(p);
    }
}
