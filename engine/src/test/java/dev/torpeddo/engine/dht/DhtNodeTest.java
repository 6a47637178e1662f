package dev.torpeddo.engine.dht;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.torpeddo.engine.internal.ManualClock;
import dev.torpeddo.engine.metainfo.InfoHash;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DhtNodeTest {
    private static final InfoHash TORRENT = InfoHash.ofHex("c0ffeec0ffeec0ffeec0ffeec0ffeec0ffee0001");

    @TempDir
    Path dir;

    @Test
    void peersAnnouncedByOneNodeAreFoundByAnotherInAThirtyNodeSwarm() throws Exception {
        try (TestSwarm swarm = TestSwarm.start(30)) {
            DhtNode announcer = swarm.nodes.get(7);
            DhtNode searcher = swarm.nodes.get(23);
            assertThat(swarm.nodes)
                    .allSatisfy(n -> assertThat(n.routingTableSize()).isGreaterThanOrEqualTo(8));

            int accepted = announcer.announce(TORRENT, 51413).get();
            assertThat(accepted).isGreaterThanOrEqualTo(1);

            assertThat(searcher.getPeers(TORRENT).get())
                    .contains(new InetSocketAddress(InetAddress.getLoopbackAddress(), 51413));
            assertThat(searcher.getPeers(InfoHash.ofHex("c0ffeec0ffeec0ffeec0ffeec0ffeec0ffee0002"))
                            .get())
                    .isEmpty();
        }
    }

    @Test
    void aRestartedNodeKeepsItsIdAndRejoinsWithoutBootstrapNodes() throws Exception {
        Path state = dir.resolve("dht.dat");
        try (TestSwarm swarm = TestSwarm.start(12)) {
            DhtNode before = swarm.joinWithState(state);
            NodeId id = before.id();
            int known = before.routingTableSize();
            before.close();
            swarm.nodes.get(3).announce(TORRENT, 6000).get();

            try (DhtNode after = new DhtNode(TestSwarm.config().withStateFile(state))) {
                assertThat(after.id()).isEqualTo(id);
                assertThat(after.routingTableSize()).isEqualTo(known);
                after.start();
                assertThat(after.bootstrap().get()).isGreaterThanOrEqualTo(8);
                assertThat(after.getPeers(TORRENT).get())
                        .contains(new InetSocketAddress(InetAddress.getLoopbackAddress(), 6000));
            }
        }
    }

    @Test
    void lookupsSucceedThroughALossyLink() throws Exception {
        try (TestSwarm swarm = TestSwarm.start(15)) {
            swarm.nodes.get(4).announce(TORRENT, 7001).get();
            LossyPort lossy = new LossyPort(
                    ChannelDatagramPort.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)), 3);
            try (DhtNode node = new DhtNode(
                    TestSwarm.config()
                            .withBootstrap(List.of(swarm.nodes.getFirst().localAddress())),
                    lossy)) {
                node.start();
                int known = node.bootstrap().get();
                List<InetSocketAddress> peers = node.getPeers(TORRENT).get();
                assertThat(peers)
                        .as("peers; %d nodes known, %d packets lost", known, lossy.dropped.get())
                        .contains(new InetSocketAddress(InetAddress.getLoopbackAddress(), 7001));
                assertThat(lossy.dropped.get()).isPositive();
            }
        }
    }

    @Test
    void aFloodOfQueriesFromOneAddressIsAnsweredOnlyUpToTheLimit() throws Exception {
        // Time stands still (a manual clock, no timer): however slowly a loaded machine gets through the flood,
        // it all falls in one per-IP window.
        DhtConfig config = DhtConfig.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .withClock(new ManualClock());
        try (DhtNode node = new DhtNode(config);
                DatagramChannel flooder = DatagramChannel.open(StandardProtocolFamily.INET);
                DatagramChannel witness = DatagramChannel.open(StandardProtocolFamily.INET)) {
            node.start(false);
            flooder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            witness.bind(new InetSocketAddress("127.0.0.2", 0));
            NodeId sender = NodeId.random();
            // Three times the limit: more in one burst could overflow the kernel's receive buffer instead.
            for (int i = 0; i < 3 * RateLimits.DEFAULT.queriesPerIp(); i++) {
                flooder.send(
                        ByteBuffer.wrap(KrpcCodec.encode(new KrpcMessage.Ping(TransactionId.of(i), sender))),
                        node.localAddress());
            }
            // The node handles packets in order, so once the witness (another IP) has its reply, every reply to the
            // flood has already been delivered.
            witness.send(
                    ByteBuffer.wrap(KrpcCodec.encode(new KrpcMessage.Ping(TransactionId.of(9999), NodeId.random()))),
                    node.localAddress());
            witness.socket().setSoTimeout(30_000); // a safeguard against hanging, not a timing assertion
            witness.socket().receive(new DatagramPacket(new byte[2048], 2048));
            ByteBuffer buf = ByteBuffer.allocate(2048);
            flooder.configureBlocking(false);
            int replies = 0;
            while (true) {
                buf.clear();
                if (flooder.receive(buf) == null) break;
                // Only answers count. A node pings a node it has just heard from to verify it (on its timer,
                // which is off here): that is a query of its own, not a reply to the flood.
                KrpcMessage m = KrpcCodec.decode(Arrays.copyOf(buf.array(), buf.position()));
                if (!(m instanceof KrpcMessage.Query)) replies++;
            }
            assertThat(replies).isEqualTo(RateLimits.DEFAULT.queriesPerIp());
        }
    }

    @Test
    void garbageIsDroppedAndTheNodeKeepsAnswering() throws Exception {
        try (DhtNode node = new DhtNode(TestSwarm.config());
                DhtNode other = new DhtNode(TestSwarm.config());
                DatagramChannel attacker = DatagramChannel.open(StandardProtocolFamily.INET)) {
            node.start();
            other.start();
            Random random = new Random(7);
            // In small batches, each followed by a ping: a burst of hundreds of datagrams would overflow the
            // kernel's receive buffer and lose the ping itself, which would say nothing about the node.
            for (int batch = 0; batch < 10; batch++) {
                for (int i = 0; i < 30; i++) {
                    byte[] junk = new byte[i == 0 ? 1501 + random.nextInt(3000) : 1 + random.nextInt(1500)];
                    random.nextBytes(junk);
                    if (i % 3 == 0) junk[0] = 'd';
                    attacker.send(ByteBuffer.wrap(junk), node.localAddress());
                }
                assertThat(other.ping(node.localAddress()).get()).isEqualTo(node.id());
            }
        }
    }

    @Test
    void aNodeWhoseRouterWasDownAtStartJoinsOnItsNextLookup() throws Exception {
        int routerPort;
        try (DatagramChannel probe = DatagramChannel.open(StandardProtocolFamily.INET)) {
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            routerPort = ((InetSocketAddress) probe.getLocalAddress()).getPort();
        }
        InetSocketAddress routerAddress = new InetSocketAddress(InetAddress.getLoopbackAddress(), routerPort);
        try (DhtNode late = new DhtNode(TestSwarm.config().withBootstrap(List.of(routerAddress)))) {
            late.start();
            assertThat(late.bootstrap().get()).as("nobody answered yet").isZero();
            try (DhtNode router = new DhtNode(
                            TestSwarm.config().withBootstrap(List.of()), ChannelDatagramPort.bind(routerAddress));
                    DhtNode seeder = new DhtNode(TestSwarm.config().withBootstrap(List.of(routerAddress)))) {
                router.start();
                seeder.start();
                seeder.bootstrap().get();
                assertThat(seeder.announce(TORRENT, 7002).get()).isPositive();
                assertThat(late.getPeers(TORRENT).get())
                        .contains(new InetSocketAddress(InetAddress.getLoopbackAddress(), 7002));
            }
        }
    }

    @Test
    void aSilentNodeTimesOut() throws Exception {
        try (DhtNode node = new DhtNode(TestSwarm.config());
                DatagramChannel silent = DatagramChannel.open(StandardProtocolFamily.INET)) {
            node.start();
            silent.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            assertThatThrownBy(() -> node.ping((InetSocketAddress) silent.getLocalAddress())
                            .get())
                    .isInstanceOf(ExecutionException.class)
                    .hasMessageContaining("no DHT reply from /127.0.0.1:");
        }
    }

    @Test
    void announcesWithAForgedTokenAreRefused() throws Exception {
        try (TestSwarm swarm = TestSwarm.start(2);
                DatagramChannel forger = DatagramChannel.open(StandardProtocolFamily.INET)) {
            DhtNode node = swarm.nodes.get(1);
            forger.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            var forged = new KrpcMessage.AnnouncePeer(
                    TransactionId.of(1), NodeId.random(), TORRENT, 7000, false, new Token(new byte[] {
                        1, 2, 3, 4, 5, 6, 7, 8
                    }));
            forger.send(ByteBuffer.wrap(KrpcCodec.encode(forged)), node.localAddress());
            ByteBuffer buf = ByteBuffer.allocate(2048);
            forger.receive(buf);
            byte[] reply = new byte[buf.flip().remaining()];
            buf.get(reply);
            assertThat(KrpcCodec.decode(reply))
                    .isEqualTo(new KrpcMessage.ErrorReply(TransactionId.of(1), 203, "bad token"));
            assertThat(node.peerStore().peers(TORRENT, 50)).isEmpty();
            assertThat(swarm.nodes.getFirst().getPeers(TORRENT).get()).isEmpty();
        }
    }

    @Test
    void aLookupWithAnEmptyTableFindsNothing() throws Exception {
        try (DhtNode lonely = new DhtNode(TestSwarm.config())) {
            lonely.start();
            assertThat(lonely.getPeers(TORRENT).get()).isEqualTo(List.of());
            assertThat(lonely.announce(TORRENT, 1234).get()).isZero();
        }
    }
}
