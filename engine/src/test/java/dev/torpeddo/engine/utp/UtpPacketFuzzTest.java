package dev.torpeddo.engine.utp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.torpeddo.engine.fuzz.FuzzChecks;
import dev.torpeddo.engine.fuzz.FuzzChecks.Outcome;
import java.nio.ByteBuffer;

/**
 * Fuzz target for uTP packet parsing, which any host can send to our UDP port. Whatever parses re-encodes to
 * a packet that parses to itself (unknown extensions dropped, selective ack kept).
 */
class UtpPacketFuzzTest {
    @FuzzTest
    void parse(byte[] input) {
        Outcome<UtpPacket> outcome =
                FuzzChecks.parse(input.length, () -> UtpPacket.parse(ByteBuffer.wrap(input)), UtpFormatException.class);
        if (!(outcome instanceof Outcome.Parsed<UtpPacket>(UtpPacket packet))) return;
        assertThat(input.length).isGreaterThanOrEqualTo(UtpPacket.HEADER);
        assertThat(packet.payload().length + packet.selectiveAck().length).isLessThanOrEqualTo(input.length);
        byte[] again = packet.encode();
        try {
            assertThat(UtpPacket.parse(ByteBuffer.wrap(again))).isEqualTo(packet);
        } catch (UtpFormatException e) {
            throw new AssertionError("re-encoded packet does not parse", e);
        }
    }
}
