package dev.torpeddo.engine.lsd;

import dev.torpeddo.engine.internal.Clock;
import dev.torpeddo.engine.internal.Randomness;
import dev.torpeddo.engine.internal.Threads;
import dev.torpeddo.engine.metainfo.InfoHash;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * Local Service Discovery (BEP 14): finds peers on the local network through multicast. It announces our torrents
 * with our listen port (soon after each is added, then at most once per {@link #ANNOUNCE_INTERVAL} per torrent),
 * and reports peers announcing torrents we have to a {@link PeerListener}. Private torrents are never announced
 * nor reported. Our own messages, which loop back, are recognised by a random cookie; each source address may
 * send a burst of {@value #BURST} messages, then one per {@link #REFILL}.
 *
 * <p>One virtual thread receives, and announces whatever is due about once a second, so torrents added together
 * share messages.
 */
public final class LocalDiscovery implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(LocalDiscovery.class.getName());

    public static final Duration ANNOUNCE_INTERVAL = Duration.ofMinutes(5);
    /** Enough for a client announcing a few hundred torrents at once. */
    static final int BURST = 10;

    static final Duration REFILL = Duration.ofSeconds(6);
    static final int MAX_SOURCES = 256;
    private static final Duration TICK = Duration.ofSeconds(1);

    /** Told about each peer found; called on the discovery thread, so it should return quickly. */
    @FunctionalInterface
    public interface PeerListener {
        void peerFound(InfoHash infoHash, InetSocketAddress peer);
    }

    /**
     * Counts since the start.
     *
     * @param messagesSent announces sent
     * @param received datagrams received and fully handled
     * @param peersReported (torrent, peer) pairs passed to the listener
     * @param ownIgnored our own messages looped back
     * @param malformed datagrams that were not valid LSD messages
     * @param rateLimited messages dropped because their source sent too many
     */
    public record Stats(
            long messagesSent, long received, long peersReported, long ownIgnored, long malformed, long rateLimited) {}

    private final LsdTransport transport;
    private final int listenPort;
    private final Predicate<InfoHash> isPrivate;
    private final PeerListener listener;
    private final Clock clock;
    private final String cookie;
    private final SourceRateLimiter limiter;
    /** Our torrents and when each was last announced (clock nanos), or null if not yet. Guarded by this. */
    private final Map<InfoHash, Long> torrents = new LinkedHashMap<>();

    private final Thread thread;
    private volatile boolean closed;

    private final LongAdder messagesSent = new LongAdder();
    private final LongAdder received = new LongAdder();
    private final LongAdder peersReported = new LongAdder();
    private final LongAdder ownIgnored = new LongAdder();
    private final LongAdder malformed = new LongAdder();
    private final LongAdder rateLimited = new LongAdder();

    private LocalDiscovery(
            LsdTransport transport,
            int listenPort,
            Predicate<InfoHash> isPrivate,
            PeerListener listener,
            Clock clock,
            Threads threads,
            Randomness random) {
        if (listenPort < 1 || listenPort > 65535) throw new IllegalArgumentException("bad listen port " + listenPort);
        this.transport = transport;
        this.listenPort = listenPort;
        this.isPrivate = isPrivate;
        this.listener = listener;
        this.clock = clock;
        this.cookie = HexFormat.of().toHexDigits(random.secure("lsd cookie").nextInt());
        this.limiter = new SourceRateLimiter(clock, BURST, REFILL, MAX_SOURCES);
        this.thread = threads.virtual("lsd").newThread(this::run);
    }

    /**
     * Starts discovery on a transport, which it then owns.
     *
     * @param listenPort the BitTorrent port we announce
     * @param isPrivate tells which torrents are private (BEP 27): those are left out entirely
     */
    public static LocalDiscovery start(
            LsdTransport transport, int listenPort, Predicate<InfoHash> isPrivate, PeerListener listener, Clock clock) {
        return start(transport, listenPort, isPrivate, listener, clock, Threads.SYSTEM, Randomness.SYSTEM);
    }

    /** As above, with the thread and the random cookie of an engine {@code Environment}. */
    public static LocalDiscovery start(
            LsdTransport transport,
            int listenPort,
            Predicate<InfoHash> isPrivate,
            PeerListener listener,
            Clock clock,
            Threads threads,
            Randomness random) {
        LocalDiscovery discovery =
                new LocalDiscovery(transport, listenPort, isPrivate, listener, clock, threads, random);
        discovery.thread.start();
        return discovery;
    }

    /** Adds a torrent: unless private, it is announced within about a second, then every 5 minutes. */
    public synchronized void add(InfoHash infoHash) {
        torrents.putIfAbsent(infoHash, null);
    }

    /** Stops announcing a torrent and reporting its peers. */
    public synchronized void remove(InfoHash infoHash) {
        torrents.remove(infoHash);
    }

    public Stats stats() {
        return new Stats(
                messagesSent.sum(),
                received.sum(),
                peersReported.sum(),
                ownIgnored.sum(),
                malformed.sum(),
                rateLimited.sum());
    }

    private void run() {
        long lastTick = clock.nanoTime() - TICK.toNanos();
        while (!closed) {
            try {
                transport.receive(TICK).ifPresent(this::handle);
                // Not after every packet: a flood must not make us walk the torrent list for each one.
                if (clock.nanoTime() - lastTick >= TICK.toNanos()) {
                    lastTick = clock.nanoTime();
                    tick();
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                if (closed) return;
                LOG.log(System.Logger.Level.DEBUG, "LSD receive failed: " + e.getMessage());
                try {
                    clock.sleepMillis(TICK.toMillis()); // do not spin on a broken socket
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    /** Announces every torrent that is due, in as few messages as fit. */
    synchronized void tick() {
        long now = clock.nanoTime();
        List<InfoHash> due = new ArrayList<>();
        for (Map.Entry<InfoHash, Long> e : torrents.entrySet()) {
            boolean isDue = e.getValue() == null || now - e.getValue() >= ANNOUNCE_INTERVAL.toNanos();
            if (isDue && !isPrivate.test(e.getKey())) due.add(e.getKey());
        }
        if (due.isEmpty()) return;
        for (LsdMessage m : LsdMessage.batches(transport.group(), listenPort, due, Optional.of(cookie))) {
            try {
                transport.send(m.encode());
                messagesSent.increment();
            } catch (IOException e) {
                // Marked as announced all the same: retrying every second would not help a network that is down.
                LOG.log(System.Logger.Level.DEBUG, "LSD announce failed: " + e.getMessage());
            }
        }
        for (InfoHash h : due) torrents.put(h, now);
    }

    private void handle(LsdTransport.Datagram datagram) {
        try {
            accept(datagram);
        } finally {
            received.increment(); // last, so that a count seen includes every effect of those packets
        }
    }

    private void accept(LsdTransport.Datagram datagram) {
        LsdMessage message;
        try {
            message = LsdMessage.parse(datagram.data());
        } catch (LsdException e) {
            malformed.increment();
            LOG.log(
                    System.Logger.Level.DEBUG,
                    () -> "ignored LSD datagram from " + datagram.source() + ": " + e.getMessage());
            return;
        }
        if (message.cookie().equals(Optional.of(cookie))) {
            ownIgnored.increment();
            return;
        }
        if (!limiter.allow(datagram.source().getAddress())) {
            rateLimited.increment();
            return;
        }
        InetSocketAddress peer = new InetSocketAddress(datagram.source().getAddress(), message.port());
        for (InfoHash h : message.infoHashes()) {
            if (!wanted(h)) continue;
            peersReported.increment();
            try {
                listener.peerFound(h, peer);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "LSD peer listener failed", e);
            }
        }
    }

    private synchronized boolean wanted(InfoHash infoHash) {
        return torrents.containsKey(infoHash) && !isPrivate.test(infoHash);
    }

    /** Stops the discovery thread and closes the transport. */
    @Override
    public void close() throws IOException {
        closed = true;
        thread.interrupt();
        transport.close();
    }
}
