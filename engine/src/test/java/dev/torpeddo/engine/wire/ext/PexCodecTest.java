package dev.torpeddo.engine.wire.ext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.torpeddo.engine.bencode.BDict;
import dev.torpeddo.engine.bencode.BEncoder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class PexCodecTest {

    @Test
    void writesCompactPeersWithFlags() throws Exception {
        PexMessage m = new PexMessage(
                List.of(
                        new PexPeer(peer("10.0.0.1", 6881), PexPeer.SEED | PexPeer.REACHABLE),
                        new PexPeer(peer("2001:db8::1", 51413), PexPeer.UTP)),
                List.of(peer("192.168.1.2", 80)));
        byte[] expected = BEncoder.encode(BDict.builder()
                .put("added", hex("0a0000011ae1"))
                .put("added.f", new byte[] {0x12})
                .put("added6", hex("20010db8000000000000000000000001c8d5"))
                .put("added6.f", new byte[] {0x04})
                .put("dropped", hex("c0a801020050"))
                .put("dropped6", new byte[0])
                .build());
        assertThat(PexCodec.encode(m)).isEqualTo(expected);
        assertThat(PexCodec.decode(expected)).isEqualTo(m);
    }

    @Test
    void readsMessagesWithoutFlagsOrSomeKeys() throws Exception {
        byte[] payload = BEncoder.encode(
                BDict.builder().put("added", hex("0a0000011ae10a0000021ae1")).build());
        assertThat(PexCodec.decode(payload))
                .isEqualTo(new PexMessage(
                        List.of(PexPeer.of(peer("10.0.0.1", 6881)), PexPeer.of(peer("10.0.0.2", 6881))), List.of()));
        assertThat(PexCodec.decode("de".getBytes(StandardCharsets.US_ASCII)).isEmpty())
                .isTrue();
    }

    @Test
    void skipsPortZeroAndRepeatsKeepingFlagsAligned() throws Exception {
        byte[] payload = BEncoder.encode(BDict.builder()
                .put("added", hex("0a00000100000a0000021ae10a0000021ae1"))
                .put("added.f", new byte[] {1, 2, 3})
                .build());
        assertThat(PexCodec.decode(payload).added()).containsExactly(new PexPeer(peer("10.0.0.2", 6881), 2));
    }

    @Test
    void ipv4MappedEntriesOfAdded6AreIpv4PeersListedWithTheOthers() throws Exception {
        byte[] payload = BEncoder.encode(BDict.builder()
                .put("added", hex("0a0000011ae1"))
                .put("added6", hex("20010db8000000000000000000000001c8d5" + "00000000000000000000ffff7f0000011ae2"))
                .put("added6.f", new byte[] {0, 2})
                .put("dropped6", hex("20010db8000000000000000000000002c8d5" + "00000000000000000000ffff0a0000031ae1"))
                .build());
        PexMessage m = PexCodec.decode(payload);
        assertThat(m.added())
                .containsExactly(
                        PexPeer.of(peer("10.0.0.1", 6881)),
                        new PexPeer(peer("127.0.0.1", 6882), 2),
                        PexPeer.of(peer("2001:db8::1", 51413)));
        assertThat(m.dropped()).containsExactly(peer("10.0.0.3", 6881), peer("2001:db8::2", 51413));
        // So re-encoding (which writes them as IPv4 peers) gives back the same message.
        assertThat(PexCodec.decode(PexCodec.encode(m))).isEqualTo(m);
    }

    @Test
    void refusesMalformedMessages() {
        assertRefused("li1ee".getBytes(StandardCharsets.US_ASCII), "ut_pex message is a list, expected a dictionary");
        assertRefused(
                "d5:added".getBytes(StandardCharsets.US_ASCII),
                "ut_pex message is not valid bencode: unexpected end of input at offset 8");
        assertRefused(dict("added", hex("0a0000011a")), "ut_pex added length 5 is not a multiple of 6");
        assertRefused(dict("dropped6", new byte[17]), "ut_pex dropped6 length 17 is not a multiple of 18");
        assertRefused(
                BEncoder.encode(BDict.builder().put("added", 5).build()),
                "ut_pex added is an integer, expected a string");
        assertRefused(
                BEncoder.encode(BDict.builder()
                        .put("added", hex("0a0000011ae1"))
                        .put("added.f", new byte[2])
                        .build()),
                "ut_pex added.f has 2 bytes for 1 peers");
    }

    @Test
    void refusesMoreThan200PeersEachWay() throws Exception {
        assertRefused(
                BEncoder.encode(BDict.builder()
                        .put("added", new byte[6 * 150])
                        .put("added6", new byte[18 * 51])
                        .build()),
                "ut_pex message adds 201 peers (limit 200)");
        assertRefused(dict("dropped", new byte[6 * 201]), "ut_pex message drops 201 peers (limit 200)");
        assertThat(PexCodec.decode(dict("dropped", new byte[6 * 200])).dropped())
                .isEmpty(); // all port 0
        assertRefused(new byte[20_000], "ut_pex message of 20000 bytes exceeds 16384");
    }

    private static byte[] dict(String key, byte[] value) {
        return BEncoder.encode(BDict.builder().put(key, value).build());
    }

    private static void assertRefused(byte[] payload, String message) {
        assertThatThrownBy(() -> PexCodec.decode(payload))
                .isInstanceOf(ExtensionException.class)
                .hasMessage(message);
    }

    private static InetSocketAddress peer(String ip, int port) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(ip), port);
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }
}
