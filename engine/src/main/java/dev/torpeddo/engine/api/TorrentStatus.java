package dev.torpeddo.engine.api;

import dev.torpeddo.engine.metainfo.InfoHash;
import java.util.Optional;

/**
 * A snapshot of one torrent, cheap to take and safe to hand to another thread (later: to the UI over
 * JSON-RPC).
 *
 * @param wantedBytes bytes of the selected files (the whole torrent unless files are skipped)
 * @param wantedDoneBytes verified bytes of the selected files
 * @param checkedBytes during {@link TorrentState#CHECKING}, bytes checked so far
 * @param downloadRate piece payload received, bytes per second
 * @param uploadRate piece payload sent, bytes per second
 * @param downloadedBytes total piece payload received this session, including data that failed its hash
 * @param uploadedBytes total piece payload sent this session
 * @param failedBytes bytes of pieces that failed verification and were thrown away
 * @param peers connected peers
 * @param seeds connected peers that have every piece
 * @param error why the torrent is in {@link TorrentState#ERROR}
 * @param metadataProgress for a magnet, the fraction of the info dictionary fetched (1 once known)
 */
public record TorrentStatus(
        InfoHash infoHash,
        String name,
        TorrentState state,
        long totalBytes,
        long wantedBytes,
        long wantedDoneBytes,
        long checkedBytes,
        int piecesDone,
        int pieceCount,
        long downloadRate,
        long uploadRate,
        long downloadedBytes,
        long uploadedBytes,
        long failedBytes,
        int peers,
        int seeds,
        Optional<String> error,
        double metadataProgress) {

    /** Fraction of the selected data verified, 0 to 1. */
    public double progress() {
        if (state == TorrentState.FETCHING_METADATA) return 0.0;
        return wantedBytes == 0 ? 1.0 : (double) wantedDoneBytes / wantedBytes;
    }

    /** Seconds until done at the current rate, or -1 when unknown. */
    public long etaSeconds() {
        long left = wantedBytes - wantedDoneBytes;
        if (left == 0) return 0;
        return downloadRate <= 0 ? -1 : (left + downloadRate - 1) / downloadRate;
    }

    public boolean isComplete() {
        return wantedDoneBytes == wantedBytes
                && state != TorrentState.CHECKING
                && state != TorrentState.FETCHING_METADATA;
    }
}
