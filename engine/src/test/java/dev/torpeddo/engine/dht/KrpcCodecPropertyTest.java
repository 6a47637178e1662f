package dev.torpeddo.engine.dht;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.metainfo.InfoHash;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class KrpcCodecPropertyTest {

    @Property(tries = 3000)
    void randomBytesOnlyEverGiveKrpcException(@ForAll("noise") byte[] packet) {
        try {
            assertThat(KrpcCodec.decode(packet)).isNotNull();
        } catch (KrpcException e) {
            assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
        }
    }

    @Property(tries = 3000)
    void mutatedValidPacketsOnlyEverGiveKrpcException(
            @ForAll("messages") KrpcMessage message, @ForAll("mutations") List<Integer> flips) {
        byte[] packet = KrpcCodec.encode(message);
        for (int flip : flips) {
            int at = Math.floorMod(flip >> 8, packet.length);
            packet[at] = (byte) flip;
        }
        try {
            KrpcCodec.decode(packet);
        } catch (KrpcException e) {
            assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
        }
    }

    @Property(tries = 1000)
    void encodeThenDecodeIsIdentity(@ForAll("messages") KrpcMessage message) throws Exception {
        assertThat(KrpcCodec.decode(KrpcCodec.encode(message))).isEqualTo(message);
    }

    @Provide
    Arbitrary<byte[]> noise() {
        // Mostly bencode-ish bytes, so that the decoder gets past the first byte often.
        Arbitrary<Byte> bencodeish = Arbitraries.of("d1:ade1:q4:pingi1e2:id20:t1:y1:r5:nodesle:0123456789"
                .chars()
                .mapToObj(c -> (byte) c)
                .toList());
        return Arbitraries.oneOf(bencodeish, Arbitraries.bytes())
                .array(byte[].class)
                .ofMaxSize(300);
    }

    @Provide
    Arbitrary<List<Integer>> mutations() {
        return Arbitraries.integers().list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<KrpcMessage> messages() {
        Arbitrary<TransactionId> tid =
                Arbitraries.bytes().array(byte[].class).ofMaxSize(8).map(TransactionId::new);
        Arbitrary<NodeId> id =
                Arbitraries.bytes().array(byte[].class).ofSize(20).map(NodeId::new);
        Arbitrary<InfoHash> hash =
                Arbitraries.bytes().array(byte[].class).ofSize(20).map(InfoHash::new);
        Arbitrary<Token> token =
                Arbitraries.bytes().array(byte[].class).ofMaxSize(20).map(Token::new);
        Arbitrary<Integer> port = Arbitraries.integers().between(0, 65535);
        Arbitrary<KrpcMessage> ping = Combinators.combine(tid, id).as(KrpcMessage.Ping::new);
        Arbitrary<java.util.Set<AddressFamily>> want =
                Arbitraries.of(AddressFamily.class).set().ofMaxSize(2);
        Arbitrary<KrpcMessage> findNode = Combinators.combine(tid, id, id, want).as(KrpcMessage.FindNode::new);
        Arbitrary<KrpcMessage> getPeers =
                Combinators.combine(tid, id, hash, want).as(KrpcMessage.GetPeers::new);
        Arbitrary<KrpcMessage> announce = Combinators.combine(tid, id, hash, port, Arbitraries.of(true, false), token)
                .as(KrpcMessage.AnnouncePeer::new);
        Arbitrary<KrpcMessage> response = Combinators.combine(
                        tid,
                        id,
                        nodes(id, 4, 8),
                        nodes(id, 16, 3),
                        peers().list().ofMaxSize(30),
                        token.optional())
                .as((t, s, v4, v6, values, tok) -> {
                    List<CompactNode> all = new ArrayList<>(v4);
                    all.addAll(v6);
                    return new KrpcMessage.Response(t, s, all, values, tok);
                });
        Arbitrary<KrpcMessage> error = Combinators.combine(
                        tid,
                        Arbitraries.integers().between(0, 999),
                        // in the form decode gives them: control characters (log line breakers) read as '?'
                        Arbitraries.strings().ofMaxLength(40).map(m -> m.replaceAll("[\\p{Cc}\\u2028\\u2029]", "?")))
                .as(KrpcMessage.ErrorReply::new);
        return Arbitraries.oneOf(ping, findNode, getPeers, announce, response, error);
    }

    private static Arbitrary<List<CompactNode>> nodes(Arbitrary<NodeId> id, int ipLength, int max) {
        return Combinators.combine(id, address(ipLength), Arbitraries.integers().between(0, 65535))
                .as((i, ip, port) -> new CompactNode(i, new InetSocketAddress(ip, port)))
                .list()
                .ofMaxSize(max);
    }

    private static Arbitrary<InetSocketAddress> peers() {
        return Combinators.combine(
                        Arbitraries.oneOf(address(4), address(16)),
                        Arbitraries.integers().between(0, 65535))
                .as(InetSocketAddress::new);
    }

    private static Arbitrary<InetAddress> address(int length) {
        return Arbitraries.bytes().array(byte[].class).ofSize(length).map(CompactNode::address);
    }
}
