package dev.torpeddo.engine.torrent;

import dev.torpeddo.engine.api.PeerSource;
import dev.torpeddo.engine.api.TrackerInfo;
import dev.torpeddo.engine.metainfo.InfoHash;
import dev.torpeddo.engine.tracker.Announcer;
import dev.torpeddo.engine.tracker.Scraper;
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
 * Connects a torrent to its trackers: the announcer reports the torrent's totals and feeds peers back, a
 * new error from any tracker becomes a {@link dev.torpeddo.engine.api.TorrentEvent.TrackerFailed}, and the
 * scraper fills in the counts announces leave out.
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
    private final Scraper scraper; // null when nobody would see the counts
    private volatile Announcer announcer;
    private volatile Seen lastSeen = new Seen(List.of(), 0);

    /** The announcer's rows and when they were taken (their times are relative to that). */
    private record Seen(List<TrackerStatus> rows, long atNanos) {}

    /** The torrent wants to announce (started, not stopped since), whether or not it has trackers yet. */
    private boolean wanted;

    /**
     * @param scrape whether to scrape the trackers too (a magnet still fetching its metadata shows no tracker
     *     list, so it does not)
     */
    TrackerLink(Owner torrent, InfoHash infoHash, List<List<URI>> tiers, TorrentContext ctx, boolean scrape) {
        this.torrent = torrent;
        this.infoHash = infoHash;
        this.tiers = copy(tiers);
        this.ctx = ctx;
        this.scraper = scrape ? new Scraper(infoHash, ctx.trackers()) : null;
    }

    /** Starts announcing (again after a pause); does nothing once the torrent is stopped. */
    synchronized void start() {
        wanted = true; // trackers added later start announcing too
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
        if (scraper != null) scraper.start();
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
        boolean wantedRunning;
        boolean announcing;
        synchronized (this) {
            wantedRunning = wanted;
            announcing = announcer != null;
        }
        if (announcing) stop(); // tells the trackers (also the removed ones) that we stop
        tiers = copy(next);
        if (scraper != null) scraper.retain(allTrackers());
        // Running, or meant to be but it had no tracker: a torrent added without trackers announces to new ones.
        if (wantedRunning) start();
    }

    private List<URI> allTrackers() {
        return tiers.stream().flatMap(List::stream).toList();
    }

    private static List<List<URI>> copy(List<List<URI>> tiers) {
        return tiers.stream().map(List::copyOf).toList();
    }

    /** Turns new tracker answers and errors into events and starts the scrapes due; called from the heartbeat. */
    void poll() {
        Announcer a = announcer;
        if (a == null) return;
        List<TrackerStatus> rows = a.status();
        for (TrackerStatus s : rows) {
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
        if (scraper != null) scraper.tick(rows);
    }

    /** Every tracker of the torrent, also while it is paused (then as last seen, or not contacted). */
    List<TrackerInfo> status() {
        Announcer a = announcer;
        if (a != null) lastSeen = seen(a);
        Seen last = lastSeen;
        Map<URI, TrackerStatus> seen = new HashMap<>();
        for (TrackerStatus s : last.rows()) seen.put(s.uri(), s);
        Map<URI, Scraper.Counts> scraped = scraper == null ? Map.of() : scraper.counts();
        List<TrackerInfo> rows = new ArrayList<>();
        for (int tier = 0; tier < tiers.size(); tier++) {
            for (URI uri : tiers.get(tier)) {
                TrackerStatus s = seen.get(uri);
                Optional<Scraper.Counts> counts = Optional.ofNullable(scraped.get(uri));
                rows.add(s == null ? notContacted(uri, tier, counts) : info(s, last.atNanos(), counts, a != null));
            }
        }
        return rows;
    }

    private Seen seen(Announcer a) {
        List<TrackerStatus> rows = a.status();
        return new Seen(rows, ctx.trackers().clock().nanoTime());
    }

    private static TrackerInfo notContacted(URI uri, int tier, Optional<Scraper.Counts> scraped) {
        return new TrackerInfo(
                uri,
                tier,
                TrackerInfo.Status.NOT_CONTACTED,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                0,
                scraped.map(c -> OptionalInt.of(c.seeders())).orElse(OptionalInt.empty()),
                scraped.map(c -> OptionalInt.of(c.leechers())).orElse(OptionalInt.empty()),
                scraped.map(c -> OptionalInt.of(c.downloaded())).orElse(OptionalInt.empty()));
    }

    /** One row: the announce's status, with each count from the newer of announce and scrape that gave it. */
    private static TrackerInfo info(TrackerStatus s, long seenAt, Optional<Scraper.Counts> scraped, boolean running) {
        TrackerInfo.Status status = s.lastError().isPresent()
                ? TrackerInfo.Status.ERROR
                : s.sinceLastSuccess().isPresent() ? TrackerInfo.Status.WORKING : TrackerInfo.Status.NOT_CONTACTED;
        OptionalInt seeders = s.seeders(), leechers = s.leechers(), downloaded = OptionalInt.empty();
        if (scraped.isPresent()) {
            Scraper.Counts c = scraped.get();
            // Nanosecond times compare by their difference (they may wrap); no announce answer: the scrape wins.
            boolean scrapeNewer = s.sinceLastSuccess()
                    .map(since -> c.atNanos() - (seenAt - since.toNanos()) > 0)
                    .orElse(true);
            if (scrapeNewer || seeders.isEmpty()) seeders = OptionalInt.of(c.seeders());
            if (scrapeNewer || leechers.isEmpty()) leechers = OptionalInt.of(c.leechers());
            downloaded = OptionalInt.of(c.downloaded());
        }
        return new TrackerInfo(
                s.uri(),
                s.tier(),
                status,
                s.lastError(),
                s.sinceLastSuccess(),
                running ? s.nextAnnounceIn() : Optional.empty(),
                s.peers(),
                seeders,
                leechers,
                downloaded);
    }

    /** Scrapes every tracker now, whatever the interval (the user asked); nothing while paused. */
    void scrape() {
        if (scraper != null) scraper.scrapeAll(allTrackers());
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
            wanted = false;
            a = announcer;
            announcer = null;
        }
        if (scraper != null) scraper.stop();
        if (a == null) return;
        lastSeen = seen(a);
        try {
            a.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
