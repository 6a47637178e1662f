package dev.torpeddo.engine.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.torpeddo.engine.fuzz.FuzzChecks;
import dev.torpeddo.engine.fuzz.FuzzChecks.Outcome;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Fuzz target for the 68-byte handshake, the first bytes of every connection, read as the session (incoming)
 * and PeerConnector (outgoing) do: header first, then the peer id. Seeds and regression
 * inputs: HandshakeFuzzTestInputs/readHandshake (see the README there).
 */
class HandshakeFuzzTest {
    private static final byte[] PREFIX = "\u0013BitTorrent protocol".getBytes(StandardCharsets.US_ASCII);

    @FuzzTest
    void readHandshake(byte[] input) throws IOException {
        Outcome<Optional<Handshake>> outcome = FuzzChecks.parse(input.length, () -> read(input), WireException.class);
        switch (outcome) {
            case Outcome.Refused<Optional<Handshake>> refused ->
                // "Not a handshake" only for what cannot begin one.
                assertThat(Arrays.copyOf(input, Math.min(input.length, PREFIX.length)))
                        .isNotEqualTo(Arrays.copyOf(PREFIX, Math.min(input.length, PREFIX.length)));
            case Outcome.Parsed<Optional<Handshake>>(Optional<Handshake> cutOff)
            when cutOff.isEmpty() -> {
                assertThat(input.length).isLessThan(Handshake.LENGTH);
                if (input.length > 0) assertThat(input[0]).isEqualTo(PREFIX[0]);
            }
            case Outcome.Parsed<Optional<Handshake>>(Optional<Handshake> parsed) -> {
                Handshake h = parsed.orElseThrow();
                // Re-encoding gives back the exact bytes: every reserved bit, the info-hash and the peer id.
                assertThat(h.encode()).isEqualTo(Arrays.copyOf(input, Handshake.LENGTH));
                byte[] reserved = Arrays.copyOfRange(input, 20, 28);
                assertThat(h.reserved()).isEqualTo(reserved);
                assertThat(h.supportsExtensionProtocol()).isEqualTo((reserved[5] & 0x10) != 0);
                assertThat(h.supportsFast()).isEqualTo((reserved[7] & 0x04) != 0);
                assertThat(h.supportsDht()).isEqualTo((reserved[7] & 0x01) != 0);
                assertThat(read(h.encode())).contains(h);
            }
        }
    }

    /** The handshake, or empty if the input ends first (the peer hung up: not a refusal). */
    private static Optional<Handshake> read(byte[] input) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(input));
        try {
            return Optional.of(Handshake.readHeader(in).withPeerId(Handshake.readPeerId(in)));
        } catch (EOFException cutOff) {
            return Optional.empty();
        }
    }
}
