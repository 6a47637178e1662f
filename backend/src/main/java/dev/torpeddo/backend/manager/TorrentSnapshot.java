package dev.torpeddo.backend.manager;

import dev.torpeddo.engine.api.TorrentStatus;
import dev.torpeddo.engine.api.TrackerInfo;
import dev.torpeddo.engine.session.TorrentHandle;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * One torrent as a torrent list and its details panel show it, at one moment: flat, made of strings, numbers
 * and booleans only, so the JSON-RPC bridge sends it as it is and can compare two snapshots field by field.
 * Counts the swarm has not reported are -1; rates are bytes per second; times are seconds (since the epoch for
 * {@code addedAt}/{@code completedAt}, 0 when not yet).
 *
 * @param progress fraction of the selected data verified, 0 to 1
 * @param doneBytes verified bytes of the selected files
 * @param downloaded payload received since the manager started; {@code downloadedAllTime} over its life
 * @param eta seconds until done at the current rate, -1 when unknown
 * @param maxPeers the torrent's own peer limit, 0 for the session's (likewise {@code uploadSlots})
 * @param stalled running, but it moved less than the queue's slow rate for a while (it holds no queue slot)
 * @param trackerHosts the trackers' host names, each once (for grouping torrents by tracker)
 * @param trackerStatus {@code working}, {@code error}, {@code not_contacted} or {@code none} (see {@link #trackerStatus})
 */
public record TorrentSnapshot(
        String id,
        String name,
        String state,
        String error,
        String savePath,
        long totalBytes,
        long wantedBytes,
        long doneBytes,
        double progress,
        int pieceCount,
        int piecesDone,
        long checkedBytes,
        long movedBytes,
        double metadataProgress,
        long downloadRate,
        long uploadRate,
        long downloaded,
        long uploaded,
        long downloadedAllTime,
        long uploadedAllTime,
        long wastedBytes,
        double ratio,
        long eta,
        int peers,
        int seeds,
        int swarmSeeds,
        int swarmLeechers,
        int knownPeers,
        double distributedCopies,
        long activeSeconds,
        long seedingSeconds,
        long nextAnnounce,
        long addedAt,
        long completedAt,
        long queuePosition,
        String category,
        List<String> tags,
        List<String> trackerHosts,
        String trackerStatus,
        boolean forced,
        boolean sequential,
        boolean firstLastPieces,
        long downloadLimit,
        long uploadLimit,
        double ratioLimit,
        long seedingMinutesLimit,
        int maxPeers,
        int uploadSlots,
        boolean stalled,
        boolean complete) {

    /** Every field's name, as {@code get_status}'s {@code fields} parameter names them. */
    public static final List<String> FIELDS = Arrays.stream(TorrentSnapshot.class.getRecordComponents())
            .map(c -> c.getName())
            .toList();

    static final String TRACKERS_NOT_CONTACTED = "not_contacted";

    static TorrentSnapshot of(ManagedTorrent t, TorrentState state, Optional<TorrentStatus> engine, boolean stalled) {
        String error = t.problem;
        if (engine.isPresent() && engine.get().error().isPresent())
            error = engine.get().error().get();
        if (engine.isEmpty()) {
            return new TorrentSnapshot(
                    t.id,
                    t.name,
                    state.wireName(),
                    error,
                    t.savePath().toString(),
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    -1,
                    0,
                    0,
                    -1,
                    -1,
                    0,
                    0,
                    0,
                    0,
                    -1,
                    t.addedAt,
                    t.completedAt,
                    t.queuePosition,
                    t.category,
                    List.copyOf(t.tags),
                    List.of(),
                    TRACKERS_NOT_CONTACTED,
                    t.forced,
                    t.sequential,
                    t.firstLastPieces,
                    t.downloadLimit,
                    t.uploadLimit,
                    t.ratioLimit,
                    t.seedingMinutesLimit,
                    t.maxPeers,
                    t.uploadSlots,
                    false,
                    false);
        }
        TorrentStatus s = engine.get();
        TorrentHandle h = t.handle;
        List<TrackerInfo> trackers = h == null ? List.of() : h.trackers();
        var p = s.progress();
        var x = s.transfer();
        var peers = s.peers();
        return new TorrentSnapshot(
                t.id,
                s.name(),
                state.wireName(),
                error,
                t.savePath().toString(),
                p.totalBytes(),
                p.wantedBytes(),
                p.wantedDoneBytes(),
                s.fractionDone(),
                p.pieceCount(),
                p.piecesDone(),
                p.checkedBytes(),
                p.movedBytes(),
                p.metadata(),
                x.downloadRate(),
                x.uploadRate(),
                x.downloaded(),
                x.uploaded(),
                x.downloadedAllTime(),
                x.uploadedAllTime(),
                x.wastedBytes(),
                s.ratio(),
                s.etaSeconds(),
                peers.connected(),
                peers.seeds(),
                peers.swarmSeeds().orElse(-1),
                peers.swarmLeechers().orElse(-1),
                peers.known(),
                p.distributedCopies(),
                s.times().activeSeconds(),
                s.times().seedingSeconds(),
                s.times().nextAnnounce().map(d -> d.toSeconds()).orElse(-1L),
                t.addedAt,
                t.completedAt,
                t.queuePosition,
                t.category,
                List.copyOf(t.tags),
                trackerHosts(trackers),
                trackerStatus(trackers),
                t.forced,
                t.sequential,
                t.firstLastPieces,
                x.downloadLimit(),
                x.uploadLimit(),
                t.ratioLimit,
                t.seedingMinutesLimit,
                t.maxPeers,
                t.uploadSlots,
                stalled,
                s.isComplete());
    }

    /** The trackers' host names, each once, in tier order: what the sidebar groups torrents by. */
    static List<String> trackerHosts(List<TrackerInfo> trackers) {
        Set<String> hosts = new LinkedHashSet<>();
        for (TrackerInfo t : trackers) {
            String host = t.uri().getHost();
            if (host != null) hosts.add(host.toLowerCase(Locale.ROOT));
        }
        return List.copyOf(hosts);
    }

    /**
     * One word for the trackers' health, as qBittorrent's "tracker error" filter needs it: {@code working} when any
     * tracker answered its last announce, {@code error} when every one contacted failed, {@code not_contacted}
     * before any answer, {@code none} for a torrent without trackers.
     */
    static String trackerStatus(List<TrackerInfo> trackers) {
        if (trackers.isEmpty()) return "none";
        boolean failed = false;
        for (TrackerInfo t : trackers) {
            switch (t.status()) {
                case WORKING -> {
                    return "working";
                }
                case ERROR -> failed = true;
                case NOT_CONTACTED -> {}
            }
        }
        return failed ? "error" : TRACKERS_NOT_CONTACTED;
    }
}
