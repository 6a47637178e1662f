package dev.torpeddo.engine.dht;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.internal.ManualClock;
import dev.torpeddo.engine.metainfo.InfoHash;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DHT on both address families (BEP 32), on an in-memory network and a manual clock: eight dual-stack nodes,
 * each reachable at an IPv4 and an IPv6 address, that join through the first node's two addresses.
 */
class DualStackDhtTest {
    private static final InfoHash TORRENT = InfoHash.ofHex("c0ffeec0ffeec0ffeec0ffeec0ffeec0ffee0032");
    private static final int TIMEOUT_TICKS =
            (int) (DhtConfig.DEFAULT_QUERY_TIMEOUT.toMillis() / DhtNode.TICK.toMillis());

    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock();
    private final MemoryNetwork network = new MemoryNetwork();
    private final List<DhtNode> nodes = new ArrayList<>();
    private final List<DhtNode> dual = new ArrayList<>();

    @BeforeEach
    void dualStackNetwork() throws IOException {
        for (int i = 0; i < 8; i++) {
            dual.add(start(
                    config(v4(i)).withBootstrap(i == 0 ? List.of() : List.of(v4(0), v6(0))),
                    network.dualPort(v4(i), v6(i))));
        }
        tick(4 * TIMEOUT_TICKS); // every node bootstraps and the first ones learn of the later ones
    }

    @AfterEach
    void close() {
        nodes.forEach(DhtNode::close);
    }

    @Test
    void eachFamilyHasItsOwnRoutingTableOfItsOwnNodes() {
        for (DhtNode node : dual) {
            assertThat(node.routingTableSize(AddressFamily.IPV4)).isEqualTo(7);
            assertThat(node.routingTableSize(AddressFamily.IPV6)).isEqualTo(7);
            assertThat(node.routingTableSize()).isEqualTo(14);
        }
        assertThat(dual.get(3).knownAddresses())
                .hasSize(14)
                .filteredOn(a -> AddressFamily.of(a) == AddressFamily.IPV6)
                .hasSize(7)
                .allSatisfy(a -> assertThat(a.getHostString()).startsWith("fd00"));
    }

    @Test
    void aNodeAnswersAnIpv6AskerWithIpv6NodesAndAnIpv4AskerWithIpv4Nodes() {
        NodeId target = NodeId.random();
        InetSocketAddress v6Asker = address("fd00::99", 9999);
        InetSocketAddress v4Asker = address("127.0.9.99", 9999);

        assertThat(ask(v6Asker, v6(0), new KrpcMessage.FindNode(TransactionId.of(1), NodeId.random(), target))
                        .nodes())
                .hasSize(RoutingTable.K) // the seven others and the asker, whom the node has just heard from
                .allSatisfy(n -> assertThat(n.family()).isEqualTo(AddressFamily.IPV6));
        assertThat(ask(v4Asker, v4(0), new KrpcMessage.FindNode(TransactionId.of(2), NodeId.random(), target))
                        .nodes())
                .hasSize(RoutingTable.K)
                .allSatisfy(n -> assertThat(n.family()).isEqualTo(AddressFamily.IPV4));
    }

    @Test
    void wantAsksForTheOtherFamilyOrBoth() {
        NodeId target = NodeId.random();
        InetSocketAddress v4Asker = address("127.0.9.98", 9999);

        var onlyV6 = ask(
                v4Asker,
                v4(0),
                new KrpcMessage.FindNode(TransactionId.of(1), NodeId.random(), target, Set.of(AddressFamily.IPV6)));
        assertThat(onlyV6.nodes())
                .hasSize(7)
                .allSatisfy(n -> assertThat(n.family()).isEqualTo(AddressFamily.IPV6));

        var both = ask(
                v4Asker,
                v4(0),
                new KrpcMessage.GetPeers(
                        TransactionId.of(2), NodeId.random(), TORRENT, Set.of(AddressFamily.IPV4, AddressFamily.IPV6)));
        assertThat(both.nodes()).hasSize(15); // the asker is in the IPv4 table by now
        assertThat(both.nodes().stream().map(CompactNode::family).distinct())
                .containsExactlyInAnyOrder(AddressFamily.IPV4, AddressFamily.IPV6);
    }

    @Test
    void getPeersAnswersEachFamilyWithPeersOfItsOwn() {
        InetSocketAddress v4Peer = address("127.0.8.1", 7001);
        InetSocketAddress v6Peer = address("fd00::8:1", 7001);
        dual.getFirst().peerStore().announce(TORRENT, v4Peer);
        dual.getFirst().peerStore().announce(TORRENT, v6Peer);

        var v6Reply = ask(
                address("fd00::97", 9999),
                v6(0),
                new KrpcMessage.GetPeers(TransactionId.of(1), NodeId.random(), TORRENT));
        assertThat(v6Reply.values()).containsExactly(v6Peer);
        var v4Reply = ask(
                address("127.0.9.97", 9999),
                v4(0),
                new KrpcMessage.GetPeers(TransactionId.of(2), NodeId.random(), TORRENT));
        assertThat(v4Reply.values()).containsExactly(v4Peer);
    }

