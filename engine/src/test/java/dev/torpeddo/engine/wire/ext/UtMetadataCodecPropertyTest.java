package dev.torpeddo.engine.wire.ext;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class UtMetadataCodecPropertyTest {

    @Property
    void everyValidMessageRoundTrips(@ForAll("messages") UtMetadataMessage message) throws ExtensionException {
        assertThat(UtMetadataCodec.decode(UtMetadataCodec.encode(message))).isEqualTo(message);
    }

    @Property
    void randomBytesAreDecodedOrRefusedCleanly(@ForAll byte[] payload) {
        assertOnlyExtensionException(payload);
    }

    @Property
    void headersWithRandomNumbersAreDecodedOrRefusedCleanly(
            @ForAll @IntRange(min = -3, max = 4) int type,
            @ForAll long piece,
            @ForAll long totalSize,
            @ForAll @IntRange(max = 20_000) int dataLength) {
        byte[] header = ("d8:msg_typei" + type + "e5:piecei" + piece + "e10:total_sizei" + totalSize + "ee")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] payload = java.util.Arrays.copyOf(header, header.length + dataLength);
        try {
            UtMetadataMessage m = UtMetadataCodec.decode(payload);
            assertThat(m.piece()).isBetween(0, UtMetadataMessage.MAX_PIECES - 1);
            if (m instanceof UtMetadataMessage.Data d) {
                assertThat(d.data().length).isLessThanOrEqualTo(UtMetadataMessage.PIECE_SIZE);
                assertThat(d.totalSize()).isBetween(1, UtMetadataMessage.MAX_METADATA_SIZE);
            }
        } catch (ExtensionException expected) {
            assertThat(expected.getMessage()).isNotBlank().doesNotContain("\n");
        }
    }

    private static void assertOnlyExtensionException(byte[] payload) {
        try {
            UtMetadataCodec.decode(payload);
        } catch (ExtensionException expected) {
            assertThat(expected.getMessage()).isNotBlank().doesNotContain("\n");
        }
    }

    @Provide
    Arbitrary<UtMetadataMessage> messages() {
        Arbitrary<Integer> pieces = Arbitraries.integers().between(0, UtMetadataMessage.MAX_PIECES - 1);
        Arbitrary<UtMetadataMessage> data = Combinators.combine(
                        pieces, Arbitraries.integers().between(1, UtMetadataMessage.PIECE_SIZE))
                .flatAs((piece, length) -> Arbitraries.bytes()
                        .array(byte[].class)
                        .ofSize(length)
                        .map(bytes -> new UtMetadataMessage.Data(
                                piece,
                                Math.min(
                                        UtMetadataMessage.MAX_METADATA_SIZE,
                                        piece * UtMetadataMessage.PIECE_SIZE + length),
                                bytes)));
        return Arbitraries.oneOf(
                pieces.map(UtMetadataMessage.Request::new), pieces.map(UtMetadataMessage.Reject::new), data);
    }
}
