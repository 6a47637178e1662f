package dev.torpeddo.backend.manager;

import dev.torpeddo.engine.api.AddTorrent;
import dev.torpeddo.engine.api.TorrentStatus;
import dev.torpeddo.engine.magnet.MagnetException;
import dev.torpeddo.engine.magnet.MagnetParser;
import dev.torpeddo.engine.metainfo.InfoHash;
import dev.torpeddo.engine.metainfo.Metainfo;
import dev.torpeddo.engine.session.TorrentHandle;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One torrent as the manager keeps it: the user's choices that outlive the engine's torrent, and the engine
 * handle while the torrent is in the session. A magnet that is paused or queued before its metadata arrived has
 * no handle (the engine cannot pause a metadata fetch): it is added to the session again when it may run.
 * Guarded by the manager's lock.
 */
final class ManagedTorrent {
    final String id;
    final InfoHash infoHash;
    String name;
    /** The magnet link while its metadata is unknown; null once known. */
    String magnet;

    /** Where the files go, as added; {@link #savePath()} is where they are now. */
    Path savePath;

    long addedAt;
    long completedAt;
    long queuePosition;
    String category = "";
    List<String> tags = new ArrayList<>();
    boolean paused;
    boolean forced;
    boolean stopAfterMetadata;
    boolean sequential;
    boolean firstLastPieces;
    boolean useTrackers = true;
    long downloadLimit;
    long uploadLimit;
    double ratioLimit = -2;
    long seedingMinutesLimit = -2;
    /** The torrent's own limits, 0 for the session's. */
    int maxPeers;

    int uploadSlots;
    Map<Integer, Integer> filePriorities = new HashMap<>();
    /** The last resume record the engine made, kept for records written between two of them. */
    byte[] engineResume;

    /** The engine's torrent, when it is in the session. */
    TorrentHandle handle;
    /** Held back by the queue (the engine torrent, if any, is paused for that reason, not the user's). */
    boolean queued;
    /** Peers the add named, for a magnet that is not in the session yet. */
    List<java.net.InetSocketAddress> pendingPeers = List.of();
    /** Stopped for lack of space: housekeeping resumes it when space comes back. */
    boolean outOfSpace;
    /** Write a resume record at the next housekeeping round (finished, moved, state changed). */
    boolean saveSoon;
    /** A problem the manager found (a damaged record, no space when metadata arrived), shown until resumed. */
    String problem;
    /** The state last reported, for StateChanged events. */
    TorrentState reported;
    /** Manager time (ms) since when it has run, and when it last moved more than the slow rate. */
    long runningSinceMs = -1;

    long lastActiveMs;
    /** Something worth saving happened since the last record (progress, totals). */
    boolean progressDirty;
    /** A choice changed: write the record soon, without waiting for the engine's next resume record. */
    boolean choicesDirty;

    long lastEngineSaveMs;
    /** Engine records asked for so far, and the number of the one in {@link #engineResume}. */
    long recordsAsked;

    long recordKept;
    boolean saving;
    /** Out of space: when the next free-space check is due (ms), and the wait before the one after. */
    long nextSpaceCheckMs;

    ManagedTorrent(InfoHash infoHash) {
        this.infoHash = infoHash;
        this.id = infoHash.hex();
    }

    /** Where the files are now: the engine's directory while it holds the torrent (it follows moves), else ours. */
    Path savePath() {
        TorrentHandle h = handle;
        return h != null ? h.savePath() : savePath;
    }

    boolean hasMetadata() {
        return magnet == null;
    }

    /**
     * The magnet link with {@code trackers} added as {@code tr=} parameters, those it names already left out. A
     * link that no longer parses (it did when added) is returned as it is.
     */
    static String withTrackers(String magnet, List<URI> trackers) {
        List<URI> known;
        try {
            known = MagnetParser.parse(magnet).trackers();
        } catch (MagnetException e) {
            return magnet;
        }
        StringBuilder link = new StringBuilder(magnet);
        for (URI t : trackers) {
            if (known.contains(t) || link.indexOf("tr=" + URLEncoder.encode(t.toString(), StandardCharsets.UTF_8)) >= 0)
                continue;
            link.append("&tr=").append(URLEncoder.encode(t.toString(), StandardCharsets.UTF_8));
        }
        return link.toString();
    }

