package dev.torpeddo.engine.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.concurrent.Callable;

/**
 * Properties every fuzz target asserts besides its own: a parser of untrusted input fails only with its own
 * error type, and allocates in proportion to its input, never to a length the input merely claims.
 */
public final class FuzzChecks {
    /** Bytes a parser may allocate per input byte (objects, boxed values, copies) before it is suspicious. */
    public static final long BYTES_PER_INPUT_BYTE = 128;
    /** Fixed allowance on top: small inputs still build a few objects. */
    public static final long BASE_ALLOWANCE = 4L << 20;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private FuzzChecks() {}

    /** What a parse ended with: a value, or the parser's own refusal. */
    public sealed interface Outcome<T> {
        record Parsed<T>(T value) implements Outcome<T> {}

        record Refused<T>(Exception error) implements Outcome<T> {}
    }

    /**
     * Runs {@code parse} on an input of {@code inputLength} bytes, twice: it must be a pure function of its
     * input. Returns the value, or the exception if it is an {@code allowed} one (which must say why, for the
     * user); any other exception or error fails the target, as does allocating more than the input's share.
     */
    public static <T> Outcome<T> parse(int inputLength, Callable<T> parse, Class<? extends Exception> allowed) {
        Outcome<T> outcome = run(parse, allowed);
        // Measured on a second run: the first also pays for class loading and lambda linkage.
        long before = THREADS.getCurrentThreadAllocatedBytes();
        run(parse, allowed);
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated)
                .as("bytes allocated parsing %d input bytes", inputLength)
                .isLessThanOrEqualTo(BASE_ALLOWANCE + BYTES_PER_INPUT_BYTE * inputLength);
        return outcome;
    }

    private static <T> Outcome<T> run(Callable<T> parse, Class<? extends Exception> allowed) {
        try {
            return new Outcome.Parsed<>(parse.call());
        } catch (Exception e) {
            if (!allowed.isInstance(e)) throw new AssertionError("parser threw " + e + ", not its own error type", e);
            assertThat(e.getMessage()).as("a refusal says why").isNotBlank();
            return new Outcome.Refused<>(e);
        }
    }
}
