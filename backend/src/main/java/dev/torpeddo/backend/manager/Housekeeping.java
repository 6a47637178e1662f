package dev.torpeddo.backend.manager;

import dev.torpeddo.engine.api.AddMagnet;
import dev.torpeddo.engine.api.TorrentStatus;
import dev.torpeddo.engine.magnet.MagnetException;
import dev.torpeddo.engine.magnet.MagnetParser;
import dev.torpeddo.engine.session.Session;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The manager's once-a-second round, always under its lock: state changes reported as events, stalls measured,
 * share limits enforced, torrents stopped for lack of space resumed when space is back, the queue applied, and
 * resume records written when something worth keeping changed.
 */
final class Housekeeping {
    private static final System.Logger LOG = System.getLogger(Housekeeping.class.getName());
    /** Progress (verified pieces, totals) is saved at most this often per torrent; state changes at once. */
    static final long SAVE_INTERVAL_MS = 30_000;

    /** Engine records started per round at most: the rest wait for the next, so a burst never floods the disk. */
    static final int SAVES_PER_ROUND = 32;

    static final long SPACE_CHECK_MS = 10_000;
    /** Free space that lets a torrent stopped for lack of it try again (or all it still needs, if less). */
    static final long SPACE_TO_RETRY = 64L << 20;

    /**
     * Where a record the engine made is taken in: never on the engine's disk thread that completes it, which would
     * wait there for the manager's lock while the lock's holder (close, a housekeeping round saving many torrents)
     * waits for a slot in that same disk queue — a deadlock once more torrents save at once than the queue holds.
     */
    private static final Executor TAKE_RECORD =
            task -> Thread.ofVirtual().name("torpeddo-take-record").start(task);

    private final TorrentManager m;

    Housekeeping(TorrentManager manager) {
        this.m = manager;
    }

    void run() {
        long now = m.nowMillis();
        Settings s = m.effectiveSettings();
        List<String> toRemove = new ArrayList<>();
        boolean deleteData = s.shareLimits().action() == Settings.ShareAction.REMOVE_WITH_DATA;
        for (ManagedTorrent t : m.torrents.values()) {
            Optional<TorrentStatus> st = t.engineStatus();
            trackActivity(t, st, s.queue(), now);
            if (shareLimitReached(t, st, s.shareLimits())) {
                LOG.log(System.Logger.Level.INFO, "{0}: share limit reached", t.name);
                if (s.shareLimits().action() == Settings.ShareAction.PAUSE) {
                    t.paused = true;
                    t.forced = false;
                    t.choicesDirty = true;
                    t.handle.pause();
                } else {
                    toRemove.add(t.id);
                }
            }
            checkSpace(t, st, now);
            stateMayHaveChanged(t);
        }
        if (!toRemove.isEmpty()) {
            try {
                m.remove(toRemove, deleteData);
            } catch (ManagerException cannotHappen) {
                throw new IllegalStateException(cannotHappen);
            }
        }
        applyQueue();
        saveDue(now);
    }

    // ---- activity and stalls ----

    private static boolean running(Optional<TorrentStatus> st) {
        return st.isPresent()
                && switch (st.get().state()) {
                    case DOWNLOADING, SEEDING, FETCHING_METADATA -> true;
                    default -> false;
                };
    }

    private void trackActivity(ManagedTorrent t, Optional<TorrentStatus> st, Settings.Queue q, long now) {
        if (!running(st)) {
            t.runningSinceMs = -1;
            return;
        }
        if (t.runningSinceMs < 0) t.runningSinceMs = now;
        var x = st.get().transfer();
        if (Math.max(x.downloadRate(), x.uploadRate()) >= q.slowRate()) t.lastActiveMs = now;
    }

    boolean stalled(ManagedTorrent t) {
        if (t.runningSinceMs < 0) return false;
        long quietSince = Math.max(t.runningSinceMs, t.lastActiveMs);
        return m.nowMillis() - quietSince >= m.effectiveSettings().queue().stalledSeconds() * 1000L;
    }

    // ---- share limits ----

