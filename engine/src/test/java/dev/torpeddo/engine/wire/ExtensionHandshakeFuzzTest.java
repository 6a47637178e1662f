package dev.torpeddo.engine.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.torpeddo.engine.fuzz.FuzzChecks;
import dev.torpeddo.engine.fuzz.FuzzChecks.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Fuzz target for the BEP 10 extension handshake, the first extended message of every peer. Seeds and
 * regression inputs: ExtensionHandshakeFuzzTestInputs/parse (see the README there).
 */
class ExtensionHandshakeFuzzTest {

    /** {@link ExtensionHandshake#parse} has no error type: garbage is an empty result, so nothing may escape. */
    private static final class NeverThrown extends Exception {
        private static final long serialVersionUID = 1L;
    }

    @FuzzTest
    void parse(byte[] input) {
        Outcome<Optional<ExtensionHandshake>> outcome =
                FuzzChecks.parse(input.length, () -> ExtensionHandshake.parse(input), NeverThrown.class);
        if (!(outcome instanceof Outcome.Parsed<Optional<ExtensionHandshake>>(Optional<ExtensionHandshake> parsed))
                || parsed.isEmpty()) {
            return;
        }
        ExtensionHandshake h = parsed.get();

        // Out-of-range fields are dropped, never passed on.
        h.extensions().forEach((name, id) -> assertThat(id).as(name).isBetween(0, 255));
        assertThat(h.listenPort()).isBetween(0, 0xffff);
        assertThat(h.maxRequests()).isBetween(0, 1 << 16);
        assertThat(h.metadataSize()).isNotNegative();
        assertThat(h.client().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(256);

        // What we parsed re-encodes to a handshake that parses the same, and encodes the same again.
        byte[] encoded = h.encode();
        assertThat(ExtensionHandshake.parse(encoded)).contains(h);
        assertThat(ExtensionHandshake.parse(encoded).orElseThrow().encode()).isEqualTo(encoded);
    }
}
