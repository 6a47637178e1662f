package dev.torpeddo.engine.bandwidth;

import dev.torpeddo.engine.internal.Clock;
import java.util.ArrayDeque;

/**
 * A token bucket: at most {@link #rate()} bytes per second, shared by every thread that draws from it, and
 * changeable at any time ({@link #setRate}; 0 means unlimited).
 *
 * <p>Fairness: callers that cannot be served at once queue in the order they asked, and each turn grants at
 * most a quantum (20 ms of the rate, at most 128 KiB), sized when the turn comes. So threads that always
 * want a quantum or more get equal shares, and one that wants little gets it after at most one quantum of
 * each caller ahead of it (max-min fair by turns).
 *
 * <p>Accuracy: the bucket holds at most 100 ms of the rate, so once running a busy limiter passes its rate
 * within about 2 % over any 5-second window, at any rate from a few bytes to gigabytes per second (the
 * quantum and the burst both shrink with the rate).
 *
 * <p>Without a limit {@link #acquire} reads one volatile field: no lock, no allocation. Waiting goes through
 * the {@link Clock} in steps of at most 100 ms, so a waiting caller notices a new rate within that time;
 * turns not yet served are sized by the new rate.
 */
public final class RateLimiter {
    /** The rate that means no limit. */
    public static final long UNLIMITED = 0;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long NANOS_PER_MILLI = 1_000_000L;
    // A quantum is 1/50 s of the rate: small enough for fair turns, large enough for few wake-ups.
    private static final int QUANTA_PER_SECOND = 50;
    private static final int MAX_QUANTUM = 128 * 1024;
    // The bucket holds 1/10 s of the rate: 2 % of a 5-second window, yet room for a waiter that wakes late.
    private static final int BURSTS_PER_SECOND = 10;
    private static final long MAX_SLEEP_MILLIS = 100;

    /** A caller waiting for its turn. */
    private static final class Waiter {
        final int wanted;
        // Where this turn ends in the queue's expected bytes: only a hint for how long to sleep.
        final long expectedEnd;
        int granted;

        Waiter(int wanted, long expectedEnd) {
            this.wanted = wanted;
            this.expectedEnd = expectedEnd;
        }
    }

    private final Clock clock;
    private volatile long rate;
    // The rest is guarded by this.
    private final ArrayDeque<Waiter> queue = new ArrayDeque<>();
    private long tokens; // at most a burst; below zero after a charge
    private long carry; // a fraction of a token earned, in byte-nanoseconds (below one token)
    private long lastNanos;
    private int quantum;
    private long burst;
    private long expectedQueued; // expected bytes of every turn queued so far
    private long expectedServed; // expected bytes of every turn served so far

    /** A limiter without a limit (yet). */
    public RateLimiter(Clock clock) {
        this(clock, UNLIMITED);
    }

    /** A limiter of {@code bytesPerSecond} (0: unlimited), starting with a full bucket. */
    public RateLimiter(Clock clock, long bytesPerSecond) {
        this.clock = clock;
        setRate(bytesPerSecond);
    }

    /** Bytes per second, or {@link #UNLIMITED}. */
    public long rate() {
        return rate;
    }

    boolean isUnlimited() {
        return rate == UNLIMITED;
    }

    /**
     * Sets the rate (0: unlimited), taking effect at once: tokens earned so far were earned at the old rate,
     * those from now on at the new one. Going from unlimited to a limit starts with a full bucket.
     *
     * @throws IllegalArgumentException if the rate is negative
     */
    public synchronized void setRate(long bytesPerSecond) {
        if (bytesPerSecond < 0) throw new IllegalArgumentException("negative rate: " + bytesPerSecond);
        long now = clock.nanoTime();
        long old = rate;
        if (old != UNLIMITED) accrue(now);
        lastNanos = now;
        carry = 0;
        if (bytesPerSecond != UNLIMITED) {
            quantum = (int) Math.max(1, Math.min(MAX_QUANTUM, bytesPerSecond / QUANTA_PER_SECOND));
            burst = Math.max(quantum, bytesPerSecond / BURSTS_PER_SECOND);
            tokens = old == UNLIMITED ? burst : Math.min(tokens, burst);
        }
        rate = bytesPerSecond;
    }

