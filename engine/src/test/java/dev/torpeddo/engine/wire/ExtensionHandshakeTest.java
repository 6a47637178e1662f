package dev.torpeddo.engine.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExtensionHandshakeTest {

    @Test
    void roundTrips() {
        var h = new ExtensionHandshake(Map.of("ut_metadata", 2, "ut_pex", 1), 6881, 500, "Torpeddo 0.1.0", 1234);
        assertThat(ExtensionHandshake.parse(h.encode())).contains(h);
    }

    @Test
    void readsLibtorrentStyleHandshake() {
        byte[] raw =
                "d1:md11:ut_metadatai2e6:ut_pexi1ee13:metadata_sizei31235e1:pi6881e4:reqqi2000e1:v16:libtorrent 2.0.8e"
                        .getBytes(StandardCharsets.US_ASCII);
        var h = ExtensionHandshake.parse(raw).orElseThrow();
        assertThat(h.extensions()).containsEntry("ut_metadata", 2).containsEntry("ut_pex", 1);
        assertThat(h.maxRequests()).isEqualTo(2000);
        assertThat(h.listenPort()).isEqualTo(6881);
        assertThat(h.client()).isEqualTo("libtorrent 2.0.8");
        assertThat(h.metadataSize()).isEqualTo(31235);
    }

    @Test
    void malformedUtf8IsReplacedInTheClientNameAndDropsAnExtensionName() {
        byte[] raw = bytes("d1:md2:", 0xff, 0xfe, "i3e6:ut_pexi1ee1:v2:", 0xb5, "Te");
        var h = ExtensionHandshake.parse(raw).orElseThrow();
        assertThat(h.extensions()).containsOnlyKeys("ut_pex");
        assertThat(h.client()).isEqualTo("\uFFFDT");
        assertThat(ExtensionHandshake.parse(h.encode())).contains(h);
    }

    @Test
    void clientNameTooLongOnceMalformedBytesAreReplacedIsDropped() {
        // 200 bytes, but 600 as re-encoded with replacement characters: over the 256-byte limit.
        byte[] raw = new byte[200];
        java.util.Arrays.fill(raw, (byte) 0xff);
        var h = ExtensionHandshake.parse(bytes("d1:mde1:v200:", raw, "e")).orElseThrow();
        assertThat(h.client()).isEmpty();
        assertThat(ExtensionHandshake.parse(h.encode())).contains(h);
    }

    /** Concatenates text (as ASCII), single bytes (ints) and byte arrays. */
    private static byte[] bytes(Object... parts) {
        var out = new java.io.ByteArrayOutputStream();
        for (Object part : parts) {
            switch (part) {
                case String text -> out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
                case Integer b -> out.write(b);
                case byte[] array -> out.writeBytes(array);
                default -> throw new IllegalArgumentException(String.valueOf(part));
            }
        }
        return out.toByteArray();
    }

    @Test
    void malformedFieldsAreIgnoredAndGarbageIsRejected() {
        byte[] raw = "d1:mi5e1:pi-1e4:reqq3:abc1:vi7ee".getBytes(StandardCharsets.US_ASCII);
        var h = ExtensionHandshake.parse(raw).orElseThrow();
        assertThat(h.extensions()).isEmpty();
        assertThat(h.listenPort()).isZero();
        assertThat(h.maxRequests()).isZero();
        assertThat(h.client()).isEmpty();
        assertThat(ExtensionHandshake.parse("not bencode".getBytes(StandardCharsets.US_ASCII)))
                .isEmpty();
        assertThat(ExtensionHandshake.parse("li1ee".getBytes(StandardCharsets.US_ASCII)))
                .isEmpty();
    }
}
