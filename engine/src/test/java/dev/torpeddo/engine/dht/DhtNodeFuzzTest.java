package dev.torpeddo.engine.dht;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.torpeddo.engine.internal.Clock;
import dev.torpeddo.engine.metainfo.InfoHash;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fuzz target for a whole DHT node facing strangers: a burst of datagrams (raw bytes, or well-formed queries
 * with fuzzed fields) from a handful of addresses. KrpcCodecFuzzTest covers the codec; this covers what the
 * node does with what it decodes. Properties: the receiver never throws; everything the node sends is a valid
 * KRPC packet within MAX_PACKET; no address gets more replies than it sent packets (no amplification, no
 * reflection to third parties); the routing table stays within its bound. Seeds: DhtNodeFuzzTestInputs/burst.
 */
class DhtNodeFuzzTest {
    private static final List<InetSocketAddress> SOURCES = List.of(
            new InetSocketAddress(InetAddress.ofLiteral("127.0.0.2"), 6881),
            new InetSocketAddress(InetAddress.ofLiteral("127.0.0.3"), 6881),
            new InetSocketAddress(InetAddress.ofLiteral("127.0.0.3"), 51413),
            new InetSocketAddress(InetAddress.ofLiteral("10.1.2.3"), 1),
            new InetSocketAddress(InetAddress.ofLiteral("::1"), 6881),
            new InetSocketAddress(InetAddress.ofLiteral("fe80::2"), 65535),
            new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 7000)); // the node's own address

    @FuzzTest
    void burst(FuzzedDataProvider data) throws IOException {
        RecordingPort port = new RecordingPort(SOURCES.getLast());
        Map<InetSocketAddress, Integer> receivedFrom = new HashMap<>();
        try (DhtNode node = new DhtNode(DhtConfig.of(SOURCES.getLast()).withClock(FROZEN), port)) {
            node.start();
            int packets = data.consumeInt(1, 40);
            for (int i = 0; i < packets && data.remainingBytes() > 0; i++) {
                InetSocketAddress source = SOURCES.get(data.consumeInt(0, SOURCES.size() - 1));
                byte[] packet = data.consumeBoolean()
                        ? KrpcCodec.encode(query(data))
                        : data.consumeBytes(data.consumeInt(0, KrpcCodec.MAX_PACKET + 100));
                receivedFrom.merge(source, 1, Integer::sum);
                port.receiver.received(packet, source); // must not throw: it runs on the socket's thread
            }
            assertThat(node.routingTableSize()).isLessThanOrEqualTo(RoutingTable.K * NodeId.BITS);
        }
        Map<InetSocketAddress, Integer> repliesTo = new HashMap<>();
        for (RecordingPort.Sent sent : port.sent) {
            assertThat(sent.packet().length).isLessThanOrEqualTo(KrpcCodec.MAX_PACKET);
            KrpcMessage message;
            try {
                message = KrpcCodec.decode(sent.packet());
            } catch (KrpcException e) {
                throw new AssertionError("the node sent a packet it cannot read itself: " + e.getMessage(), e);
            }
            if (!(message instanceof KrpcMessage.Query)) repliesTo.merge(sent.target(), 1, Integer::sum);
        }
        repliesTo.forEach((target, n) ->
                assertThat(n).as("replies to %s", target).isLessThanOrEqualTo(receivedFrom.getOrDefault(target, 0)));
    }

    /** A well-formed query with fuzzed fields, so the fuzzer gets past the codec to the node's logic. */
    private static KrpcMessage query(FuzzedDataProvider data) {
        TransactionId tid = new TransactionId(data.consumeBytes(data.consumeInt(1, 4)));
        NodeId sender = new NodeId(exactly(data, NodeId.LENGTH));
        return switch (data.consumeInt(0, 3)) {
            case 0 -> new KrpcMessage.Ping(tid, sender);
            case 1 -> new KrpcMessage.FindNode(tid, sender, new NodeId(exactly(data, NodeId.LENGTH)));
            case 2 -> new KrpcMessage.GetPeers(tid, sender, new InfoHash(exactly(data, InfoHash.LENGTH)));
            default ->
                new KrpcMessage.AnnouncePeer(
                        tid,
                        sender,
                        new InfoHash(exactly(data, InfoHash.LENGTH)),
                        data.consumeInt(1, 65535),
                        data.consumeBoolean(),
                        new Token(data.consumeBytes(data.consumeInt(1, 20))));
        };
    }

    private static byte[] exactly(FuzzedDataProvider data, int length) {
        byte[] b = new byte[length];
        byte[] got = data.consumeBytes(length);
        System.arraycopy(got, 0, b, 0, got.length);
        return b;
    }

    /** Time stands still, so no timer-driven traffic (pings, refreshes) mixes with the replies under test. */
    private static final Clock FROZEN = new Clock() {
        @Override
        public long nanoTime() {
            return 1_000_000_000L;
        }

        @Override
        public void sleepMillis(long millis) throws InterruptedException {
            Thread.sleep(millis);
        }
    };

    /** Hands the node's receiver to the target and records what the node sends. */
    private static final class RecordingPort implements DatagramPort {
        record Sent(byte[] packet, InetSocketAddress target) {}

        final List<Sent> sent = new ArrayList<>();
        private final InetSocketAddress local;
        Receiver receiver;

        RecordingPort(InetSocketAddress local) {
            this.local = local;
        }

        @Override
        public synchronized void send(byte[] packet, InetSocketAddress target) {
            sent.add(new Sent(packet.clone(), target));
        }

        @Override
        public void start(Receiver r) {
            this.receiver = r;
        }

        @Override
        public InetSocketAddress localAddress() {
            return local;
        }

        @Override
        public void close() {}
    }
}
