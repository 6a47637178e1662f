package dev.torpeddo.engine.choker;

import java.util.Objects;

/**
 * What the choker needs to know about one connected peer for one round.
 *
 * @param peer the caller's key for the peer (equals/hashCode)
 * @param interested whether the peer wants to download from us; only interested peers take slots
 * @param downloadRate bytes/s we recently received from the peer (reciprocation when leeching)
 * @param uploadRate bytes/s we recently sent to the peer (informational; seeding rotates instead)
 * @param snubbed whether the peer has sent us nothing for a long time although we requested; loses its
 *     regular slot when we leech (it can still win the optimistic one)
 * @param connectedAtNanos when the connection was made, on the caller's monotonic clock; recent peers are
 *     more likely to get the optimistic slot
 */
public record PeerStats<P>(
        P peer, boolean interested, long downloadRate, long uploadRate, boolean snubbed, long connectedAtNanos) {
    public PeerStats {
        Objects.requireNonNull(peer, "peer");
        if (downloadRate < 0 || uploadRate < 0) throw new IllegalArgumentException("negative rate for " + peer);
    }
}
