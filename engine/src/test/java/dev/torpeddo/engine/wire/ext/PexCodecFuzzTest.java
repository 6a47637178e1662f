package dev.torpeddo.engine.wire.ext;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.torpeddo.engine.fuzz.FuzzChecks;
import dev.torpeddo.engine.fuzz.FuzzChecks.Outcome;
import java.net.InetSocketAddress;

/**
 * Fuzz target for ut_pex payloads (BEP 11), through which any peer can suggest whom we connect to. Seeds and
 * regression inputs: PexCodecFuzzTestInputs/decode (see the README there).
 */
class PexCodecFuzzTest {

    @FuzzTest
    void decode(byte[] input) throws ExtensionException {
        Outcome<PexMessage> outcome =
                FuzzChecks.parse(input.length, () -> PexCodec.decode(input), ExtensionException.class);
        if (!(outcome instanceof Outcome.Parsed<PexMessage>(PexMessage message))) return;

        assertThat(message.added()).hasSizeLessThanOrEqualTo(PexCodec.MAX_ENTRIES);
        assertThat(message.dropped()).hasSizeLessThanOrEqualTo(PexCodec.MAX_ENTRIES);
        // Every peer is a connectable address (port 0 entries are skipped), listed once.
        assertThat(message.added()).extracting(PexPeer::address).doesNotHaveDuplicates();
        assertThat(message.dropped()).doesNotHaveDuplicates();
        for (PexPeer peer : message.added()) {
            assertConnectable(peer.address());
            assertThat(peer.flags()).isBetween(0, 0xff);
        }
        message.dropped().forEach(PexCodecFuzzTest::assertConnectable);

        // Re-encoding decodes to the same message, and encodes the same again.
        byte[] encoded = PexCodec.encode(message);
        assertThat(PexCodec.decode(encoded)).isEqualTo(message);
        assertThat(PexCodec.encode(PexCodec.decode(encoded))).isEqualTo(encoded);
    }

    private static void assertConnectable(InetSocketAddress address) {
        assertThat(address.isUnresolved()).isFalse();
        assertThat(address.getPort()).isBetween(1, 0xffff);
    }
}