    private static boolean shareLimitReached(ManagedTorrent t, Optional<TorrentStatus> st, Settings.ShareLimits g) {
        if (st.isEmpty() || t.paused || !t.hasMetadata()) return false;
        TorrentStatus s = st.get();
        if (s.state() != dev.torpeddo.engine.api.TorrentState.SEEDING) return false;
        double ratio = t.ratioLimit == -2 ? g.ratio() : t.ratioLimit;
        long minutes = t.seedingMinutesLimit == -2 ? g.seedingMinutes() : t.seedingMinutesLimit;
        return (ratio >= 0 && s.ratio() >= ratio) || (minutes >= 0 && s.times().seedingSeconds() >= minutes * 60);
    }

    // ---- out of space ----

    private void checkSpace(ManagedTorrent t, Optional<TorrentStatus> st, long now) {
        if (st.isPresent()
                && st.get().state() == dev.torpeddo.engine.api.TorrentState.ERROR
                && st.get().error().map(Housekeeping::isOutOfSpace).orElse(false)
                && !t.outOfSpace) {
            t.outOfSpace = true;
            t.nextSpaceCheckMs = now + SPACE_CHECK_MS;
        }
        if (!t.outOfSpace || now < t.nextSpaceCheckMs || st.isEmpty()) return;
        t.nextSpaceCheckMs = now + SPACE_CHECK_MS;
        long left = st.get().progress().wantedBytes() - st.get().progress().wantedDoneBytes();
        long free;
        try {
            free = Session.freeSpace(t.savePath());
        } catch (IOException e) {
            return;
        }
        if (free < Math.max(1, Math.min(left, SPACE_TO_RETRY))) return;
        LOG.log(System.Logger.Level.INFO, "{0}: space is back ({1} bytes free): resuming", t.name, free);
        t.outOfSpace = false;
        t.problem = null;
        if (st.get().state() == dev.torpeddo.engine.api.TorrentState.ERROR) t.handle.resume();
    }

    /** What the JDK says when a write finds the disk or the quota full. */
    static boolean isOutOfSpace(String message) {
        String lower = message.toLowerCase(java.util.Locale.ROOT);
        return lower.contains("no space left") || lower.contains("not enough space") || lower.contains("quota");
    }

    // ---- states and the queue ----

    TorrentSnapshot snapshot(ManagedTorrent t) {
        Optional<TorrentStatus> st = t.engineStatus();
        return TorrentSnapshot.of(t, t.state(st), st, stalled(t));
    }

    /** Publishes a StateChanged event when the shown state moved since the last one, and saves soon. */
    void stateMayHaveChanged(ManagedTorrent t) {
        TorrentState now = t.state(t.engineStatus());
        if (now == t.reported) return;
        TorrentState before = t.reported;
        t.reported = now;
        if (before == null) {
            // First look: a restored torrent's record is the one just read; a new one has no engine record yet.
            if (t.engineResume == null) t.progressDirty = true;
            return;
        }
        // The end of a check saves with the progress interval: a restart ends a thousand checks at once, and
        // their records would be the ones just read. Other moves (paused, running, finished, error) save soon.
        if (before == TorrentState.CHECKING) t.progressDirty = true;
        else t.saveSoon = true;
        m.events.publish(new ManagerEvent.StateChanged(t.id, before, now));
    }

    void applyQueue() {
        List<ManagedTorrent> order = new ArrayList<>(m.torrents.values());
        order.sort(Comparator.comparingLong(t -> t.queuePosition));
        List<QueuePolicy.Candidate> candidates = new ArrayList<>(order.size());
        for (ManagedTorrent t : order) {
            Optional<TorrentStatus> st = t.engineStatus();
            boolean failed = t.outOfSpace
                    || st.map(s -> s.state() == dev.torpeddo.engine.api.TorrentState.ERROR)
                            .orElse(false);
            boolean seed = st.map(TorrentStatus::isComplete).orElse(false) && t.hasMetadata();
            candidates.add(new QueuePolicy.Candidate(t.id, t.paused, failed, t.forced, seed, stalled(t)));
        }
        Set<String> run = QueuePolicy.decide(m.effectiveSettings().queue(), candidates);
        for (int i = 0; i < order.size(); i++) {
            ManagedTorrent t = order.get(i);
            QueuePolicy.Candidate c = candidates.get(i);
            if (run.contains(t.id)) {
                t.queued = false;
                start(t);
            } else {
                // Queued or paused: out of the engine's way (a metadata fetch leaves the session). A failed one
                // stays as it is, its error showing.
                t.queued = !c.paused() && !c.failed();
                if (!c.failed()) stop(t);
            }
            stateMayHaveChanged(t);
        }
    }

