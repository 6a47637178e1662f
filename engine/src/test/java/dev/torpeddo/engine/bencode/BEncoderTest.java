package dev.torpeddo.engine.bencode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BEncoderTest {

    private static String encode(BValue v) {
        return new String(BEncoder.encode(v), StandardCharsets.ISO_8859_1);
    }

    @Test
    void encodesScalars() {
        assertThat(encode(BInt.of(0))).isEqualTo("i0e");
        assertThat(encode(BInt.of(-42))).isEqualTo("i-42e");
        assertThat(encode(BInt.of(Long.MIN_VALUE))).isEqualTo("i-9223372036854775808e");
        assertThat(encode(BBytes.of("spam"))).isEqualTo("4:spam");
        assertThat(encode(BBytes.of(""))).isEqualTo("0:");
    }

    @Test
    void sortsKeysAsUnsignedBytes() {
        BDict d = BDict.builder()
                .put(new BBytes(new byte[] {(byte) 0xC3}), BInt.of(3))
                .put("b", 2)
                .put("a", 1)
                .put("B", 0)
                .build();
        assertThat(BEncoder.encode(d))
                .isEqualTo("d1:Bi0e1:ai1e1:bi2e1:\u00C3i3ee".getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void roundTripsCanonicalInputByteForByte() throws Exception {
        byte[] canonical = "d4:infod6:lengthi10e4:name3:a.b12:piece lengthi16384e6:pieces0:e4:listl0:i-1eleee"
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(BEncoder.encode(BDecoder.DEFAULT.decode(canonical))).isEqualTo(canonical);
    }
}
