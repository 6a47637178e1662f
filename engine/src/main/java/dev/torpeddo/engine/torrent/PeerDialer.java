package dev.torpeddo.engine.torrent;

import dev.torpeddo.engine.internal.Clock;
import dev.torpeddo.engine.metainfo.InfoHash;
import dev.torpeddo.engine.peer.PeerConnector;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * The outgoing half of connection management, one instance per {@link Torrent} or {@link MetadataFetcher}:
 * takes the addresses its owner's {@link Swarm} says are due, dials each on a virtual thread, hands
 * connections whose handshake completed to the owner, and records failures in the swarm (for good if we
 * dialled ourselves).
 *
 * <p>The policy, so that slow or dead hosts cannot starve the rest: at most {@value #MAX_FRESH_DIALS} dials
 * are pending at once, but one pending longer than {@link #SLOW_DIAL_NANOS} no longer counts against that,
 * so a new dial may start beside it (as libtorrent keeps dialling at a steady rate however many attempts
 * hang). Every pending dial, slow or not, counts against the owner's room for peers, which bounds the total;
 * and each ends within the connect timeout plus the session's handshake timeout.
 *
 * <p>{@link #dialDue} and {@link #inProgress} are called under the owner's monitor, which also guards the
 * swarm; the dial threads take it to record their outcome.
 */
final class PeerDialer {
    private static final System.Logger LOG = System.getLogger(PeerDialer.class.getName());
    /** Dials pending at once that are not yet slow. */
    static final int MAX_FRESH_DIALS = 16;
    /** After this long a pending dial is slow: it stops holding back new ones. */
    static final long SLOW_DIAL_NANOS = 2_000_000_000L;

    /** Connects and handshakes, or fails; blocks for a bounded time. */
    @FunctionalInterface
    interface Connect {
        PeerConnector.Established connect(InetSocketAddress to) throws IOException;
    }

    /**
     * Takes over a connection whose handshake completed. Runs on the dial's thread, without the owner's lock.
     * The connection holds a session-wide connection slot, which the owner releases when it drops it (or
     * refuses it at once); when it refuses, it also tells the swarm.
     */
    @FunctionalInterface
    interface Connected {
        void accept(InetSocketAddress address, PeerConnector.Established established);
    }

    private final Object owner;
    private final Swarm swarm;
    private final Clock clock;
    private final Connect connect;
    private final Executor threads;
    private final Connected onConnected;
    private final Map<InetSocketAddress, Long> pendingSince = new HashMap<>();

    /**
     * The dialler of a torrent or magnet fetch: dials {@code infoHash} with the session's settings, each dial
     * holding one of the session's connection slots.
     *
     * @param owner the object whose monitor guards {@code swarm}
     */
    PeerDialer(TorrentContext ctx, InfoHash infoHash, Object owner, Swarm swarm, Connected onConnected) {
        this(
                owner,
                swarm,
                ctx.env().clock(),
                sessionConnect(ctx, infoHash),
                r -> ctx.env().threads().startVirtual("dial", r),
                onConnected);
    }

    /** For tests: any way of connecting, any way of running the dials. */
    PeerDialer(Object owner, Swarm swarm, Clock clock, Connect connect, Executor threads, Connected onConnected) {
        this.owner = owner;
        this.swarm = swarm;
        this.clock = clock;
        this.connect = connect;
        this.threads = threads;
        this.onConnected = onConnected;
    }

    private static Connect sessionConnect(TorrentContext ctx, InfoHash infoHash) {
        PeerConnector connector = new PeerConnector(
                ctx.env().network(),
                ctx.peerId(),
                ctx.config().connectTimeout(),
                ctx.config().handshakeTimeout(),
                ctx.env().clock(),
                ctx.encryption(),
                ctx.env().random().secure("mse"));
        return to -> {
            if (!ctx.connectionSlots().tryAcquire()) throw new IOException("the session has no connection slot free");
            try {
                return connector.connect(to, infoHash);
            } catch (IOException | RuntimeException e) {
                ctx.connectionSlots().release();
                throw e;
            }
        };
    }

    /**
     * Starts dials to the addresses that are due, as many as the limits allow. Call under the owner's
     * monitor, from its heartbeat and whenever it learns new addresses.
     *
     * @param roomForPeers how many more peers the owner would take now (its limit minus those connected);
     *     pending dials are counted against it here
     * @return how many dials were started
     */
    int dialDue(int roomForPeers) {
        long now = clock.nanoTime();
        int fresh = 0;
        for (long since : pendingSince.values()) if (now - since < SLOW_DIAL_NANOS) fresh++;
        int room = Math.min(roomForPeers - pendingSince.size(), MAX_FRESH_DIALS - fresh);
        if (room <= 0) return 0;
        List<InetSocketAddress> due = swarm.takeDue(now, room);
        for (InetSocketAddress a : due) {
            pendingSince.put(a, now);
            threads.execute(() -> dial(a));
        }
        return due.size();
    }

    /** Dials pending now, slow ones included. Call under the owner's monitor. */
    int inProgress() {
        return pendingSince.size();
    }

    private void dial(InetSocketAddress address) {
        boolean handedOver = false;
        IOException failure = null;
        try {
            PeerConnector.Established established = connect.connect(address);
            handedOver = true;
            onConnected.accept(address, established);
        } catch (IOException e) {
            failure = e;
            LOG.log(System.Logger.Level.DEBUG, "{0}: dial failed: {1}", address, e.getMessage());
        } finally {
            // Counted until the owner has taken the connection, so the owner's heartbeat never sees room that
            // is about to be filled.
            synchronized (owner) {
                pendingSince.remove(address);
                if (!handedOver) {
                    swarm.failed(address, clock.nanoTime(), failure != null && PeerConnector.isSelf(failure));
                }
            }
        }
    }
}