    private void start(ManagedTorrent t) {
        if (t.handle != null) {
            t.handle.resume();
            return;
        }
        if (t.magnet == null) return; // could not be opened: the problem says why
        try {
            t.handle = m.session.addMagnet(AddMagnet.of(MagnetParser.parse(t.magnet), t.savePath)
                    .with(b -> b.peers(t.pendingPeers)
                            .sequential(t.sequential)
                            .useTrackers(t.useTrackers)
                            .stopAfterMetadata(t.stopAfterMetadata)));
            t.pendingPeers = List.of();
        } catch (MagnetException e) {
            t.problem = "its magnet link is not valid: " + e.getMessage();
            t.paused = true;
        } catch (IllegalStateException stillRemoving) {
            // the previous session entry is still going away; the next round tries again
        }
    }

    private static void stop(ManagedTorrent t) {
        if (t.handle == null) return;
        if (t.handle.metainfo().isEmpty()) {
            // The engine cannot pause a metadata fetch: take it out of the session until it may run.
            t.handle.remove();
            t.handle = null;
        } else {
            t.handle.pause();
        }
    }

    // ---- resume records ----

    private void saveDue(long now) {
        int started = 0;
        for (ManagedTorrent t : m.torrents.values()) {
            boolean engineRecord = t.handle != null && t.handle.metainfo().isPresent();
            if (engineRecord
                    && started < SAVES_PER_ROUND
                    && !t.saving
                    && (t.saveSoon || (t.progressDirty && now - t.lastEngineSaveMs >= SAVE_INTERVAL_MS))) {
                started++;
                var _ = save(t, now); // completes by writing the record; failures are logged there
            } else if ((t.choicesDirty || (!engineRecord && t.saveSoon)) && !t.saving) {
                t.choicesDirty = false;
                t.saveSoon = false;
                m.store.save(t.toRecord());
            }
        }
    }

    /** Asks the engine for a resume record (it flushes the files first), then writes the manager's record. */
    private CompletableFuture<byte[]> save(ManagedTorrent t, long now) {
        t.saving = true;
        t.saveSoon = false;
        t.progressDirty = false;
        t.choicesDirty = false;
        t.lastEngineSaveMs = now;
        // Two records of one torrent can be in flight (a round's and close's) and finish in either order on the
        // disk threads: only a record asked for later than the one kept may replace it, never an older one.
        long ticket = ++t.recordsAsked;
        return t.handle
                .saveResumeData()
                .whenCompleteAsync(
                        (bytes, failure) -> {
                            synchronized (m) {
                                t.saving = false;
                                if (bytes != null && ticket > t.recordKept) {
                                    t.recordKept = ticket;
                                    t.engineResume = bytes;
                                } else if (bytes == null)
                                    LOG.log(
                                            System.Logger.Level.WARNING,
                                            "{0}: no resume record: {1}",
                                            t.name,
                                            failure.toString());
                                if (m.torrents.get(t.id) == t) m.store.save(t.toRecord());
                            }
                        },
                        TAKE_RECORD);
    }

    /** For close: every torrent's record, with a fresh engine record where there is one. */
    List<CompletableFuture<?>> saveAll() {
        List<CompletableFuture<?>> out = new ArrayList<>();
        long now = m.nowMillis();
        for (ManagedTorrent t : m.torrents.values()) {
            if (t.handle != null && t.handle.metainfo().isPresent()) out.add(save(t, now));
            else m.store.save(t.toRecord());
        }
        return out;
    }
}
