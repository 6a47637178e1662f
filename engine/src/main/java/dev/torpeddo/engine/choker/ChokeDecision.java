package dev.torpeddo.engine.choker;

import java.util.Optional;
import java.util.Set;

/**
 * The outcome of one choking round.
 *
 * @param unchoked the peers to unchoke; every other peer is choked
 * @param optimistic the peer holding the optimistic slot, if any (also in {@code unchoked})
 */
public record ChokeDecision<P>(Set<P> unchoked, Optional<P> optimistic) {
    public ChokeDecision {
        unchoked = Set.copyOf(unchoked);
    }
}
