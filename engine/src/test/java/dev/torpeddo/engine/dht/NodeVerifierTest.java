package dev.torpeddo.engine.dht;

import static dev.torpeddo.engine.dht.TestNodes.node;
import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.internal.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class NodeVerifierTest {
    private static final Duration MAX_WAIT = Duration.ofSeconds(2);

    private final Random random = new Random(8);
    private final ManualClock clock = new ManualClock();
    private final RoutingTable table = new RoutingTable(NodeId.random(random), clock);
    private final List<CompactNode> pinged = new ArrayList<>();
    private final NodeVerifier verifier = new NodeVerifier(table, clock, MAX_WAIT, pinged::add);

    private List<CompactNode> saved(int count) {
        List<CompactNode> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            CompactNode n = node(table.self().randomWithPrefix(i % 4, random), 1000 + i);
            nodes.add(n);
            table.add(n);
        }
        return nodes;
    }

    @Test
    void lookupsGoAtOnceWhenTheTableHasAGoodNodeOrNothingToVerify() {
        assertThat(verifier.ready()).isDone(); // empty table
        saved(3);
        table.seen(node(table.self().randomWithPrefix(0, random), 2000));
        assertThat(verifier.ready()).isDone();
    }

    @Test
    void aLookupWaitsForTheFirstAnswerToAPing() {
        List<CompactNode> nodes = saved(6);
        CompletableFuture<Void> ready = verifier.ready();
        verifier.tick();
        assertThat(pinged).hasSize(NodeVerifier.PINGS_PER_TICK);
        assertThat(ready).isNotDone();

        table.seen(nodes.get(2));
        verifier.answered();
        assertThat(ready).isDone();
    }

    @Test
    void aLookupWaitsNoLongerThanMaxWaitNorOnceEveryNodeHasFailed() {
        List<CompactNode> nodes = saved(6);
        CompletableFuture<Void> first = verifier.ready();
        clock.advance(MAX_WAIT.minusMillis(100));
        verifier.tick();
        CompletableFuture<Void> second = verifier.ready();
        assertThat(first).isNotDone();

        clock.advance(Duration.ofMillis(100));
        verifier.tick();
        assertThat(first).isDone();
        assertThat(second).isNotDone();

        nodes.forEach(n -> table.failed(n.id())); // they never answered: one failure evicts each
        verifier.tick();
        assertThat(second).isDone();
    }

    @Test
    void pingsAtMostAFewATickAndEachNodeOncePerInterval() {
        saved(10);
        for (int t = 0; t < 5; t++) verifier.tick();
        assertThat(pinged).hasSize(10).doesNotHaveDuplicates();

        clock.advance(RoutingTable.PING_INTERVAL);
        verifier.tick();
        assertThat(pinged).hasSize(10 + NodeVerifier.PINGS_PER_TICK);
    }
}
