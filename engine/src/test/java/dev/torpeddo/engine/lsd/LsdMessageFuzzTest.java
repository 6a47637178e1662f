package dev.torpeddo.engine.lsd;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.torpeddo.engine.fuzz.FuzzChecks;
import dev.torpeddo.engine.fuzz.FuzzChecks.Outcome;
import dev.torpeddo.engine.metainfo.InfoHash;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzz target for Local Service Discovery announces, which any host on the local network can multicast to us.
 * Seeds and regression inputs: LsdMessageFuzzTestInputs/parse (README.md there says where they came from).
 */
class LsdMessageFuzzTest {
    @FuzzTest
    void parse(byte[] input) throws LsdException {
        Outcome<LsdMessage> outcome = FuzzChecks.parse(input.length, () -> LsdMessage.parse(input), LsdException.class);
        if (!(outcome instanceof Outcome.Parsed<LsdMessage>(LsdMessage message))) return;

        assertThat(input.length).isLessThanOrEqualTo(LsdMessage.MAX_BYTES);
        assertThat(message.port()).isBetween(1, 65535);
        assertThat(message.infoHashes())
                .isNotEmpty()
                .hasSizeLessThanOrEqualTo(LsdMessage.MAX_INFOHASHES)
                .doesNotHaveDuplicates();
        message.cookie()
                .ifPresent(c ->
                        assertThat(c).hasSizeBetween(1, LsdMessage.MAX_COOKIE).matches("[\\x21-\\x7e]+"));

        // Re-announcing what we heard, the way we announce (batches): every message fits, parses back to itself,
        // and together they name the same torrents in the same order.
        List<InfoHash> announced = new ArrayList<>();
        for (LsdMessage batch :
                LsdMessage.batches(message.group(), message.port(), message.infoHashes(), message.cookie())) {
            byte[] wire = batch.encode();
            assertThat(wire.length).isLessThanOrEqualTo(LsdMessage.MAX_BYTES);
            assertThat(LsdMessage.parse(wire)).isEqualTo(batch);
            assertThat(LsdMessage.parse(wire).encode()).isEqualTo(wire);
            announced.addAll(batch.infoHashes());
        }
        assertThat(announced).isEqualTo(message.infoHashes());
        // The canonical form of the message itself may outgrow MAX_BYTES (CRLF and "Name: " where the sender
        // wrote LF and "Name:"; encode() documents this); when it fits, it round-trips too.
        byte[] canonical = message.encode();
        if (canonical.length <= LsdMessage.MAX_BYTES)
            assertThat(LsdMessage.parse(canonical)).isEqualTo(message);
    }
}
