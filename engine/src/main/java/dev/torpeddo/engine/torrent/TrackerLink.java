package dev.torpeddo.engine.torrent;

import dev.torpeddo.engine.api.PeerSource;
import dev.torpeddo.engine.api.TrackerInfo;
import dev.torpeddo.engine.metainfo.InfoHash;
import dev.torpeddo.engine.tracker.Announcer;
import dev.torpeddo.engine.tracker.TrackerStatus;
import dev.torpeddo.engine.tracker.TransferStats;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Connects a torrent to its trackers: the announcer reports the torrent's totals and feeds peers back, and
 * a new error from any tracker becomes a {@link dev.torpeddo.engine.api.TorrentEvent.TrackerFailed}.
 */
final class TrackerLink {
    /** What the link needs from a torrent, or from a magnet still fetching its metadata. */
    interface Owner {
        /** uploaded, downloaded, left */
        long[] transferTotals();

        void addPeerCandidates(List<java.net.InetSocketAddress> peers, PeerSource source);

        void trackerFailed(URI tracker, String message);

        void trackerReplied(URI tracker, int peers);

        boolean isStopped();
    }

    private final Owner torrent;
    private final InfoHash infoHash;
    private volatile List<List<URI>> tiers;
    private final TorrentContext ctx;
    private final Map<URI, String> lastErrors = new HashMap<>();
    private final Map<URI, java.time.Duration> lastSuccessAge = new HashMap<>();
    private volatile Announcer announcer;
    private volatile List<TrackerStatus> lastSeen = List.of();

    TrackerLink(Owner torrent, InfoHash infoHash, List<List<URI>> tiers, TorrentContext ctx) {
        this.torrent = torrent;
        this.infoHash = infoHash;
        this.tiers = copy(tiers);
        this.ctx = ctx;
    }

    /** Starts announcing (again after a pause); does nothing once the torrent is stopped. */
    synchronized void start() {
        if (tiers.isEmpty() || torrent.isStopped() || announcer != null) return;
        Announcer a = new Announcer(
                infoHash,
                tiers,
                ctx.peerId(),
                ctx.listenPort().getAsInt(),
                ctx.trackers(),
                () -> {
                    long[] t = torrent.transferTotals();
                    return new TransferStats(t[0], t[1], t[2]);
                },
                peers -> torrent.addPeerCandidates(peers, PeerSource.TRACKER),
                Announcer.Settings.DEFAULT);
        announcer = a;
        a.start();
    }

    /** The trackers, grouped in tiers, as the user left them. */
    List<List<URI>> tiers() {
        return tiers;
    }

    /**
     * Adds trackers, each in a tier of its own after the others (as qBittorrent does); ones already listed
     * are skipped. A running announcer starts over with the new list.
     */
    void add(List<URI> urls) {
        List<List<URI>> next = new ArrayList<>(tiers);
        for (URI u : urls) {
            if (next.stream().noneMatch(t -> t.contains(u))) next.add(List.of(u));
        }
        replace(next);
    }

    /** Removes trackers; tiers left empty go. A running announcer starts over with what is left. */
    void remove(java.util.Collection<URI> urls) {
        List<List<URI>> next = new ArrayList<>();
        for (List<URI> tier : tiers) {
            List<URI> kept = tier.stream().filter(u -> !urls.contains(u)).toList();
            if (!kept.isEmpty()) next.add(kept);
        }
        replace(next);
    }

    /** Starts announcing over (a running announcer only), e.g. with a new listen port. */
    void restart() {
        replace(tiers);
    }

    private void replace(List<List<URI>> next) {
        boolean running;
        synchronized (this) {
            running = announcer != null;
        }
        if (running) stop(); // tells the trackers (also the removed ones) that we stop
        tiers = copy(next);
        if (running) start();
    }

    private static List<List<URI>> copy(List<List<URI>> tiers) {
        return tiers.stream().map(List::copyOf).toList();
    }

    /** Turns new tracker errors into events; called from the torrent's heartbeat. */
    void poll() {
        Announcer a = announcer;
        if (a == null) return;
        for (TrackerStatus s : a.status()) {
            // A success newer than the one seen at the last poll: the time since it is shorter.
            java.time.Duration since = s.sinceLastSuccess().orElse(null);
            java.time.Duration seenBefore = lastSuccessAge.get(s.uri());
            if (since != null && (seenBefore == null || since.compareTo(seenBefore) < 0))
                torrent.trackerReplied(s.uri(), s.peers());
            if (since != null) lastSuccessAge.put(s.uri(), since);
            Optional<String> err = s.lastError();
            String before = lastErrors.get(s.uri());
            if (err.isPresent() && !err.get().equals(before)) torrent.trackerFailed(s.uri(), err.get());
            if (err.isPresent()) lastErrors.put(s.uri(), err.get());
            else lastErrors.remove(s.uri());
        }
    }

    /** Every tracker of the torrent, also while it is paused (then as last seen, or not contacted). */
    List<TrackerInfo> status() {
        Announcer a = announcer;
        if (a != null) lastSeen = a.status();
        Map<URI, TrackerStatus> seen = new HashMap<>();
        for (TrackerStatus s : lastSeen) seen.put(s.uri(), s);
        List<TrackerInfo> rows = new ArrayList<>();
        for (int tier = 0; tier < tiers.size(); tier++) {
            for (URI uri : tiers.get(tier)) {
                TrackerStatus s = seen.get(uri);
                rows.add(s == null ? notContacted(uri, tier) : info(s, a != null));
            }
        }
        return rows;
    }

    private static TrackerInfo notContacted(URI uri, int tier) {
        return new TrackerInfo(
                uri,
                tier,
                TrackerInfo.Status.NOT_CONTACTED,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                0,
                OptionalInt.empty(),
                OptionalInt.empty());
    }

    private static TrackerInfo info(TrackerStatus s, boolean running) {
        TrackerInfo.Status status = s.lastError().isPresent()
                ? TrackerInfo.Status.ERROR
                : s.sinceLastSuccess().isPresent() ? TrackerInfo.Status.WORKING : TrackerInfo.Status.NOT_CONTACTED;
        return new TrackerInfo(
                s.uri(),
                s.tier(),
                status,
                s.lastError(),
                s.sinceLastSuccess(),
                running ? s.nextAnnounceIn() : Optional.empty(),
                s.peers(),
                s.seeders(),
                s.leechers());
    }

    void forceAnnounce() {
        Announcer a = announcer;
        if (a != null) a.forceAnnounce();
    }

    void announceNow() {
        Announcer a = announcer;
        if (a != null) a.announceNow();
    }

    void completed() {
        Announcer a = announcer;
        if (a != null) a.completed();
    }

    /** Sends {@code stopped} (bounded by the announcer's stop timeout). */
    void stop() {
        Announcer a;
        synchronized (this) {
            a = announcer;
            announcer = null;
        }
        if (a != null) lastSeen = a.status();
        if (a == null) return;
        try {
            a.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