    /**
     * Waits for this caller's turn and grants between 1 and {@code wanted} bytes (at most a quantum). Give
     * back what you then do not use.
     *
     * @throws InterruptedException if interrupted while waiting (nothing is then granted)
     */
    public int acquire(int wanted) throws InterruptedException {
        if (wanted < 1) throw new IllegalArgumentException("wanted " + wanted);
        if (rate == UNLIMITED) return wanted;
        Waiter me;
        long wait;
        synchronized (this) {
            if (rate == UNLIMITED) return wanted;
            accrue(clock.nanoTime());
            int turn = Math.min(wanted, quantum);
            if (queue.isEmpty() && tokens >= turn) {
                tokens -= turn;
                return turn;
            }
            expectedQueued += turn;
            me = new Waiter(wanted, expectedQueued);
            queue.add(me);
            wait = nanosUntilServed(me);
        }
        try {
            while (true) {
                clock.sleepMillis(Math.min(MAX_SLEEP_MILLIS, Math.ceilDiv(wait, NANOS_PER_MILLI)));
                synchronized (this) {
                    accrue(clock.nanoTime());
                    serve();
                    if (me.granted > 0) return me.granted;
                    wait = nanosUntilServed(me);
                }
            }
        } catch (InterruptedException e) {
            synchronized (this) {
                if (me.granted > 0) tokens = Math.min(burst, tokens + me.granted);
                else queue.remove(me);
            }
            throw e;
        }
    }

    /** Returns granted bytes that were not used, for the next callers. */
    public void giveBack(int unused) {
        if (unused <= 0 || rate == UNLIMITED) return;
        synchronized (this) {
            accrue(clock.nanoTime());
            tokens = Math.min(burst, tokens + unused);
        }
    }

    /**
     * Counts bytes used without waiting (read while no limit was set, say): later callers wait until they
     * are paid for.
     */
    public void charge(long used) {
        if (used <= 0 || rate == UNLIMITED) return;
        synchronized (this) {
            accrue(clock.nanoTime());
            tokens -= used;
        }
    }

    /** Grants turns from the head of the queue while the tokens cover them. */
    private void serve() {
        long r = rate;
        for (Waiter head; (head = queue.peek()) != null; queue.poll()) {
            int turn = r == UNLIMITED ? head.wanted : Math.min(head.wanted, quantum);
            if (r != UNLIMITED) {
                if (tokens < turn) return;
                tokens -= turn;
            }
            head.granted = turn;
            expectedServed = head.expectedEnd;
        }
    }

    private void accrue(long now) {
        long elapsed = now - lastNanos;
        if (elapsed <= 0) return;
        lastNanos = now;
        long r = rate;
        long product = elapsed * r;
        if (tokens >= burst) {
            carry = 0;
            return;
        }
        if (Math.multiplyHigh(elapsed, r) != 0 || product < 0 || product > Long.MAX_VALUE - carry) {
            tokens = burst; // so long that the bucket is full whatever it held
            carry = 0;
            return;
        }
        long total = product + carry;
        tokens += total / NANOS_PER_SECOND;
        carry = total % NANOS_PER_SECOND;
        if (tokens >= burst) {
            tokens = burst;
            carry = 0;
        }
    }

    /** A hint for how long to sleep: exact for the head of the queue, an estimate behind it. */
    private long nanosUntilServed(Waiter w) {
        long r = rate;
        if (r == UNLIMITED) return 0;
        long ahead = queue.peek() == w ? Math.min(w.wanted, quantum) : w.expectedEnd - expectedServed;
        double missing = (double) (ahead - tokens) * NANOS_PER_SECOND - carry;
        return Math.max(1, (long) Math.ceil(missing / r));
    }
}
