package dev.torpeddo.engine.dht;

import dev.torpeddo.engine.internal.Clock;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decides whether an incoming query gets an answer: each source IP has a fixed window of
 * {@link RateLimits#queriesPerIp()} queries, and all replies share a token bucket of
 * {@link RateLimits#repliesPerSecond()}. The per-IP table is bounded, so spoofed sources cost no memory;
 * forgetting an IP early only gives it a fresh window, and the global bucket still caps the total. Thread-safe.
 */
public final class QueryRateLimiter {
    private final RateLimits limits;
    private final Clock clock;
    private final Map<InetAddress, Window> windows;
    private double budget;
    private long budgetAt;

    public QueryRateLimiter(RateLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
        this.windows = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<InetAddress, Window> eldest) {
                return size() > limits.maxTrackedIps();
            }
        };
        this.budget = limits.repliesPerSecond();
        this.budgetAt = clock.nanoTime();
    }

    /** Whether a query from {@code source} may be answered now; counts it if so. */
    public synchronized boolean allow(InetAddress source) {
        long now = clock.nanoTime();
        Window w = windows.get(source);
        if (w == null || now - w.start >= limits.window().toNanos()) {
            w = new Window(now);
            windows.put(source, w);
        }
        if (w.count >= limits.queriesPerIp()) return false;
        refill(now);
        if (budget < 1) return false;
        budget -= 1;
        w.count++;
        return true;
    }

    private void refill(long now) {
        double perNano = limits.repliesPerSecond() / 1e9;
        budget = Math.min(limits.repliesPerSecond(), budget + (now - budgetAt) * perNano);
        budgetAt = now;
    }

    private static final class Window {
        final long start;
        int count;

        Window(long start) {
            this.start = start;
        }
    }
}
