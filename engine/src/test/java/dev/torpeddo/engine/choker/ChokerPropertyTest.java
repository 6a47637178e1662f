package dev.torpeddo.engine.choker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Random swarms whose peers come, go and change interest between rounds. */
class ChokerPropertyTest {
    private static final long SECOND = 1_000_000_000L;

    @Property(tries = 200)
    void unchokesOnlyInterestedPeersWithinTheSlots(
            @ForAll @IntRange(min = 1, max = 8) int slots,
            @ForAll @IntRange(min = 0, max = 20) int peerCount,
            @ForAll boolean seeding,
            @ForAll long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Choker<Integer> choker = new Choker<>(rnd.split(), slots);
        long now = 1000 * SECOND;
        for (int round = 0; round < 30; round++, now += 10 * SECOND) {
            List<PeerStats<Integer>> peers = new ArrayList<>();
            Set<Integer> interested = new HashSet<>();
            Set<Integer> snubbed = new HashSet<>();
            for (int p = 0; p < peerCount; p++) {
                if (rnd.nextInt(10) == 0) continue; // not connected this round
                boolean wants = rnd.nextInt(4) > 0;
                boolean snub = rnd.nextInt(5) == 0;
                if (wants) interested.add(p);
                if (wants && snub) snubbed.add(p);
                peers.add(new PeerStats<>(
                        p,
                        wants,
                        rnd.nextLong(1_000_000),
                        rnd.nextLong(1_000_000),
                        snub,
                        now - rnd.nextLong(200) * SECOND));
            }
            ChokeDecision<Integer> d = choker.round(now, peers, seeding);
            assertThat(d.unchoked()).isSubsetOf(interested);
            assertThat(d.unchoked().size()).isLessThanOrEqualTo(slots);
            if (interested.size() <= slots) assertThat(d.unchoked()).isEqualTo(interested);
            else assertThat(d.optimistic()).isPresent();
            d.optimistic().ifPresent(o -> assertThat(d.unchoked()).contains(o));
            if (!seeding && interested.size() > slots) {
                Set<Integer> regular = new HashSet<>(d.unchoked());
                d.optimistic().ifPresent(regular::remove);
                regular.retainAll(snubbed);
                assertThat(regular).as("snubbed peers in regular slots").isEmpty();
            }
        }
    }
}
