package dev.torpeddo.engine.tracker;

import dev.torpeddo.engine.internal.Clock;
import dev.torpeddo.engine.metainfo.InfoHash;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * Keeps one torrent's scrape counts (seeders, leechers, completed downloads) fresh, tracker by tracker. A
 * tracker is scraped once after it first answers an announce, then every {@link #INTERVAL} (or its min
 * interval, if longer), and whenever the user asks ({@link #scrapeAll}). An HTTP tracker without a BEP 48
 * scrape URL is never asked.
 *
 * <p>{@link #tick} is driven from the torrent's heartbeat and only decides; the scrapes themselves run on their
 * own threads, so a slow tracker holds up neither announces nor the heartbeat. A failed scrape changes nothing
 * but the time of the next one: it never counts against the tracker's announces.
 */
public final class Scraper {
    private static final System.Logger LOG = System.getLogger(Scraper.class.getName());

    /** The least time between two scrapes of one tracker unless the user asks. */
    public static final Duration INTERVAL = Duration.ofMinutes(30);

    /**
     * A tracker's last scrape answer.
     *
     * @param seeders peers with the whole torrent
     * @param leechers peers still downloading
     * @param downloaded how many times the torrent was downloaded completely
     * @param atNanos when the answer came, on the scraper's clock
     */
    public record Counts(int seeders, int leechers, int downloaded, long atNanos) {}

    /** What we know of scraping one tracker; guarded by the scraper's lock. */
    private static final class Entry {
        Tracker tracker; // null until first needed
        boolean unsupported; // unusable URL, or HTTP without a scrape URL: never asked
        boolean inFlight;
        boolean finishedOnce;
        long finishedAt;
        Optional<Counts> counts = Optional.empty();
    }

    private final InfoHash infoHash;
    private final TrackerTransport transport;
    private final Clock clock;
    private final Executor executor;
    private final Object lock = new Object();
    private final Map<URI, Entry> entries = new HashMap<>();
    private final Set<Thread> running = new HashSet<>();
    private boolean started;

    /** Scrapes on virtual threads of their own. */
    public Scraper(InfoHash infoHash, TrackerTransport transport) {
        this(
                infoHash,
                transport,
                task -> transport
                        .threads()
                        .startVirtual("scrape-" + infoHash.hex().substring(0, 8), task));
    }

    /** For tests: {@code executor} runs each scrape (a direct one makes {@link #tick} synchronous). */
    Scraper(InfoHash infoHash, TrackerTransport transport, Executor executor) {
        this.infoHash = infoHash;
        this.transport = transport;
        this.clock = transport.clock();
        this.executor = executor;
    }

    /** Allows scrapes (the torrent runs); what was learnt and when survives a {@link #stop()}. */
    public void start() {
        synchronized (lock) {
            started = true;
        }
    }

    /** No new scrapes (the torrent is paused or gone); the ones in flight are interrupted. */
    public void stop() {
        synchronized (lock) {
            started = false;
            running.forEach(Thread::interrupt);
        }
    }

    /**
     * Starts the scrapes that are due: for each tracker that has answered an announce, if it was never scraped
     * or its last scrape ended at least {@link #INTERVAL} (or its min interval, if longer) ago.
     *
     * @param announced the announcer's tracker list
     */
    public void tick(List<TrackerStatus> announced) {
        List<URI> due = new ArrayList<>();
        synchronized (lock) {
            long now = clock.nanoTime();
            for (TrackerStatus s : announced) {
                if (s.sinceLastSuccess().isEmpty()) continue;
                Entry e = entries.computeIfAbsent(s.uri(), u -> new Entry());
                Duration gap =
                        s.minInterval().filter(m -> m.compareTo(INTERVAL) > 0).orElse(INTERVAL);
                if (e.finishedOnce && now - e.finishedAt < gap.toNanos()) continue;
                due.add(s.uri());
            }
        }
        launch(due);
    }

    /** Scrapes every one of these trackers now, whatever the interval: the user asked. */
    public void scrapeAll(Collection<URI> trackers) {
        launch(trackers);
    }

    /** Forgets trackers no longer in the torrent's list. */
    public void retain(Collection<URI> trackers) {
        synchronized (lock) {
            entries.keySet().retainAll(Set.copyOf(trackers));
        }
    }

    /** The last scrape answer of every tracker that gave one. */
    public Map<URI, Counts> counts() {
        Map<URI, Counts> out = new HashMap<>();
        synchronized (lock) {
            entries.forEach((uri, e) -> e.counts.ifPresent(c -> out.put(uri, c)));
        }
        return out;
    }

    private void launch(Collection<URI> uris) {
        List<Map.Entry<URI, Tracker>> go = new ArrayList<>();
        synchronized (lock) {
            if (!started) return;
            for (URI uri : uris) {
                Entry e = entries.computeIfAbsent(uri, u -> new Entry());
                if (e.tracker == null && !e.unsupported) e.tracker = trackerFor(uri);
                e.unsupported = e.tracker == null;
                if (e.unsupported || e.inFlight) continue;
                e.inFlight = true;
                go.add(Map.entry(uri, e.tracker));
            }
        }
        for (Map.Entry<URI, Tracker> g : go) executor.execute(() -> scrape(g.getKey(), g.getValue()));
    }

    /** A client of our own (no state worth sharing with the announcer's), or null if it cannot scrape. */
    private Tracker trackerFor(URI uri) {
        try {
            Tracker t = Tracker.of(uri, transport);
            return t.canScrape() ? t : null;
        } catch (TrackerException e) {
            return null;
        }
    }

    private void scrape(URI uri, Tracker tracker) {
        synchronized (lock) {
            running.add(Thread.currentThread());
        }
        Optional<Counts> counts = Optional.empty();
        boolean finished = true;
        try {
            ScrapeResponse r = tracker.scrape(infoHash);
            counts = Optional.of(new Counts(r.complete(), r.incomplete(), r.downloaded(), clock.nanoTime()));
        } catch (TrackerException e) {
            // A socket closed by stop()'s interrupt shows up as an I/O error: not a real answer either.
            finished = !Thread.currentThread().isInterrupted();
            LOG.log(System.Logger.Level.DEBUG, "scrape failed: {0}", e.getMessage());
        } catch (InterruptedException e) {
            finished = false; // stopped: due again as soon as the torrent runs
        } finally {
            synchronized (lock) {
                running.remove(Thread.currentThread());
                Entry e = entries.get(uri);
                if (e != null) {
                    e.inFlight = false;
                    if (finished) {
                        e.finishedOnce = true;
                        e.finishedAt = clock.nanoTime();
                    }
                    if (counts.isPresent()) e.counts = counts;
                }
            }
        }
    }
}
