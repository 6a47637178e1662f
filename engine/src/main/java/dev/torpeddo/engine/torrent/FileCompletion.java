package dev.torpeddo.engine.torrent;

import dev.torpeddo.engine.internal.Bitfield;
import dev.torpeddo.engine.storage.FileSlice;
import dev.torpeddo.engine.storage.PieceMap;
import java.util.ArrayList;
import java.util.List;

/**
 * Counts, per file, the pieces it still lacks, so that the moment a file is complete is known in constant
 * time per piece (a file list's "completed" notification) instead of rescanning the torrent. Guarded by the
 * torrent's lock.
 */
final class FileCompletion {
    private final PieceMap map;
    private final int[] missing;

    FileCompletion(PieceMap map, Bitfield have) {
        this.map = map;
        this.missing = new int[map.fileCount()];
        for (int f = 0; f < missing.length; f++) {
            var range = map.piecesOfFile(f);
            for (int p = range.first(); p < range.end(); p++) if (!have.get(p)) missing[f]++;
        }
    }

    /** Notes a new piece; returns the files it completed (non-empty files only). */
    List<Integer> pieceAdded(int piece) {
        List<Integer> completed = new ArrayList<>(1);
        int lastFile = -1;
        for (FileSlice s : map.slices(piece, 0, map.pieceSize(piece))) {
            if (s.fileIndex() == lastFile) continue;
            lastFile = s.fileIndex();
            if (missing[lastFile] > 0 && --missing[lastFile] == 0) completed.add(lastFile);
        }
        return completed;
    }
}