    Optional<TorrentStatus> engineStatus() {
        TorrentHandle h = handle;
        return h == null ? Optional.empty() : Optional.of(h.status());
    }

    /** The state as shown, from the engine's and the manager's view. */
    TorrentState state(Optional<TorrentStatus> engine) {
        if (outOfSpace) return TorrentState.ERROR;
        if (engine.isEmpty()) {
            if (problem != null && !paused) return TorrentState.ERROR;
            return paused ? TorrentState.PAUSED : TorrentState.QUEUED;
        }
        return switch (engine.get().state()) {
            case FETCHING_METADATA -> TorrentState.FETCHING_METADATA;
            case CHECKING -> TorrentState.CHECKING;
            case DOWNLOADING -> TorrentState.DOWNLOADING;
            case SEEDING -> TorrentState.SEEDING;
            case MOVING -> TorrentState.MOVING;
            case ERROR -> TorrentState.ERROR;
            case PAUSED -> !paused && queued ? TorrentState.QUEUED : TorrentState.PAUSED;
        };
    }

    TorrentRecord toRecord() {
        return new TorrentRecord(
                TorrentRecord.VERSION,
                id,
                name,
                magnet,
                savePath().toString(),
                addedAt,
                completedAt,
                queuePosition,
                category,
                tags,
                paused,
                forced,
                stopAfterMetadata,
                sequential,
                firstLastPieces,
                useTrackers,
                downloadLimit,
                uploadLimit,
                ratioLimit,
                seedingMinutesLimit,
                maxPeers,
                uploadSlots,
                filePriorities,
                engineResume);
    }

    static ManagedTorrent fromRecord(TorrentRecord r) {
        ManagedTorrent t = new ManagedTorrent(InfoHash.ofHex(r.id()));
        t.name = r.name();
        t.magnet = r.magnet();
        t.savePath = Path.of(r.savePath());
        t.addedAt = r.addedAt();
        t.completedAt = r.completedAt();
        t.queuePosition = r.queuePosition();
        t.category = r.category();
        t.tags = new ArrayList<>(r.tags());
        t.paused = r.paused();
        t.forced = r.forced();
        t.stopAfterMetadata = r.stopAfterMetadata();
        t.sequential = r.sequential();
        t.firstLastPieces = r.firstLastPieces();
        t.useTrackers = r.useTrackers();
        t.downloadLimit = r.downloadLimit();
        t.uploadLimit = r.uploadLimit();
        t.ratioLimit = r.ratioLimit();
        t.seedingMinutesLimit = r.seedingMinutesLimit();
        t.maxPeers = r.maxPeers();
        t.uploadSlots = r.uploadSlots();
        t.filePriorities = new HashMap<>(r.filePriorities());
        t.engineResume = r.engineResume();
        return t;
    }

    /** Every torrent is added to the engine paused; the queue decides at once which ones run. */
    AddTorrent engineAdd(Metainfo meta) {
        ManagedTorrent t = this;
        Map<Integer, Integer> priorities = new LinkedHashMap<>();
        t.filePriorities.forEach((file, prio) -> {
            if (file < meta.files().size()) priorities.put(file, prio);
        });
        return AddTorrent.of(meta, t.savePath)
                .with(b -> b.paused(true)
                        .filePriorities(priorities)
                        .sequential(t.sequential)
                        .useTrackers(t.useTrackers)
                        .downloadLimit(t.downloadLimit)
                        .uploadLimit(t.uploadLimit));
    }

    void applyOptionsToEngine() {
        ManagedTorrent t = this;
        if (t.handle == null || t.handle.metainfo().isEmpty()) return;
        t.handle.setFirstAndLastPiecesFirst(t.firstLastPieces);
        if (t.maxPeers > 0) t.handle.setMaxPeers(t.maxPeers);
        if (t.uploadSlots > 0) t.handle.setUploadSlots(t.uploadSlots);
    }
}
