package dev.torpeddo.engine.dht;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.torpeddo.engine.metainfo.InfoHash;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KrpcCodecTest {
    private static final NodeId ID = NodeId.ofHex("6162636465666768696a6162636465666768696a");
    private static final TransactionId AA = new TransactionId("aa".getBytes(StandardCharsets.US_ASCII));

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void decodesTheBep5PingExample() throws Exception {
        KrpcMessage m = KrpcCodec.decode(ascii("d1:ad2:id20:abcdefghij0123456789e1:q4:ping1:t2:aa1:y1:qe"));
        assertThat(m).isEqualTo(new KrpcMessage.Ping(AA, new NodeId(ascii("abcdefghij0123456789"))));
    }

    @Test
    void encodesAPingExactlyAsBep5Shows() {
        byte[] out = KrpcCodec.encode(new KrpcMessage.Ping(AA, new NodeId(ascii("abcdefghij0123456789"))));
        assertThat(new String(out, StandardCharsets.ISO_8859_1))
                .isEqualTo("d1:ad2:id20:abcdefghij0123456789e1:q4:ping1:t2:aa1:y1:qe");
    }

    @Test
    void decodesTheBep5AnnouncePeerExampleAndIgnoresUnknownKeys() throws Exception {
        KrpcMessage m = KrpcCodec.decode(ascii("d1:ad2:id20:abcdefghij012345678912:implied_porti1e9:info_hash20:"
                + "mnopqrstuvwxyz1234564:porti6881e5:token8:aoeusnthe1:q13:announce_peer1:t2:aa1:v4:LT011:y1:qe"));
        assertThat(m)
                .isEqualTo(new KrpcMessage.AnnouncePeer(
                        AA,
                        new NodeId(ascii("abcdefghij0123456789")),
                        new InfoHash(ascii("mnopqrstuvwxyz123456")),
                        6881,
                        true,
                        new Token(ascii("aoeusnth"))));
    }

    @Test
    void decodesAGetPeersResponseWithValuesAndToken() throws Exception {
        byte[] packet =
                ascii("d1:rd2:id20:abcdefghij01234567895:token8:aoeusnth6:valuesl6:axje.u6:idhtnmee1:t2:aa1:y1:re");
        KrpcMessage.Response r = (KrpcMessage.Response) KrpcCodec.decode(packet);
        assertThat(r.token()).contains(new Token(ascii("aoeusnth")));
        assertThat(r.values())
                .containsExactly(
                        new InetSocketAddress("97.120.106.101", ('.' << 8) | 'u'),
                        new InetSocketAddress("105.100.104.116", ('n' << 8) | 'm'));
        assertThat(r.nodes()).isEmpty();
    }

    @Test
    void decodesAnErrorEvenWithoutAMessage() throws Exception {
        assertThat(KrpcCodec.decode(ascii("d1:eli201e23:A Generic Error Ocurrede1:t2:aa1:y1:ee")))
                .isEqualTo(new KrpcMessage.ErrorReply(AA, 201, "A Generic Error Ocurred"));
        assertThat(KrpcCodec.decode(ascii("d1:eli203ee1:t2:aa1:y1:ee")))
                .isEqualTo(new KrpcMessage.ErrorReply(AA, 203, ""));
    }

    @Test
    void anErrorMessageIsCutToOneLogLineThatReencodesWithinAPacket() throws Exception {
        // 500 invalid UTF-8 bytes decode to 500 replacement characters, 1500 bytes when encoded again.
        String invalid = "\u00ff".repeat(500);
        var error = (KrpcMessage.ErrorReply) KrpcCodec.decode(ascii("d1:eli201e500:" + invalid + "e1:t2:aa1:y1:ee"));
        assertThat(error.message()).isEqualTo("\ufffd".repeat(KrpcCodec.MAX_ERROR_MESSAGE) + "...");
        assertThat(KrpcCodec.decode(KrpcCodec.encode(error))).isEqualTo(error);

        var multiline = (KrpcMessage.ErrorReply) KrpcCodec.decode(ascii("d1:eli201e10:bad\r\ntokene1:t2:aa1:y1:ee"));
        assertThat(multiline.message()).isEqualTo("bad??token");
    }

    @Test
    void roundTripsFindNodeResponseWithIpv4AndIpv6Nodes() throws Exception {
        var v4 = new CompactNode(NodeId.random(), new InetSocketAddress("10.1.2.3", 6881));
        var v6 = new CompactNode(NodeId.random(), new InetSocketAddress("2001:db8::1", 51413));
        var r = new KrpcMessage.Response(TransactionId.of(7), ID, List.of(v4, v6), List.of(), Optional.empty());
        assertThat(KrpcCodec.decode(KrpcCodec.encode(r))).isEqualTo(r);
    }

    @Test
    void decodesWantAsBep32ShowsItAndIgnoresWhatItDoesNotKnow() throws Exception {
        var findNode = (KrpcMessage.FindNode) KrpcCodec.decode(ascii("d1:ad2:id20:abcdefghij01234567896:target20:"
                + "mnopqrstuvwxyz1234564:wantl2:n42:n6ee1:q9:find_node1:t2:aa1:y1:qe"));
        assertThat(findNode.want()).containsExactlyInAnyOrder(AddressFamily.IPV4, AddressFamily.IPV6);

        var getPeers = (KrpcMessage.GetPeers) KrpcCodec.decode(ascii("d1:ad2:id20:abcdefghij01234567899:info_hash20:"
                + "mnopqrstuvwxyz1234564:wantl2:n62:n8i4eee1:q9:get_peers1:t2:aa1:y1:qe"));
        assertThat(getPeers.want()).containsExactly(AddressFamily.IPV6);

        // Not a list at all: the default, as if there were none.
        var plain = (KrpcMessage.FindNode) KrpcCodec.decode(ascii("d1:ad2:id20:abcdefghij01234567896:target20:"
                + "mnopqrstuvwxyz1234564:want2:n6e1:q9:find_node1:t2:aa1:y1:qe"));
        assertThat(plain.want()).isEmpty();
    }

    @Test
    void encodesWantOnlyWhenAFamilyIsAskedFor() {
        NodeId sender = new NodeId(ascii("abcdefghij0123456789"));
        NodeId target = new NodeId(ascii("mnopqrstuvwxyz123456"));
        assertThat(new String(
                        KrpcCodec.encode(new KrpcMessage.FindNode(
                                AA, sender, target, java.util.Set.of(AddressFamily.IPV6, AddressFamily.IPV4))),
                        StandardCharsets.ISO_8859_1))
                .isEqualTo("d1:ad2:id20:abcdefghij01234567896:target20:mnopqrstuvwxyz1234564:wantl2:n42:n6ee"
                        + "1:q9:find_node1:t2:aa1:y1:qe");
        assertThat(new String(
                        KrpcCodec.encode(new KrpcMessage.GetPeers(AA, sender, new InfoHash(target.bytes()))),
                        StandardCharsets.ISO_8859_1))
                .doesNotContain("want");
    }

    @Test
    void readsIpv6PeersAs18ByteValuesAndWritesThemBack() throws Exception {
        byte[] v6 = new byte[18];
        v6[0] = 0x20;
        v6[1] = 0x01;
        v6[15] = 1;
        v6[16] = (byte) 0xc8; // port 51413
        v6[17] = (byte) 0xd5;
        String packet = "d1:rd2:id20:abcdefghij01234567895:token2:tk6:valuesl18:"
                + new String(v6, StandardCharsets.ISO_8859_1) + "6:axje.uee1:t2:aa1:y1:re";
        var r = (KrpcMessage.Response) KrpcCodec.decode(ascii(packet));
        assertThat(r.values())
                .containsExactly(
                        new InetSocketAddress("2001::1", 51413),
                        new InetSocketAddress("97.120.106.101", ('.' << 8) | 'u'));
        assertThat(KrpcCodec.encode(r)).isEqualTo(ascii(packet));
    }

    @Test
    void putsIpv4NodesInNodesAndIpv6NodesInNodes6() throws Exception {
        var v4 = new CompactNode(ID, new InetSocketAddress("10.1.2.3", 6881));
        var v6 = new CompactNode(ID, new InetSocketAddress("2001:db8::1", 51413));
        var r = new KrpcMessage.Response(AA, ID, List.of(v6, v4), List.of(), Optional.empty());
        var body = (dev.torpeddo.engine.bencode.BDict) ((dev.torpeddo.engine.bencode.BDict)
                        dev.torpeddo.engine.bencode.BDecoder.DEFAULT.decode(KrpcCodec.encode(r)))
                .get("r")
                .orElseThrow();
        assertThat(body.getBytes("nodes").orElseThrow().bytes())
                .isEqualTo(v4.encode())
                .hasSize(26);
        assertThat(body.getBytes("nodes6").orElseThrow().bytes())
                .isEqualTo(v6.encode())
                .hasSize(38);
    }

    @Test
    void refusesNodesThatAreNotAMultipleOf26Bytes() {
        String nodes = "x".repeat(27);
        assertThatThrownBy(() -> KrpcCodec.decode(
                        ascii("d1:rd2:id20:abcdefghij01234567895:nodes27:" + nodes + "e1:t2:aa1:y1:re")))
                .isInstanceOf(KrpcException.class)
                .hasMessage("nodes of 27 bytes is not a multiple of 26");
    }

    @Test
    void refusesMissingOrWrongLengthIds() {
        assertThatThrownBy(() -> KrpcCodec.decode(ascii("d1:ad2:id3:abce1:q4:ping1:t2:aa1:y1:qe")))
                .isInstanceOf(KrpcException.class)
                .hasMessage("'id' has 3 bytes, expected 20");
        assertThatThrownBy(() -> KrpcCodec.decode(ascii("d1:ade1:q4:ping1:t2:aa1:y1:qe")))
                .isInstanceOf(KrpcException.class)
                .hasMessage("missing 'id'");
        assertThatThrownBy(() -> KrpcCodec.decode(ascii("d1:ad2:id20:abcdefghij0123456789e1:q4:ping1:y1:qe")))
                .isInstanceOf(KrpcException.class)
                .hasMessage("missing transaction id 't'");
    }

    @Test
    void refusesUnknownMethodsAndTypesWithAPrintableMessage() {
        assertThatThrownBy(() -> KrpcCodec.decode(ascii("d1:ad2:id20:abcdefghij0123456789e1:q5:\n\nxyz1:t2:aa1:y1:qe")))
                .isInstanceOf(KrpcException.class)
                .hasMessage("unknown query method '??xyz'");
        assertThatThrownBy(() -> KrpcCodec.decode(ascii("d1:t2:aa1:y1:ze")))
                .isInstanceOf(KrpcException.class)
                .hasMessage("unknown message type 'z'");
    }

    @Test
    void refusesOversizedAndDeepPackets() {
        byte[] big = new byte[1501];
        assertThatThrownBy(() -> KrpcCodec.decode(big))
                .isInstanceOf(KrpcException.class)
                .hasMessage("packet of 1501 bytes exceeds 1500");
        assertThatThrownBy(() -> KrpcCodec.decode(ascii("d1:rd2:xxlllleeeee1:t2:aa1:y1:re")))
                .isInstanceOf(KrpcException.class)
                .hasMessageStartingWith("bad KRPC packet: nesting deeper than 4");
    }

    @Test
    void readsAtMost100Values() throws Exception {
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < 150; i++)
            values.append("6:\u0001\u0002\u0003\u0004\u0000").append((char) (i + 1));
        byte[] packet = ascii("d1:rd2:id20:abcdefghij01234567896:valuesl" + values + "ee1:t2:aa1:y1:re");
        assertThat(((KrpcMessage.Response) KrpcCodec.decode(packet)).values()).hasSize(100);
    }

    @Test
    void refusesAnnounceWithoutToken() {
        assertThatThrownBy(() -> KrpcCodec.decode(ascii("d1:ad2:id20:abcdefghij01234567899:info_hash20:"
                        + "mnopqrstuvwxyz1234564:porti6881ee1:q13:announce_peer1:t2:aa1:y1:qe")))
                .isInstanceOf(KrpcException.class)
                .hasMessage("announce_peer without a token");
    }
}
