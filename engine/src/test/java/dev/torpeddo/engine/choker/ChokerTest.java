package dev.torpeddo.engine.choker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ChokerTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long LONG_AGO = 0;
    private static final long NOW = 3600 * SECOND;

    private static PeerStats<String> peer(String name, long downloadRate) {
        return new PeerStats<>(name, true, downloadRate, 0, false, LONG_AGO);
    }

    private static List<PeerStats<String>> equalPeers(int n) {
        List<PeerStats<String>> peers = new ArrayList<>();
        for (int i = 0; i < n; i++) peers.add(peer("p" + i, 1000));
        return peers;
    }

    private static Set<String> regular(ChokeDecision<String> d) {
        Set<String> out = new HashSet<>(d.unchoked());
        d.optimistic().ifPresent(out::remove);
        return out;
    }

    @Test
    void leechingUnchokesTheFastestUploadersPlusOneOptimistic() {
        Choker<String> choker = new Choker<>(new SplittableRandom(1));
        List<PeerStats<String>> peers = List.of(
                peer("slow1", 10),
                peer("fast1", 900),
                peer("slow2", 20),
                peer("fast2", 800),
                peer("fast3", 700),
                peer("slow3", 30));
        ChokeDecision<String> d = choker.round(NOW, peers, false);
        assertThat(d.unchoked()).hasSize(4);
        assertThat(regular(d)).containsExactlyInAnyOrder("fast1", "fast2", "fast3");
        assertThat(d.optimistic()).get().isIn("slow1", "slow2", "slow3");
    }

    @Test
    void reciprocationFollowsChangingRates() {
        Choker<String> choker = new Choker<>(new SplittableRandom(2));
        choker.round(NOW, List.of(peer("a", 900), peer("b", 800), peer("c", 700), peer("d", 1), peer("e", 1)), false);
        ChokeDecision<String> d = choker.round(
                NOW, List.of(peer("a", 1), peer("b", 800), peer("c", 700), peer("d", 950), peer("e", 2)), false);
        // The optimistic peer (d or e) keeps its slot for now; "a" fell behind and is choked.
        assertThat(d.unchoked()).contains("b", "c", "d").doesNotContain("a");
    }

    @Test
    void notInterestedPeersTakeNoSlot() {
        Choker<String> choker = new Choker<>(new SplittableRandom(3));
        List<PeerStats<String>> peers = new ArrayList<>(equalPeers(6));
        peers.add(new PeerStats<>("bored", false, 1_000_000, 0, false, LONG_AGO));
        for (int r = 0; r < 20; r++) {
            assertThat(choker.round(NOW + r * 10L * SECOND, peers, r % 2 == 0).unchoked())
                    .doesNotContain("bored");
        }
    }

    @Test
    void everyInterestedPeerIsUnchokedWhenTheyFitInTheSlots() {
        Choker<String> choker = new Choker<>(new SplittableRandom(4));
        List<PeerStats<String>> peers = List.of(
                peer("a", 0),
                new PeerStats<>("snub", true, 0, 0, true, LONG_AGO),
                peer("c", 5),
                new PeerStats<>("idle", false, 0, 0, false, LONG_AGO));
        assertThat(choker.round(NOW, peers, false).unchoked()).containsExactlyInAnyOrder("a", "snub", "c");
    }

    @Test
    void snubbedPeersLoseTheirRegularSlot() {
        Choker<String> choker = new Choker<>(new SplittableRandom(5));
        List<PeerStats<String>> peers = List.of(
                new PeerStats<>("snubber", true, 5000, 0, true, LONG_AGO),
                peer("a", 100),
                peer("b", 90),
                peer("c", 80),
                peer("d", 70),
                peer("e", 60));
        for (int r = 0; r < 12; r++) {
            ChokeDecision<String> d = choker.round(NOW + r * 10L * SECOND, peers, false);
            assertThat(regular(d)).doesNotContain("snubber").containsExactlyInAnyOrder("a", "b", "c");
        }
    }

    @Test
    void optimisticSlotIsKeptForThreeRoundsThenRedrawn() {
        Choker<String> choker = new Choker<>(new SplittableRandom(6));
        List<PeerStats<String>> peers = new ArrayList<>(List.of(peer("f1", 900), peer("f2", 800), peer("f3", 700)));
        for (int i = 0; i < 10; i++) peers.add(peer("s" + i, 1));
        List<String> optimistic = new ArrayList<>();
        for (int r = 0; r < 30; r++) {
            ChokeDecision<String> d = choker.round(NOW + r * 10L * SECOND, peers, false);
            optimistic.add(d.optimistic().orElseThrow());
            assertThat(regular(d)).containsExactlyInAnyOrder("f1", "f2", "f3");
        }
        for (int r = 0; r < 30; r += 3) {
            assertThat(optimistic.get(r + 1)).isEqualTo(optimistic.get(r));
            assertThat(optimistic.get(r + 2)).isEqualTo(optimistic.get(r));
        }
        assertThat(new HashSet<>(optimistic)).as("rotates among choked peers").hasSizeGreaterThanOrEqualTo(4);
    }

    @Test
    void optimisticIsRedrawnAtOnceWhenItsPeerLeavesOrLosesInterest() {
        Choker<String> choker = new Choker<>(new SplittableRandom(7));
        List<PeerStats<String>> peers = new ArrayList<>(equalPeers(8));
        String first = choker.round(NOW, peers, false).optimistic().orElseThrow();
        peers.removeIf(p -> p.peer().equals(first));
        ChokeDecision<String> d = choker.round(NOW + 10 * SECOND, peers, false);
        assertThat(d.optimistic()).get().isNotEqualTo(first);
        assertThat(d.unchoked()).doesNotContain(first);
    }

    @Test
    void newPeersAreAboutThreeTimesAsLikelyToWinTheOptimisticSlot() {
        Choker<String> choker = new Choker<>(new SplittableRandom(8));
        long now = NOW;
        int newWins = 0;
        int draws = 0;
        for (int r = 0; r < 3000; r++, now += 10 * SECOND) {
            List<PeerStats<String>> peers = List.of(
                    peer("f1", 900),
                    peer("f2", 800),
                    peer("f3", 700),
                    peer("old", 1),
                    new PeerStats<>("new", true, 1, 0, false, now - 5 * SECOND));
            ChokeDecision<String> d = choker.round(now, peers, false);
            if (r % Choker.OPTIMISTIC_ROUNDS == 0) {
                draws++;
                if (d.optimistic().orElseThrow().equals("new")) newWins++;
            }
        }
        assertThat((double) newWins / draws).isBetween(0.65, 0.85); // expected 3/4
    }

    @Test
    void seedingGivesEveryInterestedPeerATurn() {
        Choker<String> choker = new Choker<>(new SplittableRandom(9));
        List<PeerStats<String>> peers = new ArrayList<>();
        // Fast downloaders must not monopolize the slots while seeding.
        for (int i = 0; i < 12; i++)
            peers.add(new PeerStats<>("p" + i, true, 0, i < 3 ? 1_000_000 : 10, false, LONG_AGO));
        Map<String, Integer> turns = new HashMap<>();
        for (int r = 0; r < 30; r++) {
            ChokeDecision<String> d = choker.round(NOW + r * 10L * SECOND, peers, true);
            assertThat(d.unchoked()).hasSize(4);
            d.unchoked().forEach(p -> turns.merge(p, 1, Integer::sum));
        }
        assertThat(turns).hasSize(12);
        // 30 rounds x 4 slots over 12 peers is 10 each; rotation keeps everyone near that.
        assertThat(turns.values()).allSatisfy(t -> assertThat(t).isBetween(5, 15));
    }

    @Test
    void seedingKeepsARegularSlotForSeveralRounds() {
        Choker<String> choker = new Choker<>(new SplittableRandom(10));
        List<PeerStats<String>> peers = equalPeers(10);
        Set<String> first = regular(choker.round(NOW, peers, true));
        Set<String> second = regular(choker.round(NOW + 10 * SECOND, peers, true));
        assertThat(second).as("no churn every round").isEqualTo(first);
    }

    @Test
    void zeroSlotsMeansUploadingToNobody() {
        Choker<String> choker = new Choker<>(new SplittableRandom(3), 0);
        assertThat(choker.round(NOW, equalPeers(5), false).unchoked()).isEmpty();
        assertThat(choker.round(NOW + 10 * SECOND, equalPeers(5), true).unchoked())
                .isEmpty();
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new Choker<String>(new SplittableRandom(1), -1))
                .isInstanceOf(IllegalArgumentException.class);
        Choker<String> choker = new Choker<>(new SplittableRandom(1));
        assertThatThrownBy(() -> choker.round(NOW, List.of(peer("a", 1), peer("a", 2)), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a");
        assertThatThrownBy(() -> new PeerStats<>("x", true, -1, 0, false, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
