package dev.torpeddo.engine.lsd;

import dev.torpeddo.engine.internal.Clock;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Lets each source address send a burst of messages, then one per interval (a token bucket kept as the time its
 * next message is due). The table of sources is bounded: idle ones are forgotten first, then the oldest.
 */
final class SourceRateLimiter {
    private final Clock clock;
    private final int burst;
    private final long intervalNanos;
    private final int maxSources;
    /** Per source, when its bucket will be full again; the source heard from least recently comes first. */
    private final Map<InetAddress, Long> fullAt = new LinkedHashMap<>();

    SourceRateLimiter(Clock clock, int burst, Duration interval, int maxSources) {
        this.clock = clock;
        this.burst = burst;
        this.intervalNanos = interval.toNanos();
        this.maxSources = maxSources;
    }

    /** Whether a message from {@code source} may pass now; counts it if so. */
    synchronized boolean allow(InetAddress source) {
        long now = clock.nanoTime();
        Long full = fullAt.remove(source);
        long start = full == null || full - now < 0 ? now : full;
        if (start - now > (burst - 1) * intervalNanos) {
            fullAt.put(source, full);
            return false;
        }
        if (fullAt.size() >= maxSources) evict(now);
        fullAt.put(source, start + intervalNanos);
        return true;
    }

    private void evict(long now) {
        fullAt.values().removeIf(full -> full - now <= 0);
        Iterator<Long> oldest = fullAt.values().iterator();
        while (fullAt.size() >= maxSources && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }

    synchronized int trackedSources() {
        return fullAt.size();
    }
}
