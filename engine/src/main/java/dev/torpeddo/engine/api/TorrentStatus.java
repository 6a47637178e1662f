package dev.torpeddo.engine.api;

import dev.torpeddo.engine.metainfo.InfoHash;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A snapshot of one torrent, cheap to take and safe to hand to another thread (and, through the backend, to
 * the UI). Grouped as a torrent list and its details panel show it.
 *
 * @param error why the torrent is in {@link TorrentState#ERROR}
 */
public record TorrentStatus(
        InfoHash infoHash,
        String name,
        TorrentState state,
        Optional<String> error,
        Progress progress,
        Transfer transfer,
        Peers peers,
        Times times) {

    public TorrentStatus {
        Objects.requireNonNull(infoHash);
        Objects.requireNonNull(name);
        Objects.requireNonNull(state);
        Objects.requireNonNull(error);
        Objects.requireNonNull(progress);
        Objects.requireNonNull(transfer);
        Objects.requireNonNull(peers);
        Objects.requireNonNull(times);
    }

    /**
     * How far the torrent is.
     *
     * @param totalBytes the size of every file
     * @param wantedBytes bytes of the selected files (the whole torrent unless files are skipped)
     * @param wantedDoneBytes verified bytes of the selected files
     * @param checkedBytes during {@link TorrentState#CHECKING}, bytes checked so far
     * @param movedBytes during {@link TorrentState#MOVING}, bytes moved so far (of {@code totalBytes} at most)
     * @param piecesDone verified pieces
     * @param pieceCount all pieces (0 while a magnet's metadata is unknown)
     * @param metadata for a magnet, the fraction of the info dictionary fetched (1 once known)
     * @param distributedCopies how many complete copies the connected peers hold together: the rarest
     *     piece's count, plus the fraction of pieces more common than that (as libtorrent and qBittorrent
     *     show it)
     */
    public record Progress(
            long totalBytes,
            long wantedBytes,
            long wantedDoneBytes,
            long checkedBytes,
            long movedBytes,
            int piecesDone,
            int pieceCount,
            double metadata,
            double distributedCopies) {}

    /**
     * What moved. Payload only: piece data, not protocol overhead.
     *
     * @param downloadRate piece payload received, bytes per second
     * @param uploadRate piece payload sent, bytes per second
     * @param downloaded piece payload received since the torrent was added to this session
     * @param uploaded piece payload sent since the torrent was added to this session
     * @param downloadedAllTime received over the torrent's whole life (restored from its resume record)
     * @param uploadedAllTime sent over the torrent's whole life
     * @param failedBytes bytes of pieces that failed verification and were thrown away
     * @param wastedBytes every byte received and thrown away: failed pieces, blocks we had not asked for,
     *     endgame duplicates
     * @param downloadLimit this torrent's own download limit in bytes per second, 0 for none (the session's
     *     applies on top)
     * @param uploadLimit this torrent's own upload limit in bytes per second, 0 for none
     */
    public record Transfer(
            long downloadRate,
            long uploadRate,
            long downloaded,
            long uploaded,
            long downloadedAllTime,
            long uploadedAllTime,
            long failedBytes,
            long wastedBytes,
            long downloadLimit,
            long uploadLimit) {}

    /**
     * Who is out there.
     *
     * @param connected connected peers
     * @param seeds connected peers that have every piece
     * @param swarmSeeds seeds in the whole swarm, the most any tracker reported
     * @param swarmLeechers leechers in the whole swarm, the most any tracker reported
     * @param known addresses the torrent knows of, from every source (trackers, DHT, PEX, LSD, the user)
     */
    public record Peers(int connected, int seeds, OptionalInt swarmSeeds, OptionalInt swarmLeechers, int known) {}

    /**
     * Time spent, and what comes next.
     *
     * @param activeSeconds seconds spent downloading or seeding, over the torrent's life
     * @param seedingSeconds of those, seconds spent seeding
     * @param nextAnnounce time until the next tracker announce, when one is planned
     */
    public record Times(long activeSeconds, long seedingSeconds, Optional<Duration> nextAnnounce) {}

    /** Fraction of the selected data verified, 0 to 1. */
    public double fractionDone() {
        if (state == TorrentState.FETCHING_METADATA) return 0.0;
        return progress.wantedBytes() == 0 ? 1.0 : (double) progress.wantedDoneBytes() / progress.wantedBytes();
    }

    /** Seconds until done at the current rate, or -1 when unknown. */
    public long etaSeconds() {
        long left = progress.wantedBytes() - progress.wantedDoneBytes();
        if (left == 0 && state != TorrentState.FETCHING_METADATA) return 0;
        long rate = transfer.downloadRate();
        return rate <= 0 ? -1 : (left + rate - 1) / rate;
    }

    /**
     * Uploaded over downloaded, all time. A torrent that was added complete has downloaded nothing: then its
     * size on disk counts as downloaded, as in qBittorrent, so seeding it still shows a meaningful ratio.
     */
    public double ratio() {
        long down = transfer.downloadedAllTime() > 0 ? transfer.downloadedAllTime() : progress.wantedDoneBytes();
        return down == 0 ? 0.0 : (double) transfer.uploadedAllTime() / down;
    }

    public boolean isComplete() {
        return progress.wantedDoneBytes() == progress.wantedBytes()
                && state != TorrentState.CHECKING
                && state != TorrentState.MOVING
                && state != TorrentState.FETCHING_METADATA;
    }
}
