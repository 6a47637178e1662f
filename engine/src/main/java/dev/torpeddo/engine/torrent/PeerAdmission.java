package dev.torpeddo.engine.torrent;

import dev.torpeddo.engine.internal.Clock;
import dev.torpeddo.engine.net.Network;
import dev.torpeddo.engine.wire.Handshake;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The peers connected to one {@link Torrent} or {@link MetadataFetcher}, and whether one more may join: the
 * one place where both decide on a connection whose handshake completed, dialled or incoming. The rules, in
 * order: the owner must take peers at all (it says why not), then its peer limit, bans, and one connection
 * per peer id. Connections to ourselves never get this far: the handshake refuses them both ways
 * ({@code PeerConnector}), and the dialler gives up on such an address.
 *
 * <p>Every connection holds one of the session's connection slots from before its handshake (the dialler or
 * {@link #takeIncomingSlot} takes it) until it {@linkplain #leave leaves} or is {@linkplain #turnAway turned
 * away}. Only addresses we dialled are recorded in the swarm: an incoming peer's address is not the one it
 * listens on.
 *
 * <p>Guarded by the owner's monitor, like the swarm it records outcomes in; {@link #takeIncomingSlot} and
 * {@link #turnAway} need no lock.
 *
 * @param <P> the owner's kind of peer
 */
final class PeerAdmission<P> {
    private static final System.Logger LOG = System.getLogger(PeerAdmission.class.getName());

    /** Why an owner takes no peer now; {@code forGood}: an address we dialled is not worth dialling again. */
    record Refusal(String reason, boolean forGood) {}

    private record Member(InetSocketAddress address, byte[] peerId, boolean outgoing) {}

    private final ConnectionSlots slots;
    private final Swarm swarm;
    private final Clock clock;
    // In the order peers joined: a lowered limit drops the newest.
    private final Map<P, Member> connected = new LinkedHashMap<>();
    private final Collection<P> view = Collections.unmodifiableSet(connected.keySet());
    private int limit;

    /** @param limit the most peers the owner keeps at once */
    PeerAdmission(ConnectionSlots slots, Swarm swarm, Clock clock, int limit) {
        this.slots = slots;
        this.swarm = swarm;
        this.clock = clock;
        setLimit(limit);
    }

    /** An incoming connection first needs a session-wide slot; when none is free it is dropped at once. */
    void takeIncomingSlot() throws IOException {
        if (!slots.tryAcquire()) throw new IOException("too many connections");
    }

    /**
     * Decides on {@code peer}, whose handshake {@code remote} completed on a connection with {@code address}.
     * Admitted, it counts as connected (and an address we dialled is marked connected in the swarm); refused,
     * an address we dialled is marked failed, and the caller must {@linkplain #turnAway turn it away}.
     *
     * @param ownerRefusal why the owner takes nobody now, if so
     * @return why the peer is refused; empty when it is admitted
     */
    Optional<String> admit(
            P peer, Handshake remote, InetSocketAddress address, boolean outgoing, Optional<Refusal> ownerRefusal) {
        Optional<Refusal> refusal = ownerRefusal.isPresent() ? ownerRefusal : ruleAgainst(remote, address);
        if (refusal.isEmpty()) {
            connected.put(peer, new Member(address, remote.peerId(), outgoing));
            if (outgoing) swarm.connected(address);
            return Optional.empty();
        }
        if (outgoing) swarm.failed(address, clock.nanoTime(), refusal.get().forGood());
        LOG.log(
                System.Logger.Level.DEBUG,
                "{0}: refused: {1}",
                address,
                refusal.get().reason());
        return Optional.of(refusal.get().reason());
    }

    private Optional<Refusal> ruleAgainst(Handshake remote, InetSocketAddress address) {
        if (connected.size() >= limit) return Optional.of(new Refusal("too many peers", false));
        if (swarm.isBanned(address, HexFormat.of().formatHex(remote.peerId())))
            return Optional.of(new Refusal("banned", false));
        for (Member m : connected.values()) {
            if (Arrays.equals(m.peerId(), remote.peerId()))
                return Optional.of(new Refusal("already connected to this peer", false));
        }
        return Optional.empty();
    }

    /** A refused connection: gives its slot back and closes it. */
    void turnAway(Network.Connection c) {
        slots.release();
        try {
            c.close();
        } catch (IOException ignored) {
            // dropping it anyway
        }
    }

    /**
     * An admitted peer's connection closed: its slot is free again, and an address we dialled may be dialled
     * again later. Returns false when the peer was not connected (refused, or gone already).
     */
    boolean leave(P peer) {
        Member m = connected.remove(peer);
        if (m == null) return false;
        slots.release();
        if (m.outgoing()) swarm.disconnected(m.address(), clock.nanoTime());
        return true;
    }

    /** The connected peers, a live read-only view. */
    Collection<P> peers() {
        return view;
    }

    /** The connected peers, copied: callers may close peers while going through them. */
    List<P> peerList() {
        return List.copyOf(connected.keySet());
    }

    int count() {
        return connected.size();
    }

    boolean isEmpty() {
        return connected.isEmpty();
    }

    /** How many more peers the owner takes now (negative after the limit was lowered). */
    int room() {
        return limit - connected.size();
    }

    /** Changes the limit; peers over it stay until the owner closes them. */
    void setLimit(int max) {
        if (max <= 0) throw new IllegalArgumentException("the peer limit must be positive");
        limit = max;
    }
}
