package dev.torpeddo.engine.dht;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.internal.ManualClock;
import dev.torpeddo.engine.metainfo.InfoHash;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node restarted from a saved routing table whose nodes have mostly gone away, on an in-memory network and a
 * manual clock: 20 live nodes that know each other, a torrent whose peer only the three live nodes nearest to it
 * know of, and saved tables of 100 nodes at addresses where nobody answers any more.
 */
class SavedTableTest {
    private static final InfoHash TORRENT = InfoHash.ofHex("c0ffeec0ffeec0ffeec0ffeec0ffeec0ffee0001");
    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.9.9", 7000);
    private static final int TIMEOUT_TICKS =
            (int) (DhtConfig.DEFAULT_QUERY_TIMEOUT.toMillis() / DhtNode.TICK.toMillis());

    @TempDir
    Path dir;

    private final Random random = new Random(5);
    private final ManualClock clock = new ManualClock();
    private final MemoryNetwork network = new MemoryNetwork();
    /** Every node started, all ticked together. */
    private final List<DhtNode> nodes = new ArrayList<>();

    private final List<CompactNode> live = new ArrayList<>();
    private int deadAddresses;
    /** The eight live nodes farthest from the torrent: what a restarted node still finds alive of its table. */
    private List<CompactNode> savedLive;

    @BeforeEach
    void liveNetwork() throws IOException {
        for (int i = 0; i < 20; i++) live.add(new CompactNode(NodeId.random(random), address(1, i)));
        List<DhtNode> liveNodes = new ArrayList<>();
        for (CompactNode n : live) {
            liveNodes.add(start(
                    n.id(), n.address(), live.stream().filter(o -> !o.equals(n)).toList()));
        }
        List<CompactNode> byDistance = live.stream()
                .sorted(Comparator.comparing(CompactNode::id, NodeId.byDistanceTo(NodeId.of(TORRENT))))
                .toList();
        for (CompactNode holder : byDistance.subList(0, 3)) {
            liveNodes.get(live.indexOf(holder)).peerStore().announce(TORRENT, PEER);
        }
        savedLive = byDistance.subList(byDistance.size() - 8, byDistance.size());
        tick(TIMEOUT_TICKS); // the live nodes confirm one another
    }

    @AfterEach
    void close() {
        nodes.forEach(DhtNode::close);
    }

    /**
     * What a node with id {@code self} saved when {@code alive} and 100 other nodes were in its table: a table's
     * worth, so each bucket holds at most K.
     */
    private List<CompactNode> savedTable(NodeId self, List<CompactNode> alive) {
        RoutingTable table = new RoutingTable(self, clock);
        alive.forEach(table::seen);
        int dead = 0;
        while (dead < 100) {
            // Ids spread over the buckets of a well-filled table (the first ones halve the id space each).
            NodeId id = self.randomWithPrefix(random.nextInt(20), random);
            if (table.seen(new CompactNode(id, address(2, deadAddresses)))) {
                deadAddresses++;
                dead++;
            }
        }
        List<CompactNode> saved = new ArrayList<>(table.nodes());
        assertThat(saved).hasSize(alive.size() + 100);
        Collections.shuffle(saved, random);
        return saved;
    }

    private List<CompactNode> deadIn(List<CompactNode> saved) {
        return saved.stream().filter(n -> !live.contains(n)).toList();
    }

    @Test
    void aTableOfDeadSavedNodesFindsPeersAsFastAsOneWithOnlyTheLiveOnes() throws IOException {
        DhtNode onlyLive = start(NodeId.random(random), address(3, 1), savedLive);
        CompletableFuture<List<Lookup.Result>> onlyLiveLookup = onlyLive.findPeers(TORRENT);
        int onlyLiveTicks = ticksUntilDone(onlyLiveLookup);

        NodeId id = NodeId.random(random);
        List<CompactNode> stale = savedTable(id, savedLive);
        List<CompactNode> dead = deadIn(stale);
        DhtNode restarted = start(id, address(3, 2), stale);
        CompletableFuture<List<Lookup.Result>> lookup = restarted.findPeers(TORRENT); // right at start
        int ticks = ticksUntilDone(lookup);

        assertThat(onlyLiveLookup.join().getFirst().peers()).containsExactly(PEER);
        assertThat(lookup.join().getFirst().peers()).containsExactly(PEER);
        // Not one dead node's timeout was waited out, and not one lookup query went to a dead node.
        assertThat(onlyLiveTicks).isLessThan(TIMEOUT_TICKS);
        assertThat(ticks).isLessThan(TIMEOUT_TICKS);
        assertThat(lookupQueries(restarted, addresses(dead))).isZero();
        assertThat(lookupQueries(restarted, addresses(live)))
                .isLessThanOrEqualTo(lookupQueries(onlyLive, addresses(live)) + Lookup.ALPHA);
    }

