package dev.torpeddo.engine.bandwidth;

import dev.torpeddo.engine.internal.Clock;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * A token bucket: at most {@link #rate()} bytes per second, shared by many connections, each through a
 * {@link Share} of its own, and changeable at any time ({@link #setRate}; 0 means unlimited).
 *
 * <p>Fairness: a turn grants at most a quantum (20 ms of the rate, at most 128 KiB), sized when the turn
 * comes. Waiting turns are served in the order of how many bytes their share has had while it was busy
 * (start-time fair queueing): saturated shares get equal bytes whatever sizes they ask for, and a share
 * that wants less than its part, or just came back from idling, goes first (max-min fair). Idle time earns
 * at most a quantum of credit, so that a thread that wakes late does not lose its place.
 *
 * <p>Accuracy: the bucket holds at most 100 ms of the rate, so once running a busy limiter passes its rate
 * within about 2 % over any 5-second window, at any rate from a few bytes to gigabytes per second (the
 * quantum and the burst both shrink with the rate).
 *
 * <p>Without a limit {@link Share#acquire} reads one volatile field: no lock, no allocation. Waiting goes
 * through the {@link Clock} in steps of at most 100 ms, so a waiting share notices a new rate within that
 * time; turns not yet served are sized by the new rate.
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

    /** A turn waiting to be served. */
    private static final class Waiter {
        final Share share;
        final int wanted;
        final long start; // the share's bytes so far, on the limiter's virtual clock
        final long arrival; // ties go to the first to ask
        int granted;

        Waiter(Share share, int wanted, long start, long arrival) {
            this.share = share;
            this.wanted = wanted;
            this.start = start;
            this.arrival = arrival;
        }
    }

    private static final Comparator<Waiter> SERVICE_ORDER =
            Comparator.<Waiter>comparingLong(w -> w.start).thenComparingLong(w -> w.arrival);

    private final Clock clock;
    private volatile long rate;
    // The rest is guarded by this.
    private final PriorityQueue<Waiter> queue = new PriorityQueue<>(SERVICE_ORDER);
    private long tokens; // at most a burst; below zero after a charge
    private long carry; // a fraction of a token earned, in byte-nanoseconds (below one token)
    private long lastNanos;
    private int quantum;
    private long burst;
    // The latest start of a turn served: near where a share back from idling starts. It never moves back: a share
    // served at once with its quantum of credit would otherwise pull it back a quantum, and each newcomer after
    // it would start a quantum earlier still, beyond the one quantum of credit.
    private long virtualTime;
    private long arrivals;

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

    /** A new share for one connection (one direction), used by one thread at a time. */
    public Share newShare() {
        return new Share();
    }

    /** One connection's claim on this limiter, which remembers how much it has had for fair turns. */
    public final class Share {
        // Guarded by the limiter: where this share's last turn ended on the virtual clock.
        private long finish;

        private Share() {}

        /** The limiter this is a share of. */
        RateLimiter limiter() {
            return RateLimiter.this;
        }

        /**
         * Waits for this share's turn and grants between 1 and {@code wanted} bytes (at most a quantum).
         * Give back what you then do not use.
         *
         * @throws InterruptedException if interrupted while waiting (nothing is then granted)
         */
        public int acquire(int wanted) throws InterruptedException {
            if (wanted < 1) throw new IllegalArgumentException("wanted " + wanted);
            if (rate == UNLIMITED) return wanted;
            return RateLimiter.this.acquire(this, wanted);
        }

        /** Returns granted bytes that were not used, for the next turns. */
        public void giveBack(int unused) {
            if (unused <= 0 || rate == UNLIMITED) return;
            synchronized (RateLimiter.this) {
                accrue(clock.nanoTime());
                tokens = Math.min(burst, tokens + unused);
                finish -= unused;
            }
        }

        /**
         * Counts bytes used without waiting (read while no limit was set, say): later turns wait until they
         * are paid for.
         */
        public void charge(long used) {
            if (used <= 0 || rate == UNLIMITED) return;
            synchronized (RateLimiter.this) {
                accrue(clock.nanoTime());
                tokens -= used;
                finish = Math.max(finish, virtualTime - quantum) + used;
            }
        }
    }

    private int acquire(Share share, int wanted) throws InterruptedException {
        Waiter me;
        long wait;
        synchronized (this) {
            if (rate == UNLIMITED) return wanted;
            accrue(clock.nanoTime());
            // A share back from idling (or from a late wake-up) keeps at most a quantum of credit.
            long start = Math.max(virtualTime - quantum, share.finish);
            int turn = Math.min(wanted, quantum);
            if (queue.isEmpty() && tokens >= turn) {
                tokens -= turn;
                virtualTime = Math.max(virtualTime, start);
                share.finish = start + turn;
                return turn;
            }
            me = new Waiter(share, wanted, start, arrivals++);
            queue.add(me);
            serve();
            if (me.granted > 0) return me.granted;
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
                if (me.granted > 0) {
                    tokens = Math.min(burst, tokens + me.granted);
                    share.finish -= me.granted;
                } else {
                    queue.remove(me);
                }
            }
            throw e;
        }
    }

    /** Grants turns in service order while the tokens cover them. */
    private void serve() {
        long r = rate;
        for (Waiter head; (head = queue.peek()) != null; queue.poll()) {
            int turn = r == UNLIMITED ? head.wanted : Math.min(head.wanted, quantum);
            if (r != UNLIMITED) {
                if (tokens < turn) return;
                tokens -= turn;
            }
            head.granted = turn;
            virtualTime = Math.max(virtualTime, head.start);
            head.share.finish = head.start + turn;
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

    /** A hint for how long to sleep: the turns to be served before this one and its own, less the tokens. */
    private long nanosUntilServed(Waiter me) {
        long r = rate;
        if (r == UNLIMITED) return 0;
        long ahead = 0;
        for (Waiter w : queue) {
            if (SERVICE_ORDER.compare(w, me) <= 0) ahead += Math.min(w.wanted, quantum);
        }
        double missing = (double) (ahead - tokens) * NANOS_PER_SECOND - carry;
        return Math.max(1, (long) Math.ceil(missing / r));
    }
}
