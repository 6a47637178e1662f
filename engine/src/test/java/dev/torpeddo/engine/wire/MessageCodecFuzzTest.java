package dev.torpeddo.engine.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.torpeddo.engine.fuzz.FuzzChecks;
import dev.torpeddo.engine.fuzz.FuzzChecks.Outcome;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Fuzz target for peer-wire framing: {@link FrameReader} decodes everything a peer sends after the handshake,
 * {@link MessageCodec} encodes what we send. Seeds and regression inputs: MessageCodecFuzzTestInputs/readFrames
 * (crafted frames named for their defect, and a stream libtorrent 2.0.8 sent on loopback; see the README).
 */
class MessageCodecFuzzTest {
    /** The real block size; bitfields and extended messages smaller than by default, reachable by the fuzzer. */
    private static final WireLimits LIMITS = new WireLimits(WireLimits.BLOCK, 20_000, 64 * 1024);

    /** Reading may allocate one whole frame the input does not hold (the last, cut-off one), and no more. */
    private static final long ALLOCATION_SLACK = 64L * 1024 + LIMITS.maxFrameLength();

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @FuzzTest
    void readFrames(byte[] input) throws IOException {
        // Only WireException refuses; end of input (EOFException) just ends the stream.
        Outcome<List<Message>> outcome = FuzzChecks.parse(input.length, () -> readUntilEnd(input), WireException.class);

        Frames whole = readAll(new ByteArrayInputStream(input));
        assertThat(whole.refusal() != null).isEqualTo(outcome instanceof Outcome.Refused);
        // How the bytes arrive must not matter: TCP splits a stream anywhere.
        assertThat(readAll(new ChunkedStream(input))).isEqualTo(whole);

        // Canonical wire format: the messages re-encode to exactly the bytes they were read from, each
        // frameLength() long, so decode(encode(m)) == m as well.
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        for (Message m : whole.messages()) {
            assertWithinLimits(m);
            byte[] frame = MessageCodec.encode(m);
            assertThat(frame).hasSize(MessageCodec.frameLength(m));
            encoded.writeBytes(frame);
        }
        assertThat(whole.bytesRead()).isEqualTo(encoded.size());
        assertThat(encoded.toByteArray()).isEqualTo(Arrays.copyOf(input, encoded.size()));

        // A stream that ends is cut off inside a frame (or between frames): a complete frame is never EOF.
        if (whole.refusal() == null) {
            int remaining = input.length - encoded.size();
            if (remaining >= 4) {
                long claimed = Integer.toUnsignedLong(
                        ByteBuffer.wrap(input, encoded.size(), 4).getInt());
                assertThat(claimed).isGreaterThan(remaining - 4);
            }
        }

        // Stricter than FuzzChecks: a claimed length over the limit costs nothing, so reading allocates in
        // proportion to the input plus at most one (truncated) frame within the limits.
        long before = THREADS.getCurrentThreadAllocatedBytes();
        readAll(new ByteArrayInputStream(input));
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated)
                .as("bytes allocated reading %d input bytes", input.length)
                .isLessThanOrEqualTo(ALLOCATION_SLACK + FuzzChecks.BYTES_PER_INPUT_BYTE * input.length);
    }

    /** Every message FrameReader returns respects the limits it was given and the ranges of its fields. */
    private static void assertWithinLimits(Message m) {
        assertThat(MessageCodec.frameLength(m) - 4).isLessThanOrEqualTo(LIMITS.maxFrameLength());
        switch (m) {
            case Message.Bitfield b ->
                assertThat(b.bits().length).isLessThanOrEqualTo((LIMITS.maxPieceCount() + 7) / 8);
            case Message.Piece p -> assertThat(p.data().length).isLessThanOrEqualTo(LIMITS.maxBlockLength());
            case Message.Request r -> assertThat(r.length()).isBetween(1, LIMITS.maxBlockLength());
            case Message.Cancel c -> assertThat(c.length()).isBetween(1, LIMITS.maxBlockLength());
            case Message.Reject r -> assertThat(r.length()).isBetween(1, LIMITS.maxBlockLength());
            case Message.Port p -> assertThat(p.port()).isBetween(0, 0xffff);
            case Message.Extended e -> {
                assertThat(e.extendedId()).isBetween(0, 0xff);
                assertThat(e.payload().length).isLessThanOrEqualTo(LIMITS.maxExtendedLength());
            }
            default -> {}
        }
    }

    private static List<Message> readUntilEnd(byte[] input) throws IOException {
        FrameReader reader = new FrameReader(new ByteArrayInputStream(input), LIMITS);
        List<Message> messages = new ArrayList<>();
        try {
            while (true) messages.add(reader.read());
        } catch (EOFException end) {
            return messages;
        }
    }

    /**
     * What a peer's stream amounted to: the messages read, {@link FrameReader#bytesRead} after the last of them,
     * and the refusal that ended it (null if the stream just ended).
     */
    private record Frames(List<Message> messages, long bytesRead, String refusal) {}

    private static Frames readAll(InputStream in) throws IOException {
        FrameReader reader = new FrameReader(in, LIMITS);
        List<Message> messages = new ArrayList<>();
        long bytesRead = 0;
        try {
            while (true) {
                messages.add(reader.read());
                bytesRead = reader.bytesRead();
            }
        } catch (EOFException end) {
            return new Frames(messages, bytesRead, null);
        } catch (WireException refused) {
            return new Frames(messages, bytesRead, refused.getMessage());
        }
    }

    /** Delivers the input in pieces of random sizes (1 byte up), the same pieces for the same input. */
    private static final class ChunkedStream extends ByteArrayInputStream {
        private final Random sizes;

        ChunkedStream(byte[] input) {
            super(input);
            sizes = new Random(Arrays.hashCode(input));
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, 1 + sizes.nextInt(sizes.nextBoolean() ? 4 : 64)));
        }
    }
}