    @Test
    void savedNodesAreQuestionableUntilTheyAnswerAndTheDeadAreEvictedAtABoundedPingRate() throws IOException {
        NodeId id = NodeId.random(random);
        List<CompactNode> stale = savedTable(id, savedLive);
        List<CompactNode> dead = deadIn(stale);
        DhtNode restarted = start(id, address(3, 2), stale);
        assertThat(stale)
                .allSatisfy(n -> assertThat(restarted.nodeState(n.id())).contains(NodeState.QUESTIONABLE));

        int pingTicks = stale.size() / NodeVerifier.PINGS_PER_TICK + 1;
        for (int t = 0; t < pingTicks + TIMEOUT_TICKS; t++) {
            int before = pings(restarted).size();
            tick(1);
            assertThat(pings(restarted).size() - before).isLessThanOrEqualTo(NodeVerifier.PINGS_PER_TICK);
        }

        assertThat(savedLive)
                .allSatisfy(n -> assertThat(restarted.nodeState(n.id())).contains(NodeState.GOOD));
        assertThat(dead).allSatisfy(n -> assertThat(restarted.nodeState(n.id())).isEmpty());
        assertThat(pings(restarted).stream().filter(addresses(dead)::contains))
                .as("each dead node pinged once")
                .hasSize(dead.size());

        restarted.close();
        List<CompactNode> saved = new RoutingTableFile(
                        dir.resolve(restarted.id().hex() + ".dat"))
                .load()
                .orElseThrow()
                .nodes();
        assertThat(saved).containsAll(savedLive).doesNotContainAnyElementsOf(dead);
    }

    @Test
    void aTableOfOnlyDeadNodesEndsItsLookupEmptyAndEmptiesItself() throws IOException {
        NodeId id = NodeId.random(random);
        DhtNode lost = start(id, address(3, 3), savedTable(id, List.of()));
        CompletableFuture<List<Lookup.Result>> lookup = lost.findPeers(TORRENT);

        int ticks = ticksUntilDone(lookup);
        assertThat(lookup.join().getFirst().peers()).isEmpty();
        // One wait for a first answer, then the K fallback nodes asked three at a time: four timeouts.
        assertThat(ticks).isLessThanOrEqualTo(5 * TIMEOUT_TICKS);

        tick(100 / NodeVerifier.PINGS_PER_TICK + TIMEOUT_TICKS);
        assertThat(lost.routingTableSize()).isZero();
    }

    @Test
    void closingANodeEndsTheLookupsWaitingForAFirstAnswer() throws Exception {
        NodeId id = NodeId.random(random);
        DhtNode closing = start(id, address(3, 4), savedTable(id, List.of()));
        CompletableFuture<List<InetSocketAddress>> peers = closing.getPeers(TORRENT);
        tick(1);
        assertThat(peers).isNotDone();

        closing.close();
        // The timeout is a safeguard against hanging, not a timing assertion.
        assertThat(peers.get(30, TimeUnit.SECONDS)).isEmpty();
    }

    private DhtNode start(NodeId id, InetSocketAddress address, List<CompactNode> saved) throws IOException {
        Path state = dir.resolve(id.hex() + ".dat");
        new RoutingTableFile(state).save(id, saved);
        DhtNode node = new DhtNode(
                DhtConfig.of(address)
                        .withRateLimits(TestSwarm.LOOPBACK_LIMITS)
                        .withStateFile(state)
                        .withClock(clock),
                network.port(address));
        node.start(false);
        nodes.add(node);
        return node;
    }

    private void tick(int ticks) {
        network.deliverAll();
        for (int i = 0; i < ticks; i++) {
            clock.advance(DhtNode.TICK);
            nodes.forEach(DhtNode::tick);
            network.deliverAll();
        }
    }

    /** Runs the network tick by tick until {@code future} is done; returns how many ticks that took. */
    private int ticksUntilDone(CompletableFuture<?> future) {
        network.deliverAll();
        int ticks = 0;
        while (!future.isDone()) {
            assertThat(ticks).as("ticks").isLessThan(100 * TIMEOUT_TICKS);
            tick(1);
            ticks++;
        }
        return ticks;
    }

    private List<InetSocketAddress> pings(DhtNode from) {
        return network.sent().stream()
                .filter(d -> d.from().equals(from.localAddress()) && d.decode() instanceof KrpcMessage.Ping)
                .map(MemoryNetwork.Datagram::to)
                .toList();
    }

    /** How many get_peers queries {@code from} sent to any of {@code to}. */
    private long lookupQueries(DhtNode from, Set<InetSocketAddress> to) {
        return network.sent().stream()
                .filter(d -> d.from().equals(from.localAddress()) && to.contains(d.to()))
                .filter(d -> d.decode() instanceof KrpcMessage.GetPeers)
                .count();
    }

    private static Set<InetSocketAddress> addresses(List<CompactNode> nodes) {
        return nodes.stream().map(CompactNode::address).collect(Collectors.toSet());
    }

    private static InetSocketAddress address(int group, int host) {
        return new InetSocketAddress("127." + group + "." + (host >> 8) + "." + (host & 0xff), 6881);
    }
}
