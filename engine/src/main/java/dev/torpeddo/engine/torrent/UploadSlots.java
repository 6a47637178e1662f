package dev.torpeddo.engine.torrent;

import dev.torpeddo.engine.choker.Choker;
import dev.torpeddo.engine.choker.PeerStats;
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
    private Choker<Peer> choker;
    private int slots;
    private final RandomGenerator random;

    /** @param random the optimistic unchokes' choices */
    UploadSlots(int slots, RandomGenerator random) {
        this.random = random;
        setSlots(slots);
    }

    /** Changes how many peers are unchoked at once; the next round applies it. */
    void setSlots(int count) {
        if (count <= 0) throw new IllegalArgumentException("upload slots must be positive");
        slots = count;
        choker = new Choker<>(random, count);
    }

    int slots() {
        return slots;
    }

    /** One choking round over every connected peer. */
    void round(long now, Collection<Peer> peers, boolean seeding) {
        List<PeerStats<Peer>> stats = new ArrayList<>(peers.size());
        for (Peer p : peers) {
            stats.add(new PeerStats<>(
                    p,
                    p.isInterestedInUs(),
                    p.connection().downloadMeter().rate(),
                    p.connection().uploadMeter().rate(),
                    p.isSnubbed(),
                    p.connectedAtNanos()));
        }
        Set<Peer> unchoke = choker.round(now, stats, seeding).unchoked();
        for (Peer p : peers) {
            if (unchoke.contains(p)) p.unchoke(now);
            else p.choke();
        }
    }

    /**
     * A newly interested peer gets a free slot at once instead of waiting for the next round; a full round
     * here would reshuffle everyone on every interest change.
     */
    void offerFreeSlot(Peer peer, Collection<Peer> peers, long now) {
        long unchoked = peers.stream().filter(p -> !p.amChoking()).count();
        if (peer.amChoking() && unchoked < slots) peer.unchoke(now);
    }
}
