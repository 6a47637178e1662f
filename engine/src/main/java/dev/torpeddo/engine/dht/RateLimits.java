package dev.torpeddo.engine.dht;

import java.time.Duration;

/**
 * How many queries a DHT node answers, so that it cannot be used to flood a third party with replies
 * (amplification) nor be kept busy by one host.
 *
 * @param queriesPerIp queries answered from one IP address within {@code window}; the rest are dropped silently
 * @param window the per-IP counting window
 * @param maxTrackedIps how many source IPs are remembered at once (least recently active forgotten first)
 * @param repliesPerSecond replies sent in total per second, whatever the sources
 */
public record RateLimits(int queriesPerIp, Duration window, int maxTrackedIps, int repliesPerSecond) {
    public static final RateLimits DEFAULT = new RateLimits(20, Duration.ofSeconds(5), 10_000, 500);

    public RateLimits {
        if (queriesPerIp < 1 || maxTrackedIps < 1 || repliesPerSecond < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("rate limits must be positive");
        }
    }
}
