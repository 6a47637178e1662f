package dev.torpeddo.engine.tracker;

import dev.torpeddo.engine.internal.Clock;
import dev.torpeddo.engine.internal.Threads;
import dev.torpeddo.engine.internal.Wakeup;
import dev.torpeddo.engine.metainfo.InfoHash;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Keeps one torrent announced to its trackers (BEP 12 tiers) on a virtual thread: {@code started} first,
 * {@code completed} once after {@link #completed()}, regular announces on the tracker's interval, retries with
 * exponential backoff, and {@code stopped} on {@link #stop()}.
 *
 * <p>Each tier is shuffled once. An announce tries the trackers of tier 0 in order, then tier 1 and so on; the first
 * tracker that answers moves to the front of its tier and ends the round.
 */
public final class Announcer {
    private static final System.Logger LOG = System.getLogger(Announcer.class.getName());

    /**
     * Timing knobs.
     *
     * @param initialBackoff wait after the first failed round; doubles with every further failure
     * @param maxBackoff the cap for that wait
     * @param defaultMinInterval the smallest gap between announces when the tracker names none
     * @param stopTimeout how long {@link #stop()} waits for the {@code stopped} announce
     * @param numWant peers asked for per announce
     */
    public record Settings(
            Duration initialBackoff,
            Duration maxBackoff,
            Duration defaultMinInterval,
            Duration stopTimeout,
            int numWant) {
        public static final Settings DEFAULT = new Settings(
                Duration.ofSeconds(15), Duration.ofMinutes(30), Duration.ofMinutes(1), Duration.ofSeconds(5), 50);
    }

    /** One tracker and what we last heard from it; guarded by {@link #lock}. */
    private static final class Entry {
        final URI uri;
        final int tier;
        final Tracker tracker; // null when the URL itself is unusable
        Optional<String> lastError = Optional.empty();
        long lastSuccessNanos;
        boolean everSucceeded;
        int peers;
        OptionalInt seeders = OptionalInt.empty();
        OptionalInt leechers = OptionalInt.empty();
        Optional<Duration> minInterval = Optional.empty();

        Entry(URI uri, int tier, TrackerTransport transport) {
            this.uri = uri;
            this.tier = tier;
            Tracker t = null;
            try {
                t = Tracker.of(uri, transport);
            } catch (TrackerException e) {
                lastError = Optional.of(e.getMessage());
            }
            this.tracker = t;
        }
    }

    private final InfoHash infoHash;
    private final byte[] peerId;
    private final int port;
    private final int key;
    private final Supplier<TransferStats> stats;
    private final Consumer<List<InetSocketAddress>> peerSink;
    private final Settings settings;
    private final Backoff backoff;
    private final Clock clock;
    private final Threads threads;

    private final ReentrantLock lock = new ReentrantLock();
    private final Wakeup wakeUp;
    private final List<List<Entry>> tiers = new ArrayList<>();
    private Thread thread;
    private boolean stopping;
    private boolean startedSent;
    private boolean completedPending;
    private int failures;
    private long nextAnnounceAt;
    private long lastAnnounceAt;
    private Duration minInterval;
    private Entry lastWorking;

    /**
     * @param tiers announce URLs grouped in tiers, as in the torrent (untrusted: bad URLs show up as errors)
     * @param peerId our 20-byte peer id
     * @param port our listening TCP port
     * @param stats pulled before every announce
     * @param peerSink receives the peers of every successful announce (on the announcer's thread)
     */
    public Announcer(
            InfoHash infoHash,
            List<List<URI>> tiers,
            byte[] peerId,
            int port,
            TrackerTransport transport,
            Supplier<TransferStats> stats,
            Consumer<List<InetSocketAddress>> peerSink,
            Settings settings) {
        if (peerId.length != 20) throw new IllegalArgumentException("a peer id has 20 bytes");
        this.infoHash = infoHash;
        this.peerId = peerId.clone();
        this.port = port;
        this.stats = stats;
        this.peerSink = peerSink;
        this.settings = settings;
        this.backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff());
        this.clock = transport.clock();
        this.threads = transport.threads();
        this.key = transport.random().secure("announce key").nextInt();
        RandomGenerator shuffle = transport.random().generator("tracker tiers " + infoHash.hex());
        this.wakeUp = clock.newWakeup();
        this.minInterval = settings.defaultMinInterval();
        for (int t = 0; t < tiers.size(); t++) {
            List<Entry> tier = new ArrayList<>();
            for (URI uri : tiers.get(t)) tier.add(new Entry(uri, t, transport));
            Collections.shuffle(tier, shuffle); // BEP 12: once, so load spreads over a tier's trackers
            this.tiers.add(tier);
        }
    }

    /** Starts announcing on a new virtual thread; the first announce ({@code started}) goes out at once. */
    public void start() {
        lock.lock();
        try {
            if (thread != null || stopping) throw new IllegalStateException("already started or stopped");
            nextAnnounceAt = clock.nanoTime();
            thread = threads.startVirtual("announcer-" + infoHash.hex().substring(0, 8), this::run);
        } finally {
            lock.unlock();
        }
    }

    /** The download just finished: sends {@code completed} once, as soon as {@code started} has gone out. */
    public void completed() {
        lock.lock();
        try {
            completedPending = true;
            if (failures == 0) nextAnnounceAt = Math.min(nextAnnounceAt, clock.nanoTime());
            wakeUp.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Asks for an early announce (we need peers), but no sooner than the tracker's min interval allows. */
    public void announceNow() {
        lock.lock();
        try {
            if (failures > 0) return; // already retrying on the backoff schedule
            long earliest = Math.max(clock.nanoTime(), lastAnnounceAt + minInterval.toNanos());
            nextAnnounceAt = Math.min(nextAnnounceAt, earliest);
            wakeUp.signal();
        } finally {
            lock.unlock();
        }
    }

    /** Announces at once, ignoring the min interval and any backoff: the user asked for it. */
    public void forceAnnounce() {
        lock.lock();
        try {
            nextAnnounceAt = clock.nanoTime();
            wakeUp.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Ends announcing: an announce in flight may finish (so a {@code completed} sent just before a quick exit
     * still reaches the tracker) but is abandoned after the stop timeout; then {@code stopped} is sent to the
     * tracker that last answered (bounded by the stop timeout too), and the thread ends.
     */
    public void stop() throws InterruptedException {
        Thread t;
        lock.lock();
        try {
            stopping = true;
            t = thread;
            wakeUp.signal();
        } finally {
            lock.unlock();
        }
        if (t == null) return;
        if (!t.join(settings.stopTimeout())) {
            t.interrupt();
            t.join(settings.stopTimeout());
        }
    }

    /** The tracker list in tier order (within a tier: the order they will be tried). */
    public List<TrackerStatus> status() {
        lock.lock();
        try {
            long now = clock.nanoTime();
            Entry next = lastWorking != null
                    ? lastWorking
                    : tiers.stream().flatMap(List::stream).findFirst().orElse(null);
            List<TrackerStatus> rows = new ArrayList<>();
            for (List<Entry> tier : tiers) {
                for (Entry e : tier) {
                    Optional<Duration> nextIn = e == next && thread != null && !stopping
                            ? Optional.of(Duration.ofNanos(Math.max(0, nextAnnounceAt - now)))
                            : Optional.empty();
                    Optional<Duration> since = e.everSucceeded
                            ? Optional.of(Duration.ofNanos(now - e.lastSuccessNanos))
                            : Optional.empty();
                    rows.add(new TrackerStatus(
                            e.uri, e.tier, e.lastError, since, nextIn, e.peers, e.seeders, e.leechers, e.minInterval));
                }
            }
            return rows;
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (true) {
            AnnounceEvent event = null;
            try {
                while (event == null) {
                    long wait;
                    lock.lock();
                    try {
                        if (stopping) break;
                        wait = nextAnnounceAt - clock.nanoTime();
                        if (wait <= 0) {
                            event = !startedSent
                                    ? AnnounceEvent.STARTED
                                    : completedPending ? AnnounceEvent.COMPLETED : AnnounceEvent.NONE;
                        }
                    } finally {
                        lock.unlock();
                    }
                    // Outside the lock: a signal given meanwhile is kept by the wake-up, not lost.
                    if (event == null) wakeUp.await(wait);
                }
            } catch (InterruptedException e) {
                break; // only stop() interrupts us
            }
            if (event == null) break; // stopping
            Optional<AnnounceResponse> response;
            try {
                response = announceAcrossTiers(request(event));
            } catch (InterruptedException e) {
                response = Optional.empty();
            }
            lock.lock();
            try {
                Thread.interrupted(); // an interrupt from stop() was meant for the announce just finished
                if (stopping) break;
                schedule(event, response);
            } finally {
                lock.unlock();
            }
            response.filter(r -> !r.peers().isEmpty()).ifPresent(r -> peerSink.accept(r.peers()));
        }
        sendStopped();
    }

    /** Plans the next announce after a round; called with the lock held. */
    private void schedule(AnnounceEvent event, Optional<AnnounceResponse> response) {
        long now = clock.nanoTime();
        if (response.isEmpty()) {
            failures++;
            nextAnnounceAt = now + backoff.delay(failures).toNanos();
            return;
        }
        failures = 0;
        if (event == AnnounceEvent.STARTED) startedSent = true;
        if (event == AnnounceEvent.COMPLETED) completedPending = false;
        lastAnnounceAt = now;
        minInterval = response.get().minInterval().orElse(settings.defaultMinInterval());
        // A completed() that arrived during the started round goes out next, without waiting an interval.
        nextAnnounceAt =
                completedPending ? now : now + response.get().interval().toNanos();
    }

    private AnnounceRequest request(AnnounceEvent event) {
        TransferStats s = stats.get();
        return new AnnounceRequest(
                infoHash,
                peerId,
                port,
                s.uploaded(),
                s.downloaded(),
                s.left(),
                event,
                event == AnnounceEvent.STOPPED ? 0 : settings.numWant(),
                key);
    }

    /** One BEP 12 round: tiers in order, trackers in tier order, until one answers. */
    private Optional<AnnounceResponse> announceAcrossTiers(AnnounceRequest request) throws InterruptedException {
        for (List<Entry> liveTier : tiers) {
            List<Entry> tier;
            lock.lock();
            try {
                tier = List.copyOf(liveTier);
            } finally {
                lock.unlock();
            }
            for (Entry entry : tier) {
                if (entry.tracker == null) continue;
                try {
                    AnnounceResponse response = entry.tracker.announce(request);
                    recordSuccess(liveTier, entry, response);
                    return Optional.of(response);
                } catch (TrackerException e) {
                    LOG.log(System.Logger.Level.DEBUG, "{0} ({1})", e.getMessage(), request.event());
                    lock.lock();
                    try {
                        entry.lastError = Optional.of(e.getMessage());
                    } finally {
                        lock.unlock();
                    }
                }
            }
        }
        return Optional.empty();
    }

    private void recordSuccess(List<Entry> tier, Entry entry, AnnounceResponse response) {
        response.warningMessage().ifPresent(w -> LOG.log(System.Logger.Level.INFO, "{0}: warning: {1}", entry.uri, w));
        lock.lock();
        try {
            entry.lastError = Optional.empty();
            entry.everSucceeded = true;
            entry.lastSuccessNanos = clock.nanoTime();
            entry.peers = response.peers().size();
            entry.seeders = response.seeders();
            entry.leechers = response.leechers();
            entry.minInterval = response.minInterval();
            tier.remove(entry);
            tier.addFirst(entry); // BEP 12: a tracker that answers is tried first next time
            lastWorking = entry;
        } finally {
            lock.unlock();
        }
    }

    /** Tells the tracker that last answered that we leave; best effort, bounded by stop()'s join timeout. */
    private void sendStopped() {
        Entry target;
        lock.lock();
        try {
            target = startedSent ? lastWorking : null;
        } finally {
            lock.unlock();
        }
        if (target == null) return;
        try {
            target.tracker.announce(request(AnnounceEvent.STOPPED));
        } catch (TrackerException e) {
            LOG.log(System.Logger.Level.DEBUG, "stopped not delivered: {0}", e.getMessage());
        } catch (InterruptedException e) {
            LOG.log(System.Logger.Level.DEBUG, "stopped abandoned after the stop timeout: {0}", target.uri);
        }
    }
}
