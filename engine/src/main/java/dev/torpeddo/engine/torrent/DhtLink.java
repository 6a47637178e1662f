package dev.torpeddo.engine.torrent;

import dev.torpeddo.engine.dht.DhtNode;
import dev.torpeddo.engine.internal.Clock;
import dev.torpeddo.engine.internal.Futures;
import dev.torpeddo.engine.metainfo.InfoHash;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * A public torrent's use of the session's DHT node (BEP 5): announce that we are in the swarm every 15
 * minutes (again after 10 s if nobody accepted, e.g. while the DHT is still joining), and while
 * downloading ask for peers every minute. Replies arrive on DHT threads and only add addresses.
 */
final class DhtLink {
    private static final System.Logger LOG = System.getLogger(DhtLink.class.getName());
    private static final long ANNOUNCE_NANOS = 15 * 60_000_000_000L;
    private static final long LOOKUP_NANOS = 60_000_000_000L;
    private static final long RETRY_NANOS = 10_000_000_000L;

    private final DhtNode node;
    private final InfoHash infoHash;
    private final IntSupplier listenPort;
    private final Consumer<List<InetSocketAddress>> peerSink;
    private final Clock clock;
    private long lastAnnounceNanos = Long.MIN_VALUE;
    private long lastLookupNanos = Long.MIN_VALUE;
    private boolean forced;

    DhtLink(
            DhtNode node,
            InfoHash infoHash,
            IntSupplier listenPort,
            Consumer<List<InetSocketAddress>> peerSink,
            Clock clock) {
        this.node = node;
        this.infoHash = infoHash;
        this.listenPort = listenPort;
        this.peerSink = peerSink;
        this.clock = clock;
    }

    DhtNode node() {
        return node;
    }

    /** Called on every heartbeat of an active torrent. */
    void tick(boolean downloading) {
        long now = clock.nanoTime();
        boolean announceDue;
        boolean lookupDue;
        synchronized (this) {
            announceDue = lastAnnounceNanos == Long.MIN_VALUE || now - lastAnnounceNanos >= ANNOUNCE_NANOS;
            if (announceDue) lastAnnounceNanos = now;
            lookupDue = forced
                    || (downloading && (lastLookupNanos == Long.MIN_VALUE || now - lastLookupNanos >= LOOKUP_NANOS));
            forced = false;
            if (lookupDue) lastLookupNanos = now;
        }
        if (announceDue) {
            Futures.whenDone(node.announce(infoHash, listenPort.getAsInt()), (accepted, failure) -> {
                LOG.log(
                        System.Logger.Level.DEBUG,
                        "{0}: DHT announce accepted by {1} nodes",
                        infoHash,
                        failure == null ? accepted : failure.toString());
                if (failure != null || accepted == 0) retrySoon();
            });
        }
        if (lookupDue) {
            Futures.onSuccess(node.getPeers(infoHash), peerSink);
        }
    }

    /** The user asked: announce and look up on the next heartbeat, whatever the schedule says. */
    synchronized void forceNext() {
        lastAnnounceNanos = Long.MIN_VALUE;
        forced = true;
    }

    private synchronized void retrySoon() {
        lastAnnounceNanos = clock.nanoTime() - ANNOUNCE_NANOS + RETRY_NANOS;
    }
}
