package dev.torpeddo.engine.torrent;

import dev.torpeddo.engine.internal.Clock;
import dev.torpeddo.engine.wire.ExtensionHandshake;
import dev.torpeddo.engine.wire.Message;
import dev.torpeddo.engine.wire.WireException;
import dev.torpeddo.engine.wire.ext.ExtensionException;
import dev.torpeddo.engine.wire.ext.ExtensionIds;
import dev.torpeddo.engine.wire.ext.PexCodec;
import dev.torpeddo.engine.wire.ext.PexMessage;
import dev.torpeddo.engine.wire.ext.PexPeer;
import dev.torpeddo.engine.wire.ext.PexState;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * One torrent's peer exchange (BEP 11): tells each capable peer who else we are connected to (at most once a
 * minute, through {@link PexState}) and takes addresses from what peers tell us (at most one message per
 * half minute from each, at most 50 addresses from it). A private torrent does neither (BEP 27). Called under
 * the torrent's lock.
 */
final class PeerExchange {
    private static final long MIN_GAP_NANOS = 30_000_000_000L;
    private static final int MAX_TAKEN = 50;

    private final boolean privateTorrent;
    private final Clock clock;
    private volatile boolean disabled;

    PeerExchange(boolean privateTorrent, boolean enabled, Clock clock) {
        this.privateTorrent = privateTorrent;
        this.disabled = privateTorrent || !enabled;
        this.clock = clock;
    }

    /** The session's PEX switch; a private torrent stays without. */
    void setEnabled(boolean enabled) {
        disabled = privateTorrent || !enabled;
    }

    /** Whether we offer ut_pex in our extension handshake: not for a private torrent, nor with PEX off. */
    boolean enabled() {
        return !disabled;
    }

    /** Notes whether a peer speaks ut_pex, from its extension handshake. */
    void handshake(Peer peer, ExtensionHandshake h) {
        peer.setTheirPexId(
                disabled ? 0 : ExtensionIds.remoteId(h, ExtensionIds.UT_PEX).orElse(0));
        if (peer.theirPexId() > 0 && peer.pex() == null) peer.setPex(new PexState(clock, peer.address()));
    }

    /** The addresses a peer's ut_pex message offers us (empty when ignored). */
    List<InetSocketAddress> received(Peer peer, byte[] payload) throws WireException {
        if (disabled) return List.of();
        long now = clock.nanoTime();
        if (peer.lastPexReceivedNanos() != Long.MIN_VALUE && now - peer.lastPexReceivedNanos() < MIN_GAP_NANOS)
            return List.of();
        peer.pexReceived(now);
        PexMessage pex;
        try {
            pex = PexCodec.decode(payload);
        } catch (ExtensionException e) {
            throw new WireException("bad ut_pex message: " + e.getMessage());
        }
        List<InetSocketAddress> learned = new ArrayList<>();
        for (PexPeer p : pex.added()) {
            if (learned.size() == MAX_TAKEN) break;
            learned.add(p.address());
        }
        return learned;
    }

    /** Sends each PEX-capable peer what changed since we last told it. */
    void share(Collection<Peer> peers) {
        if (disabled) return;
        List<PexPeer> connected = new ArrayList<>();
        for (Peer p : peers) {
            p.listenAddress().ifPresent(a -> connected.add(new PexPeer(a, p.isSeed() ? PexPeer.SEED : 0)));
        }
        for (Peer p : peers) {
            if (p.pex() == null) continue;
            p.pex()
                    .nextMessage(connected)
                    .ifPresent(msg -> p.send(new Message.Extended(p.theirPexId(), PexCodec.encode(msg))));
        }
    }
}
