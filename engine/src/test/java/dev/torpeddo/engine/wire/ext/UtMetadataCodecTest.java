package dev.torpeddo.engine.wire.ext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class UtMetadataCodecTest {

    @Test
    void writesTheBep9Examples() {
        assertThat(text(UtMetadataCodec.encode(new UtMetadataMessage.Request(0))))
                .isEqualTo("d8:msg_typei0e5:piecei0ee");
        assertThat(text(UtMetadataCodec.encode(new UtMetadataMessage.Reject(3))))
                .isEqualTo("d8:msg_typei2e5:piecei3ee");
        byte[] data = "0123456789".getBytes(StandardCharsets.US_ASCII);
        assertThat(text(UtMetadataCodec.encode(new UtMetadataMessage.Data(2, 34256, data))))
                .isEqualTo("d8:msg_typei1e5:piecei2e10:total_sizei34256ee0123456789");
    }

    @Test
    void readsTheBep9Examples() throws Exception {
        assertThat(decode("d8:msg_typei0e5:piecei0ee")).isEqualTo(new UtMetadataMessage.Request(0));
        assertThat(decode("d8:msg_typei2e5:piecei1ee")).isEqualTo(new UtMetadataMessage.Reject(1));
        assertThat(decode("d8:msg_typei1e5:piecei0e10:total_sizei5eeabcde"))
                .isEqualTo(new UtMetadataMessage.Data(0, 5, "abcde".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void ignoresKeysItDoesNotKnow() throws Exception {
        assertThat(decode("d8:msg_typei2e5:piecei1e10:total_sizei7e1:x4:junke"))
                .isEqualTo(new UtMetadataMessage.Reject(1));
    }

    @Test
    void refusesGarbageWithAOneLineReason() {
        assertRefused("", "ut_metadata message is not valid bencode: unexpected end of input at offset 0");
        assertRefused("li1ee", "ut_metadata message is a list, expected a dictionary");
        assertRefused("d5:piecei0ee", "ut_metadata message without msg_type");
        assertRefused("d8:msg_type1:05:piecei0ee", "ut_metadata msg_type is a string, expected an integer");
        assertRefused("d8:msg_typei7e5:piecei0ee", "unknown ut_metadata msg_type 7");
        assertRefused("d8:msg_typei-1e5:piecei0ee", "unknown ut_metadata msg_type -1");
        assertRefused("d8:msg_typei0ee", "ut_metadata message without piece");
        assertRefused("d8:msg_typei0e5:piecei-1ee", "ut_metadata piece -1 out of range (0..1023)");
        assertRefused("d8:msg_typei0e5:piecei1024ee", "ut_metadata piece 1024 out of range (0..1023)");
        assertRefused("d8:msg_typei0e5:piecei0eeXY", "ut_metadata message type 0 has 2 trailing bytes");
    }

    @Test
    void refusesImpossibleSizes() {
        assertRefused("d8:msg_typei1e5:piecei0eeabc", "ut_metadata message without total_size");
        assertRefused(
                "d8:msg_typei1e5:piecei0e10:total_sizei0eeabc", "ut_metadata total_size 0 out of range (1..16777216)");
        assertRefused(
                "d8:msg_typei1e5:piecei0e10:total_sizei-5eeabc",
                "ut_metadata total_size -5 out of range (1..16777216)");
        assertRefused(
                "d8:msg_typei1e5:piecei0e10:total_sizei16777217eeabc",
                "ut_metadata total_size 16777217 out of range (1..16777216)");
        assertRefused(
                "d8:msg_typei1e5:piecei2e10:total_sizei32768eeabc", "ut_metadata piece 2 lies beyond total_size 32768");
    }

    @Test
    void refusesOversizedData() {
        byte[] header = "d8:msg_typei1e5:piecei0e10:total_sizei99999ee".getBytes(StandardCharsets.US_ASCII);
        byte[] slightlyLong = Arrays.copyOf(header, header.length + 16 * 1024 + 1);
        assertThatThrownBy(() -> UtMetadataCodec.decode(slightlyLong))
                .isInstanceOf(ExtensionException.class)
                .hasMessage("ut_metadata data of 16385 bytes exceeds 16 KiB");
        byte[] huge = Arrays.copyOf(header, 1 << 20);
        assertThatThrownBy(() -> UtMetadataCodec.decode(huge))
                .isInstanceOf(ExtensionException.class)
                .hasMessage("ut_metadata message of 1048576 bytes exceeds 17408");
    }

    private static UtMetadataMessage decode(String payload) throws ExtensionException {
        return UtMetadataCodec.decode(payload.getBytes(StandardCharsets.US_ASCII));
    }

    private static void assertRefused(String payload, String message) {
        assertThatThrownBy(() -> decode(payload))
                .isInstanceOf(ExtensionException.class)
                .hasMessage(message);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
