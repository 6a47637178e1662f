package dev.torpeddo.engine.dht;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.torpeddo.engine.fuzz.FuzzChecks;
import dev.torpeddo.engine.fuzz.FuzzChecks.Outcome;
import java.net.InetSocketAddress;

/**
 * Fuzz target for the KRPC codec, which reads every datagram any host on the Internet sends to the DHT port.
 * Seeds and regression inputs: KrpcCodecFuzzTestInputs/decode (README.md there says where they came from).
 */
class KrpcCodecFuzzTest {
    @FuzzTest
    void decode(byte[] input) throws KrpcException {
        Outcome<KrpcMessage> outcome =
                FuzzChecks.parse(input.length, () -> KrpcCodec.decode(input), KrpcException.class);
        if (!(outcome instanceof Outcome.Parsed<KrpcMessage>(KrpcMessage message))) return;

        assertWithinLimits(message, input.length);
        // What we decoded we can send back: it re-encodes to a packet that decodes to the same message...
        byte[] encoded = KrpcCodec.encode(message);
        assertThat(encoded.length).isLessThanOrEqualTo(KrpcCodec.MAX_PACKET);
        assertThat(KrpcCodec.decode(encoded)).isEqualTo(message);
        // ...and whose encoding is a fixed point.
        assertThat(KrpcCodec.encode(KrpcCodec.decode(encoded))).isEqualTo(encoded);
    }

    private static void assertWithinLimits(KrpcMessage message, int packetLength) {
        assertThat(message.transactionId().bytes().length).isLessThanOrEqualTo(TransactionId.MAX_LENGTH);
        switch (message) {
            case KrpcMessage.Query q -> {
                assertThat(q.sender().bytes()).hasSize(NodeId.LENGTH);
                if (q instanceof KrpcMessage.AnnouncePeer a) {
                    assertThat(a.port()).isBetween(0, 0xffff);
                    assertThat(a.token().bytes().length).isLessThanOrEqualTo(Token.MAX_LENGTH);
                }
            }
            case KrpcMessage.Response r -> {
                assertThat(r.sender().bytes()).hasSize(NodeId.LENGTH);
                assertThat(r.values()).hasSizeLessThanOrEqualTo(KrpcCodec.MAX_VALUES);
                // Every node took at least its 26 compact bytes of the packet.
                assertThat(r.nodes()).hasSizeLessThanOrEqualTo(packetLength / CompactNode.IPV4_LENGTH);
                for (CompactNode n : r.nodes()) assertCompact(n.address());
                for (InetSocketAddress peer : r.values()) assertCompact(peer);
                r.token().ifPresent(t -> assertThat(t.bytes().length).isLessThanOrEqualTo(Token.MAX_LENGTH));
            }
            case KrpcMessage.ErrorReply e -> {
                // It goes into a log line: bounded, and no line breaks or other control characters.
                String m = e.message();
                assertThat(m.codePointCount(0, m.length())).isLessThanOrEqualTo(KrpcCodec.MAX_ERROR_MESSAGE + 3);
                assertThat(m).doesNotContainPattern("[\\p{Cc}\\u2028\\u2029]");
            }
        }
    }

    /** An address read from compact form: a literal (never a name to resolve) of 4 or 16 bytes, a 16-bit port. */
    private static void assertCompact(InetSocketAddress address) {
        assertThat(address.isUnresolved()).isFalse();
        assertThat(address.getAddress().getAddress().length).isIn(4, 16);
        assertThat(address.getPort()).isBetween(0, 0xffff);
    }
}
