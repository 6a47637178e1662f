package dev.torpeddo.engine.dht;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Lookups over a simulated network in memory: each node knows a fixed random half of the others and answers with
 * the K closest of those. Queries complete synchronously, so every run takes the same path.
 */
class LookupTest {
    private final Random random = new Random(11);
    private final List<CompactNode> network = new ArrayList<>();
    private final Set<NodeId> silent = new HashSet<>();
    private final Map<NodeId, Integer> asked = new ConcurrentHashMap<>();

    LookupTest() {
        for (int i = 0; i < 300; i++) network.add(TestNodes.node(NodeId.random(random), i + 1));
    }

    private List<CompactNode> closestInNetwork(NodeId target, int n, boolean answeringOnly) {
        return network.stream()
                .filter(node -> !answeringOnly || !silent.contains(node.id()))
                .sorted(Comparator.comparing(CompactNode::id, NodeId.byDistanceTo(target)))
                .limit(n)
                .toList();
    }

    /** What {@code node} answers: the K closest of the half of the network it knows (a fixed pseudo-random half). */
    private List<CompactNode> knownBy(CompactNode node, NodeId target) {
        return network.stream()
                .filter(other -> !other.equals(node) && knows(node, other))
                .sorted(Comparator.comparing(CompactNode::id, NodeId.byDistanceTo(target)))
                .limit(RoutingTable.K)
                .toList();
    }

    /** A fixed pseudo-random relation, so that nobody knows everybody yet no clique is cut off. */
    private static boolean knows(CompactNode a, CompactNode b) {
        return (Integer.bitCount(a.id().hashCode() * 0x9E3779B9 ^ b.id().hashCode()) & 1) == 0;
    }

    private Lookup.Querier querier(NodeId target, Function<CompactNode, List<InetSocketAddress>> values) {
        return node -> {
            asked.merge(node.id(), 1, Integer::sum);
            if (silent.contains(node.id())) return CompletableFuture.failedFuture(new TimeoutException("silent"));
            return CompletableFuture.completedFuture(new KrpcMessage.Response(
                    TransactionId.of(1),
                    node.id(),
                    knownBy(node, target),
                    values.apply(node),
                    Optional.of(new Token(new byte[] {(byte) node.address().getPort()}))));
        };
    }

    @Test
    void findsTheKClosestNodesFromFarAwaySeeds() {
        NodeId target = NodeId.random(random);
        NodeId self = NodeId.random(random);
        List<CompactNode> seeds =
                closestInNetwork(target, 300, false).reversed().subList(0, 3); // the farthest three

        Lookup.Result result = new Lookup(self, target, querier(target, n -> List.of()))
                .start(seeds)
                .join();

        assertThat(result.closest())
                .extracting(Lookup.Responder::node)
                .containsExactlyElementsOf(closestInNetwork(target, RoutingTable.K, true));
        assertThat(result.closest()).allSatisfy(r -> assertThat(r.token()).isPresent());
        assertThat(asked.values()).allMatch(count -> count == 1);
        assertThat(asked).hasSizeLessThan(60);
    }

    @Test
    void routesAroundNodesThatNeverAnswer() {
        NodeId target = NodeId.random(random);
        // The closest node and every third one of the 30 closest are dead.
        List<CompactNode> near = closestInNetwork(target, 30, false);
        for (int i = 0; i < near.size(); i += 3) silent.add(near.get(i).id());

        Lookup.Result result = new Lookup(NodeId.random(random), target, querier(target, n -> List.of()))
                .start(network.subList(0, 8))
                .join();

        assertThat(result.closest())
                .extracting(Lookup.Responder::node)
                .containsExactlyElementsOf(closestInNetwork(target, RoutingTable.K, true));
    }

    @Test
    void collectsPeersFromEveryNodeThatHasThem() {
        NodeId target = NodeId.random(random);
        List<CompactNode> holders = closestInNetwork(target, 3, false);
        Function<CompactNode, List<InetSocketAddress>> values = node -> holders.contains(node)
                ? List.of(new InetSocketAddress("10.9.0." + holders.indexOf(node), 7000))
                : List.of();

        Lookup.Result result = new Lookup(NodeId.random(random), target, querier(target, values))
                .start(network.subList(100, 108))
                .join();

        assertThat(result.peers())
                .containsExactlyInAnyOrder(
                        new InetSocketAddress("10.9.0.0", 7000),
                        new InetSocketAddress("10.9.0.1", 7000),
                        new InetSocketAddress("10.9.0.2", 7000));
    }

