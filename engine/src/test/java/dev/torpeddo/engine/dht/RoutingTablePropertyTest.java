package dev.torpeddo.engine.dht;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.internal.ManualClock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class RoutingTablePropertyTest {

    @Property(tries = 200)
    void closestMatchesBruteForceOverTheTable(
            @ForAll long seed,
            @ForAll @IntRange(min = 0, max = 400) int count,
            @ForAll @IntRange(min = 1, max = 20) int n) {
        Random random = new Random(seed);
        NodeId self = NodeId.random(random);
        RoutingTable table = new RoutingTable(self, new ManualClock());
        for (int i = 0; i < count; i++) {
            // Half the ids near our own, so that deep buckets exist.
            NodeId id =
                    random.nextBoolean() ? NodeId.random(random) : self.randomWithPrefix(random.nextInt(24), random);
            table.seen(TestNodes.node(id, i + 1));
        }
        NodeId target = NodeId.random(random);

        List<CompactNode> expected = table.nodes().stream()
                .sorted(Comparator.comparing(CompactNode::id, NodeId.byDistanceTo(target)))
                .limit(n)
                .toList();
        assertThat(table.closest(target, n)).containsExactlyElementsOf(expected);
    }

    @Property(tries = 200)
    void noBucketEverHoldsMoreThanK(@ForAll long seed, @ForAll @IntRange(min = 0, max = 600) int count) {
        Random random = new Random(seed);
        NodeId self = NodeId.random(random);
        RoutingTable table = new RoutingTable(self, new ManualClock());
        for (int i = 0; i < count; i++) {
            table.seen(TestNodes.node(self.randomWithPrefix(random.nextInt(12), random), i + 1));
        }
        int deepest = table.bucketCount() - 1;
        Map<Integer, Long> perBucket = table.nodes().stream()
                .map(node -> Math.min(self.commonPrefixBits(node.id()), deepest))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertThat(perBucket.values()).allMatch(c -> c <= RoutingTable.K);
        assertThat(table.size()).isLessThanOrEqualTo(count);
    }
}
