package dev.torpeddo.engine.tracker;

import java.time.Duration;

/**
 * How long a {@link UdpTracker} waits for each reply and how often it retransmits. BEP 15 waits 15·2ⁿ seconds for
 * up to 9 attempts (over an hour); the default stops after 3 (105 s in total) so a dead tracker does not hold up the
 * next one in its tier that long.
 *
 * @param baseTimeout wait for the first attempt; each retransmission doubles it
 * @param maxAttempts attempts per request, at least 1
 */
public record UdpRetryPolicy(Duration baseTimeout, int maxAttempts) {
    public static final UdpRetryPolicy DEFAULT = new UdpRetryPolicy(Duration.ofSeconds(15), 3);

    public UdpRetryPolicy {
        if (baseTimeout.isNegative() || baseTimeout.isZero()) throw new IllegalArgumentException("timeout must be > 0");
        if (maxAttempts < 1 || maxAttempts > 9) throw new IllegalArgumentException("attempts must be 1..9");
    }

    /** The wait for attempt {@code n}, counting from 0. */
    public Duration timeout(int n) {
        return baseTimeout.multipliedBy(1L << n);
    }
}
