package dev.torpeddo.engine.bencode;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.torpeddo.engine.fuzz.FuzzChecks;
import dev.torpeddo.engine.fuzz.FuzzChecks.Outcome;

/**
 * Fuzz target for the bencode decoder, the first thing every .torrent file, tracker reply, DHT packet and
 * extension message goes through. Seeds and regression inputs: BDecoderFuzzTestInputs/decode.
 */
class BDecoderFuzzTest {
    /** Small limits, so that the fuzzer reaches them with short inputs. */
    private static final BencodeLimits LIMITS = new BencodeLimits(16, 512, 256, 4096);

    private static final BDecoder DECODER = new BDecoder(LIMITS);

    @FuzzTest
    void decode(byte[] input) throws BencodeException {
        Outcome<BValue> outcome = FuzzChecks.parse(input.length, () -> DECODER.decode(input), BencodeException.class);
        if (!(outcome instanceof Outcome.Parsed<BValue>(BValue value))) return;

        assertWithinLimits(value, 1);
        // Canonical re-encoding decodes to the same value; and to the same bytes when the input was canonical.
        byte[] canonical = BEncoder.encode(value);
        assertThat(BDecoder.DEFAULT.decode(canonical)).isEqualTo(value);
        assertThat(BEncoder.encode(BDecoder.DEFAULT.decode(canonical))).isEqualTo(canonical);
        if (isSorted(value)) assertThat(canonical).isEqualTo(input);

        // locate() gives the raw span of what decode() produced for a key (this is how info-hashes are taken).
        if (value instanceof BDict dict) {
            for (var entry : dict.entries().entrySet()) {
                String key = entry.getKey().asUtf8();
                if (!BBytes.of(key).equals(entry.getKey())) continue; // locate() takes text keys
                ByteSpan span = DECODER.locate(input, key).orElseThrow();
                assertThat(BDecoder.DEFAULT.decode(span.copyOf(input))).isEqualTo(entry.getValue());
            }
        }
    }

    /** The decoder's limits hold for everything it returns; {@code depth} counts the enclosing containers. */
    private static int assertWithinLimits(BValue value, int depth) {
        int tokens = 1;
        switch (value) {
            case BInt i -> {}
            case BBytes b -> assertThat(b.length()).isLessThanOrEqualTo(LIMITS.maxStringLength());
            case BList l -> {
                assertThat(depth).isLessThanOrEqualTo(LIMITS.maxDepth());
                for (BValue v : l.items()) tokens += assertWithinLimits(v, depth + 1);
            }
            case BDict d -> {
                assertThat(depth).isLessThanOrEqualTo(LIMITS.maxDepth());
                for (var e : d.entries().entrySet()) {
                    tokens += assertWithinLimits(e.getKey(), depth + 1) + assertWithinLimits(e.getValue(), depth + 1);
                }
            }
        }
        assertThat(tokens).isLessThanOrEqualTo(LIMITS.maxTokens());
        return tokens;
    }

    private static boolean isSorted(BValue value) {
        return switch (value) {
            case BInt i -> true;
            case BBytes b -> true;
            case BList l -> l.items().stream().allMatch(BDecoderFuzzTest::isSorted);
            case BDict d -> {
                BBytes previous = null;
                for (var e : d.entries().entrySet()) {
                    if (previous != null && previous.compareTo(e.getKey()) >= 0) yield false;
                    if (!isSorted(e.getValue())) yield false;
                    previous = e.getKey();
                }
                yield true;
            }
        };
    }
}
