package dev.torpeddo.engine.dht;

import static dev.torpeddo.engine.dht.TestNodes.idWithPrefix;
import static dev.torpeddo.engine.dht.TestNodes.node;
import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.internal.ManualClock;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RoutingTableTest {
    private final Random random = new Random(42);
    private final ManualClock clock = new ManualClock();
    private final NodeId self = NodeId.random(random);
    private final RoutingTable table = new RoutingTable(self, clock);

    private List<CompactNode> far(int count, int firstPort) {
        List<CompactNode> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) nodes.add(node(idWithPrefix(self, 0, random), firstPort + i));
        return nodes;
    }

    @Test
    void aFullBucketFarFromUsDoesNotSplitAndKeepsEight() {
        List<CompactNode> nodes = far(20, 1000);
        nodes.forEach(table::seen);

        assertThat(table.size()).isEqualTo(RoutingTable.K);
        assertThat(table.nodes()).containsExactlyElementsOf(nodes.subList(0, RoutingTable.K));
        // The first split separates the far half from ours; the far half never splits again.
        assertThat(table.bucketCount()).isEqualTo(2);
    }

    @Test
    void theBucketHoldingOurIdSplitsAsNodesCloseToUsArrive() {
        for (int prefix = 0; prefix < 20; prefix++) {
            for (int i = 0; i < RoutingTable.K; i++)
                table.seen(node(idWithPrefix(self, prefix, random), prefix * 100 + i + 1));
        }
        assertThat(table.size()).isEqualTo(20 * RoutingTable.K);
        assertThat(table.bucketCount()).isBetween(20, 21);
    }

    @Test
    void neverHoldsMoreThanOneHundredSixtyBucketsOfEight() {
        for (int i = 0; i < 20_000; i++) {
            int prefix = i % 2 == 0 ? random.nextInt(160) : random.nextInt(4);
            table.seen(node(idWithPrefix(self, prefix, random), i % 60_000 + 1));
        }
        assertThat(table.bucketCount()).isLessThanOrEqualTo(160);
        assertThat(table.size()).isLessThanOrEqualTo(160 * RoutingTable.K);
        assertThat(table.nodes()).doesNotHaveDuplicates();
    }

    @Test
    void nodesAgeFromGoodToQuestionableAndAreEvictedAfterFailures() {
        CompactNode n = far(1, 1000).getFirst();
        table.seen(n);
        assertThat(table.state(n.id())).contains(NodeState.GOOD);

        clock.advance(Duration.ofMinutes(15));
        assertThat(table.state(n.id())).contains(NodeState.QUESTIONABLE);
        assertThat(table.dueForPing(10)).containsExactly(n);

        table.failed(n.id());
        assertThat(table.state(n.id())).contains(NodeState.QUESTIONABLE);
        table.failed(n.id());
        assertThat(table.state(n.id())).isEmpty();
        assertThat(table.nodes()).doesNotContain(n);
        assertThat(table.closest(self, 8)).doesNotContain(n);

        table.seen(n);
        assertThat(table.state(n.id())).contains(NodeState.GOOD);
    }

    @Test
    void aNodeThatNeverAnsweredIsEvictedAtItsFirstFailure() {
        CompactNode saved = far(1, 1000).getFirst();
        table.add(saved); // as loaded from a state file
        assertThat(table.state(saved.id())).contains(NodeState.QUESTIONABLE);

        table.failed(saved.id());
        assertThat(table.state(saved.id())).isEmpty();
        assertThat(table.size()).isZero();
    }

    @Test
    void closestPrefersGoodNodesAndFillsUpWithQuestionableOnes() {
        NodeId target = NodeId.random(random);
        List<CompactNode> nodes = far(6, 1000);
        nodes.forEach(table::add);
        List<CompactNode> byDistance = nodes.stream()
                .sorted(Comparator.comparing(CompactNode::id, NodeId.byDistanceTo(target)))
                .toList();
        CompactNode farthest = byDistance.getLast();
        CompactNode nextFarthest = byDistance.get(4);
        table.seen(farthest);
        table.seen(nextFarthest);

        assertThat(table.closest(target, 3)).containsExactly(nextFarthest, farthest, byDistance.getFirst());
        assertThat(table.closest(target, 8, NodeState.GOOD)).containsExactly(nextFarthest, farthest);
        assertThat(table.closest(target, 8, NodeState.QUESTIONABLE))
                .containsExactlyElementsOf(byDistance.subList(0, 4));
        assertThat(table.count(NodeState.GOOD)).isEqualTo(2);
        assertThat(table.count(NodeState.QUESTIONABLE)).isEqualTo(4);
    }

    @Test
    void questionableNodesAreDueForAPingAtMostOncePerInterval() {
        List<CompactNode> saved = far(5, 1000);
        saved.forEach(table::add);
        CompactNode good = far(1, 2000).getFirst();
        table.seen(good);

        assertThat(table.dueForPing(3)).containsExactlyElementsOf(saved.subList(0, 3));
        assertThat(table.dueForPing(3)).containsExactlyElementsOf(saved.subList(3, 5));
        assertThat(table.dueForPing(3)).isEmpty();

        clock.advance(RoutingTable.PING_INTERVAL);
        table.seen(saved.get(1));
        assertThat(table.dueForPing(10)).containsExactly(saved.get(0), saved.get(2), saved.get(3), saved.get(4));
    }

    @Test
    void aNodeThatOnlyQueriedUsIsNotGood() {
        CompactNode n = far(1, 1000).getFirst();
        assertThat(table.add(n)).isTrue();
        assertThat(table.state(n.id())).contains(NodeState.QUESTIONABLE);
    }

    @Test
    void aBadNodeIsReplacedByTheWaitingNode() {
        List<CompactNode> nodes = far(9, 1000);
        nodes.forEach(table::seen);
        CompactNode waiting = nodes.getLast();
        assertThat(table.nodes()).doesNotContain(waiting);

        CompactNode victim = nodes.get(3);
        table.failed(victim.id());
        table.failed(victim.id());

        assertThat(table.nodes()).contains(waiting).doesNotContain(victim).hasSize(RoutingTable.K);
    }

    @Test
    void aNewcomerTakesTheFreedPlaceOfAnEvictedNodeInAFullBucket() {
        List<CompactNode> nodes = far(8, 1000);
        nodes.forEach(table::seen);
        table.seen(node(idWithPrefix(self, 5, random), 2000)); // forces the split, so bucket 0 is final
        table.failed(nodes.get(0).id());
        table.failed(nodes.get(0).id());

        CompactNode newcomer = far(1, 3000).getFirst();
        assertThat(table.seen(newcomer)).isTrue();
        assertThat(table.nodes()).contains(newcomer).doesNotContain(nodes.get(0));
    }

    @Test
    void aKnownIdCannotBeMovedToAnotherAddressWhileItWorks() {
        CompactNode n = far(1, 1000).getFirst();
        table.seen(n);
        table.seen(new CompactNode(n.id(), new InetSocketAddress("10.9.9.9", 9999)));
        assertThat(table.nodes()).containsExactly(n);
    }

    @Test
    void ourOwnIdIsNeverAdded() {
        assertThat(table.seen(node(self, 1))).isFalse();
        assertThat(table.size()).isZero();
    }

    @Test
    void quietBucketsAskForARefreshInsideTheirRange() {
        far(3, 1000).forEach(table::seen);
        table.seen(node(idWithPrefix(self, 0, random), 2000));
        for (int i = 0; i < 8; i++) table.seen(node(idWithPrefix(self, 1 + i % 3, random), 3000 + i)); // forces splits
        assertThat(table.refreshTargets(random)).isEmpty();

        clock.advance(RoutingTable.QUIET_PERIOD);
        List<NodeId> targets = table.refreshTargets(random);
        assertThat(targets).hasSize(table.bucketCount());
        for (int i = 0; i < targets.size(); i++)
            assertThat(self.commonPrefixBits(targets.get(i))).isEqualTo(i);
        assertThat(table.refreshTargets(random)).isEmpty();
    }
}