    @Test
    void anAnnounceReachesBothFamiliesAndEachFindsTheAnnouncerAtItsOwnAddress() throws Exception {
        DhtNode announcer = dual.get(5);
        CompletableFuture<Integer> accepted = announcer.announce(TORRENT, 7000);
        ticksUntilDone(accepted);
        // Every other node is among the closest of a network this small, in each family.
        assertThat(accepted.get(30, TimeUnit.SECONDS)).isEqualTo(14);

        DhtNode v6Only = start(
                config(address("fd00::1:50", 6881)).withBootstrap(List.of(v6(0))),
                network.port(address("fd00::1:50", 6881)));
        DhtNode v4Only = start(
                config(address("127.0.1.50", 6881)).withBootstrap(List.of(v4(0))),
                network.port(address("127.0.1.50", 6881)));
        assertThat(v6Only.families()).containsExactly(AddressFamily.IPV6);
        tick(2 * TIMEOUT_TICKS);

        CompletableFuture<List<InetSocketAddress>> overV6 = v6Only.getPeers(TORRENT);
        CompletableFuture<List<InetSocketAddress>> overV4 = v4Only.getPeers(TORRENT);
        CompletableFuture<List<InetSocketAddress>> overBoth = dual.get(2).getPeers(TORRENT);
        ticksUntilDone(CompletableFuture.allOf(overV6, overV4, overBoth));
        InetSocketAddress at6 = new InetSocketAddress(v6(5).getAddress(), 7000);
        InetSocketAddress at4 = new InetSocketAddress(v4(5).getAddress(), 7000);
        assertThat(overV6.get(30, TimeUnit.SECONDS)).containsExactly(at6);
        assertThat(overV4.get(30, TimeUnit.SECONDS)).containsExactly(at4);
        assertThat(overBoth.get(30, TimeUnit.SECONDS)).containsExactlyInAnyOrder(at4, at6);
        assertThat(v6Only.routingTableSize(AddressFamily.IPV4)).isZero();
    }

    @Test
    void anIpv4MappedSenderCountsAsTheIpv4HostItIs() {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = 127;
        mapped[13] = 0;
        mapped[14] = 9;
        mapped[15] = 96;
        InetSocketAddress from = new InetSocketAddress(CompactNode.address(mapped), 9999);
        NodeId asker = NodeId.random();

        InetSocketAddress plain = address("127.0.9.96", 9999);
        // The reply goes to the IPv4 address: the node never sees the mapped form again.
        var reply = ask(from, plain, v4(0), new KrpcMessage.FindNode(TransactionId.of(1), asker, NodeId.random()));
        assertThat(reply.nodes()).allSatisfy(n -> assertThat(n.family()).isEqualTo(AddressFamily.IPV4));
        assertThat(dual.getFirst().knownAddresses()).contains(plain);
        assertThat(dual.getFirst().routingTableSize(AddressFamily.IPV6)).isEqualTo(7);
    }

    @Test
    void theStateFileKeepsBothTables() throws IOException {
        Path state = dir.resolve("dual.dat");
        DhtNode saving = start(
                config(v4(20)).withBootstrap(List.of(v4(0), v6(0))).withStateFile(state),
                network.dualPort(v4(20), v6(20)));
        tick(2 * TIMEOUT_TICKS);
        assertThat(saving.routingTableSize(AddressFamily.IPV6)).isEqualTo(8);
        saving.close();

        DhtNode restarted = new DhtNode(config(v4(21)).withStateFile(state), network.dualPort(v4(21), v6(21)));
        nodes.add(restarted);
        assertThat(restarted.routingTableSize(AddressFamily.IPV4)).isEqualTo(8);
        assertThat(restarted.routingTableSize(AddressFamily.IPV6)).isEqualTo(8);
        assertThat(restarted.id()).isEqualTo(saving.id());
    }

    /** Sends {@code query} from a bare port at {@code from} to {@code to} and returns the reply. */
    private KrpcMessage.Response ask(InetSocketAddress from, InetSocketAddress to, KrpcMessage.Query query) {
        return ask(from, from, to, query);
    }

    /** {@link #ask(InetSocketAddress, InetSocketAddress, KrpcMessage.Query)}, the reply expected at {@code replyAt}. */
    private KrpcMessage.Response ask(
            InetSocketAddress from, InetSocketAddress replyAt, InetSocketAddress to, KrpcMessage.Query query) {
        DatagramPort asker = network.port(from);
        DatagramPort receiver = replyAt.equals(from) ? asker : network.port(replyAt);
        List<KrpcMessage> replies = new ArrayList<>();
        receiver.start((data, source) -> {
            try {
                replies.add(KrpcCodec.decode(data));
            } catch (KrpcException e) {
                throw new AssertionError(e);
            }
        });
        try {
            asker.send(KrpcCodec.encode(query), to);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        network.deliverAll();
        asker.close();
        receiver.close();
        assertThat(replies).hasSize(1);
        return (KrpcMessage.Response) replies.getFirst();
    }

    private DhtConfig config(InetSocketAddress bind) {
        return DhtConfig.of(bind).withRateLimits(TestSwarm.LOOPBACK_LIMITS).withClock(clock);
    }

    private DhtNode start(DhtConfig config, DatagramPort port) throws IOException {
        DhtNode node = new DhtNode(config, port);
        node.start(false);
        nodes.add(node);
        return node;
    }

    private static InetSocketAddress v4(int i) {
        return address("127.0.1." + (i + 1), 6881);
    }

    private static InetSocketAddress v6(int i) {
        return address("fd00::1:" + Integer.toHexString(i + 1), 6881);
    }

    private static InetSocketAddress address(String literal, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(literal), port);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private void tick(int ticks) {
        network.deliverAll();
        for (int i = 0; i < ticks; i++) {
            clock.advance(DhtNode.TICK);
            nodes.forEach(DhtNode::tick);
            network.deliverAll();
        }
    }

    /** Runs the network tick by tick until {@code future} is done. */
    private void ticksUntilDone(CompletableFuture<?> future) {
        network.deliverAll();
        int ticks = 0;
        while (!future.isDone()) {
            assertThat(ticks).as("ticks").isLessThan(100 * TIMEOUT_TICKS);
            tick(1);
            ticks++;
        }
    }
}
