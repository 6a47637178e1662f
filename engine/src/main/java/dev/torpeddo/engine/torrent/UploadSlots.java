package dev.torpeddo.engine.torrent;

import dev.torpeddo.engine.choker.Choker;
import dev.torpeddo.engine.choker.PeerStats;
import dev.torpeddo.engine.picker.BlockRequest;
import dev.torpeddo.engine.wire.Message;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Applies the {@link Choker}'s decisions to real peers: sends CHOKE and UNCHOKE where a peer's state
 * changes, and drops (with REJECT under the Fast extension) what a newly choked peer had asked for. Called
 * under the torrent's lock.
 */
final class UploadSlots {
    private final Choker<Peer> choker;
    private final int slots;

    UploadSlots(int slots) {
        this.slots = slots;
        this.choker = new Choker<>(RandomGenerator.getDefault(), slots);
    }

    /** One choking round over every connected peer. */
    void round(long now, Collection<Peer> peers, boolean seeding) {
        List<PeerStats<Peer>> stats = new ArrayList<>(peers.size());
        for (Peer p : peers) {
            stats.add(new PeerStats<>(
                    p,
                    p.peerInterested,
                    p.connection.downloadMeter().rate(),
                    p.connection.uploadMeter().rate(),
                    p.snubbed,
                    p.connectedAtNanos));
        }
        Set<Peer> unchoke = choker.round(now, stats, seeding).unchoked();
        for (Peer p : peers) {
            boolean shouldUnchoke = unchoke.contains(p);
            if (shouldUnchoke && p.amChoking) {
                unchoke(p, now);
            } else if (!shouldUnchoke && !p.amChoking) {
                p.amChoking = true;
                p.send(new Message.Choke());
                if (p.fast()) {
                    for (BlockRequest b : p.serving) p.send(new Message.Reject(b.piece(), b.offset(), b.length()));
                }
                p.serving.clear();
            }
        }
    }

    /**
     * A newly interested peer gets a free slot at once instead of waiting for the next round; a full round
     * here would reshuffle everyone on every interest change.
     */
    void offerFreeSlot(Peer peer, Collection<Peer> peers, long now) {
        long unchoked = peers.stream().filter(p -> !p.amChoking).count();
        if (peer.amChoking && unchoked < slots) unchoke(peer, now);
    }

    private static void unchoke(Peer p, long now) {
        p.amChoking = false;
        p.lastUnchokedNanos = now;
        p.send(new Message.Unchoke());
    }
}
