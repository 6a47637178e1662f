package dev.torpeddo.engine.utp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The BEP 29 packet codec: what goes out comes back, and libtorrent's packets parse. */
class UtpPacketTest {

    @Property(tries = 300)
    void encodingRoundTrips(@ForAll("packets") UtpPacket p) throws Exception {
        byte[] wire = p.encode();
        assertThat(wire).hasSize(p.size());
        assertThat(UtpPacket.looksLikeUtp(wire[0])).isTrue();
        assertThat(UtpPacket.parse(ByteBuffer.wrap(wire))).isEqualTo(p);
    }

    @Provide
    Arbitrary<UtpPacket> packets() {
        Arbitrary<byte[]> sack = Arbitraries.integers()
                .between(0, 8)
                .flatMap(words -> Arbitraries.bytes().array(byte[].class).ofSize(words * 4));
        Arbitrary<byte[]> payload = Arbitraries.bytes().array(byte[].class).ofMaxSize(1500);
        return Combinators.combine(
                        Arbitraries.of(UtpPacket.Type.class),
                        Arbitraries.integers().between(0, 0xffff),
                        Arbitraries.integers(),
                        Arbitraries.integers(),
                        Arbitraries.integers().between(0, 0xffff),
                        Arbitraries.integers().between(0, 0xffff),
                        sack,
                        payload)
                .as((type, id, ts, wnd, seq, ack, s, data) ->
                        new UtpPacket(type, id, ts, ts ^ 0x5a5a, wnd, seq, ack, s, data));
    }

    @Test
    void selectiveAckBitsStartTwoPastTheAckLeastSignificantFirst() {
        // ack 100: bit 0 of byte 0 is 102, bit 7 of byte 0 is 109, bit 0 of byte 1 is 110.
        UtpPacket p = state(100, new byte[] {(byte) 0x81, 0x01, 0, 0});
        assertThat(p.selectivelyAcks(101)).isFalse();
        assertThat(p.selectivelyAcks(102)).isTrue();
        assertThat(p.selectivelyAcks(103)).isFalse();
        assertThat(p.selectivelyAcks(109)).isTrue();
        assertThat(p.selectivelyAcks(110)).isTrue();
        assertThat(p.selectivelyAcks(134)).isFalse(); // past the mask
    }

    @Test
    void selectiveAckWrapsWithTheSequenceNumbers() {
        UtpPacket p = state(0xfffe, new byte[] {0x01, 0, 0, 0});
        assertThat(p.selectivelyAcks(0)).isTrue(); // 0xfffe + 2 wraps to 0
    }

    /**
     * The selective ack of a STATE packet libtorrent 2.0 sent us (recorded with utp_relay.py; the header
     * fields around it are ours): 37 bytes, which BEP 29's whole words would not allow.
     */
    @Test
    void parsesLibtorrentsSelectiveAckOfAnyLength() throws Exception {
        byte[] wire =
                HexFormat.of().parseHex("2101c0227ef3b0117f5c1a2b000a0ca35716639e" + "0025" + "ff".repeat(35) + "830f");
        UtpPacket p = UtpPacket.parse(ByteBuffer.wrap(wire));
        assertThat(p.type()).isEqualTo(UtpPacket.Type.STATE);
        assertThat(p.connectionId()).isEqualTo(0xc022);
        assertThat(p.seq()).isEqualTo(0x5716);
        assertThat(p.ack()).isEqualTo(0x639e);
        assertThat(p.window()).isEqualTo(0x000a0ca3);
        assertThat(p.selectiveAck()).hasSize(37);
        assertThat(p.selectivelyAcks(0x639e + 2)).isTrue();
        assertThat(p.selectivelyAcks(0x639e + 2 + 35 * 8 + 2)).isFalse(); // 0x83: bits 0, 1 and 7
        assertThat(p.selectivelyAcks(0x639e + 2 + 35 * 8 + 7)).isTrue();
        assertThat(p.payload()).isEmpty();
    }

    @Test
    void refusesWhatIsNotAPacket() {
        assertThatThrownBy(() -> UtpPacket.parse(ByteBuffer.wrap(new byte[19]))).isInstanceOf(UtpFormatException.class);
        byte[] wire = state(1, UtpPacket.NO_BYTES).encode();
        wire[0] = 0x42; // version 2
        assertThatThrownBy(() -> UtpPacket.parse(ByteBuffer.wrap(wire))).isInstanceOf(UtpFormatException.class);
        wire[0] = 0x51; // type 5
        assertThatThrownBy(() -> UtpPacket.parse(ByteBuffer.wrap(wire))).isInstanceOf(UtpFormatException.class);
        byte[] truncated = state(1, new byte[] {1, 2, 3, 4}).encode();
        assertThatThrownBy(() -> UtpPacket.parse(ByteBuffer.wrap(truncated, 0, truncated.length - 1)))
                .isInstanceOf(UtpFormatException.class);
    }

    @Test
    void skipsExtensionsItDoesNotKnow() throws Exception {
        byte[] header = state(7, UtpPacket.NO_BYTES).encode();
        header[1] = 2; // an unknown extension first, of 3 bytes, with nothing after it
        ByteBuffer b = ByteBuffer.allocate(header.length + 5 + 4);
        b.put(header)
                .put(new byte[] {0, 3, 9, 9, 9})
                .put(new byte[] {1, 2, 3, 4})
                .flip();
        UtpPacket p = UtpPacket.parse(b);
        assertThat(p.selectiveAck()).isEmpty();
        assertThat(p.payload()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void firstBytesOfOtherProtocolsOnThePortAreNotUtp() {
        assertThat(UtpPacket.looksLikeUtp((byte) 'd')).isFalse(); // a KRPC dictionary
        assertThat(UtpPacket.looksLikeUtp((byte) 0)).isFalse(); // a UDP tracker reply (action 0..3)
        for (UtpPacket.Type t : UtpPacket.Type.values())
            assertThat(UtpPacket.looksLikeUtp((byte) (t.code << 4 | 1))).isTrue();
    }

    private static UtpPacket state(int ack, byte[] sack) {
        return new UtpPacket(UtpPacket.Type.STATE, 1, 0, 0, 1 << 20, 5, ack, sack, UtpPacket.NO_BYTES);
    }
}