    @Test
    void neverAsksItselfAndEndsAtOnceWithoutSeeds() {
        NodeId target = NodeId.random(random);
        CompactNode self = closestInNetwork(target, 1, false).getFirst();
        Lookup.Result result = new Lookup(self.id(), target, querier(target, n -> List.of()))
                .start(network.subList(0, 8))
                .join();
        assertThat(asked).doesNotContainKey(self.id());
        assertThat(result.closest()).extracting(r -> r.node().id()).doesNotContain(self.id());

        Lookup.Result empty = new Lookup(self.id(), target, querier(target, n -> List.of()))
                .start(List.of())
                .join();
        assertThat(empty.closest()).isEmpty();
    }

    @Test
    void staleFallbackNodesCostNothingWhileFreshSeedsLead() {
        NodeId target = NodeId.random(random);
        NodeId self = NodeId.random(random);
        // Stale contacts nearest the target, all gone; fresh seeds far from it.
        List<CompactNode> stale = closestInNetwork(target, RoutingTable.K, false);
        stale.forEach(n -> silent.add(n.id()));
        List<CompactNode> fresh =
                closestInNetwork(target, 300, false).reversed().subList(0, 3);

        Lookup.Result alone = new Lookup(self, target, querier(target, n -> List.of()))
                .start(fresh)
                .join();
        Set<NodeId> askedAlone = Set.copyOf(asked.keySet());
        asked.clear();
        Lookup.Result withStale = new Lookup(self, target, querier(target, n -> List.of()))
                .start(fresh, stale)
                .join();

        assertThat(withStale.closest())
                .extracting(Lookup.Responder::node)
                .containsExactlyElementsOf(closestInNetwork(target, RoutingTable.K, true));
        assertThat(withStale.closest()).isEqualTo(alone.closest());
        // Dead ones that live nodes name are asked as anyone named would be; the rest never.
        assertThat(asked.keySet()).isEqualTo(askedAlone);
    }

    @Test
    void fallbackNodesAloneStillGetALookupGoingAndAreDroppedOnceOneAnswers() {
        NodeId target = NodeId.random(random);
        List<CompactNode> stale = closestInNetwork(target, 40, false).subList(0, 20);
        stale.subList(0, 5).forEach(n -> silent.add(n.id())); // the five nearest are gone

        Lookup.Result result = new Lookup(NodeId.random(random), target, querier(target, n -> List.of()))
                .start(List.of(), stale)
                .join();

        assertThat(result.closest())
                .extracting(Lookup.Responder::node)
                .containsExactlyElementsOf(closestInNetwork(target, RoutingTable.K, true));
        // Probed nearest first, ALPHA at a time, until one answered: the dead five and the first live one.
        assertThat(asked.keySet())
                .containsAll(stale.subList(0, 6).stream().map(CompactNode::id).toList());
        assertThat(asked.values()).allMatch(count -> count == 1);
    }

    @Test
    void aNodeFloodingFakeContactsCannotMakeTheLookupRunAway() {
        NodeId target = NodeId.random(random);
        // Liars answer with ever new, ever closer, nonexistent nodes (who lie as well), all at one victim's IP.
        AtomicInteger calls = new AtomicInteger();
        Lookup.Querier liar = node -> {
            int depth = Math.min(157, 8 + calls.incrementAndGet() / 2);
            List<CompactNode> fakes = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                fakes.add(new CompactNode(
                        target.randomWithPrefix(depth + i % 3, random),
                        new InetSocketAddress("10.66.0.1", 1000 + random.nextInt(50_000))));
            }
            return CompletableFuture.completedFuture(
                    new KrpcMessage.Response(TransactionId.of(1), node.id(), fakes, List.of(), Optional.empty()));
        };
        Lookup.Result result = new Lookup(NodeId.random(random), target, liar)
                .start(network.subList(0, 8))
                .join();
        assertThat(calls.get()).isEqualTo(Lookup.MAX_QUERIES);
        assertThat(result.closest()).hasSize(RoutingTable.K);
    }
}
