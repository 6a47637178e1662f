package dev.torpeddo.engine.wire.ext;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.torpeddo.engine.fuzz.FuzzChecks;
import dev.torpeddo.engine.fuzz.FuzzChecks.Outcome;

/**
 * Fuzz target for ut_metadata payloads (BEP 9), which carry the info dictionary to a magnet link's download.
 * Seeds and regression inputs: UtMetadataCodecFuzzTestInputs/decode (see the README there).
 */
class UtMetadataCodecFuzzTest {

    @FuzzTest
    void decode(byte[] input) throws ExtensionException {
        Outcome<UtMetadataMessage> outcome =
                FuzzChecks.parse(input.length, () -> UtMetadataCodec.decode(input), ExtensionException.class);
        if (!(outcome instanceof Outcome.Parsed<UtMetadataMessage>(UtMetadataMessage message))) return;

        assertThat(message.piece()).isBetween(0, UtMetadataMessage.MAX_PIECES - 1);
        if (message instanceof UtMetadataMessage.Data d) {
            assertThat(d.totalSize()).isBetween(1, UtMetadataMessage.MAX_METADATA_SIZE);
            assertThat((long) d.piece() * UtMetadataMessage.PIECE_SIZE).isLessThan(d.totalSize());
            assertThat(d.data().length).isLessThanOrEqualTo(UtMetadataMessage.PIECE_SIZE);
            // The piece is the bytes after the dictionary, all of them.
            assertThat(input).endsWith(d.data());
        }

        // Re-encoding decodes to the same message, and encodes the same again.
        byte[] encoded = UtMetadataCodec.encode(message);
        assertThat(UtMetadataCodec.decode(encoded)).isEqualTo(message);
        assertThat(UtMetadataCodec.encode(UtMetadataCodec.decode(encoded))).isEqualTo(encoded);
    }
}
