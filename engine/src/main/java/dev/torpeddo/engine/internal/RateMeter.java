package dev.torpeddo.engine.internal;

/**
 * Bytes per second over a sliding window of one-second buckets. Thread-safe: the network thread adds while
 * status readers and the choker read.
 */
public final class RateMeter {
    private static final int BUCKETS = 5;
    private final Clock clock;
    private final long[] buckets = new long[BUCKETS];
    private long currentSecond;
    private long total;

    public RateMeter(Clock clock) {
        this.clock = clock;
        this.currentSecond = clock.millis() / 1000;
    }

    public synchronized void add(long bytes) {
        roll();
        buckets[(int) (currentSecond % BUCKETS)] += bytes;
        total += bytes;
    }

    /** The average rate over the last complete seconds of the window, in bytes per second. */
    public synchronized long rate() {
        roll();
        long sum = 0;
        for (int i = 1; i < BUCKETS; i++) sum += buckets[(int) ((currentSecond - i) % BUCKETS + BUCKETS) % BUCKETS];
        return sum / (BUCKETS - 1);
    }

    public synchronized long total() {
        return total;
    }

    private void roll() {
        long now = clock.millis() / 1000;
        if (now - currentSecond >= BUCKETS) {
            java.util.Arrays.fill(buckets, 0);
        } else {
            for (long s = currentSecond + 1; s <= now; s++) buckets[(int) (s % BUCKETS)] = 0;
        }
        currentSecond = Math.max(currentSecond, now);
    }
}
