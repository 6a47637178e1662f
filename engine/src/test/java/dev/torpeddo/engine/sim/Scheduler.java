package dev.torpeddo.engine.sim;

import java.time.Duration;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Virtual time for a simulation. Everything the engine waits for in a simulated world — a timer, bytes on a
 * simulated socket, a wake-up — is a {@link Signal} under one lock, and virtual time moves only when the
 * engine has gone idle. Then the clock jumps to the next timer, so a minute of a swarm's life costs only the
 * work done in it, however slow or loaded the machine.
 *
 * <p>The rule: idle is never declared while a thread of the simulation could still make progress without
 * virtual time moving. The simulation's threads are {@link #threads}: every thread the engine starts (its
 * {@code Environment} makes them all) and every one the test starts in the simulated world. Idle means none
 * of them is runnable, over three looks with nothing touching the simulation in between. A thread blocked on
 * a lock or monitor, or waiting on a queue, is not runnable; whoever holds what it waits for is one of these
 * threads and runnable (so not idle), or waiting itself, and then only virtual time can move things on. A
 * thread waiting on real time (a join with a timeout) counts as idle: in a simulation everything it waits
 * for happens in virtual time. The test's driver thread, which calls {@link #step}, holds nothing meanwhile.
 */
final class Scheduler {
    /** Virtual time starts here, as a real nanoTime would be somewhere positive. */
    static final long START_NANOS = 1_000_000_000L;
    /** Real time between two looks at the simulation's threads. */
    private static final long QUIET_CHECK_NANOS = 50_000;
    /** Real time the engine may stay busy at one instant of virtual time before the test fails. */
    private static final Duration BUSY_LIMIT = Duration.ofSeconds(30);
    /** Consecutive idle looks needed before time moves. */
    private static final int QUIET_CHECKS = 3;
    /**
     * At most this much virtual time per unit of real time spent waiting for the engine to go idle. A safety
     * net: a look reads the threads' states one after the other, not at one instant, so a hand-over between
     * two threads (one wakes the other, already passed, and waits) can slip through one look, and in theory
     * through three; a wrong "idle" then costs a few milliseconds of virtual time instead of a jump to the
     * next timer.
     */
    private static final long MAX_SPEEDUP = 100;

    final ReentrantLock lock = new ReentrantLock();
    private final long quantumNanos;
    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    final SimThreads threads = new SimThreads();

    private final AtomicLong activity = new AtomicLong();
    private volatile long now = START_NANOS;
    private long sequence;
    private long lastStepRealNanos = System.nanoTime();

    /**
     * @param quantum timers are fired in batches: the clock moves in steps of this size, so that a busy swarm
     *     takes a bounded number of steps per virtual second
     */
    Scheduler(Duration quantum) {
        this.quantumNanos = Math.max(1, quantum.toNanos());
    }

    long now() {
        return now;
    }

    /** Something happened in the simulation: the engine is not quiet. */
    void touch() {
        activity.incrementAndGet();
    }

    /** Runs {@code action} under the lock when virtual time reaches {@code at}. Call with the lock held. */
    Timer at(long at, Runnable action) {
        Timer t = new Timer(Math.max(at, now), sequence++, action);
        timers.add(t);
        return t;
    }

    /** A one-off event in the future, from any thread. */
    void schedule(Duration after, Runnable action) {
        lock.lock();
        try {
            at(now + after.toNanos(), action);
            touch();
        } finally {
            lock.unlock();
        }
    }

    Signal newSignal() {
        return new Signal();
    }

    /** Blocks the calling thread until virtual time reaches {@code deadline}. */
    void sleepUntil(long deadline) throws InterruptedException {
        Signal s = new Signal();
        lock.lock();
        try {
            while (now < deadline) s.await(deadline);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits (real time, on the calling driver thread) until the engine is quiet, then moves virtual time to
     * the next timer, rounded up to the quantum but not past {@code limit}, and fires every timer due.
     *
     * @return false when virtual time has reached {@code limit}
     */
    boolean step(long limit) {
        settle();
        long real = System.nanoTime();
        long allowance = Math.max(quantumNanos, (real - lastStepRealNanos) * MAX_SPEEDUP);
        lastStepRealNanos = real;
        lock.lock();
        try {
            if (now >= limit) return false;
            Timer next;
            while ((next = timers.peek()) != null && next.cancelled) timers.poll();
            long target = next == null ? limit : Math.min(limit, Math.ceilDiv(next.at, quantumNanos) * quantumNanos);
            now = Math.max(now, Math.min(target, now + allowance));
            for (Timer t; (t = timers.peek()) != null && t.at <= now; ) {
                timers.poll();
                if (!t.cancelled) t.action.run();
            }
            touch();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns once none of the simulation's threads is runnable and nothing touched the simulation over
     * {@link #QUIET_CHECKS} looks.
     *
     * @throws AssertionError naming the busy threads if the engine has not been idle for {@link #BUSY_LIMIT}
     *     of real time: a thread spinning for ever would otherwise hang the test
     */
    void settle() {
        int quiet = 0;
        long seen = activity.get();
        long giveUp = System.nanoTime() + BUSY_LIMIT.toNanos();
        while (quiet < QUIET_CHECKS) {
            if (System.nanoTime() > giveUp) {
                StringBuilder busy = new StringBuilder();
                threads.running()
                        .forEach(t -> busy.append("\n  ")
                                .append(t)
                                .append(t.getStackTrace().length > 0 ? " at " + t.getStackTrace()[0] : ""));
                throw new AssertionError("the engine never went idle in " + BUSY_LIMIT + "; running:" + busy);
            }
            LockSupport.parkNanos(QUIET_CHECK_NANOS);
            long current = activity.get();
            if (current == seen && !threads.anyRunning()) {
                quiet++;
            } else {
                quiet = 0;
                seen = current;
            }
        }
    }

    /** A timer; cancelled ones stay queued until they come up. */
    static final class Timer implements Comparable<Timer> {
        final long at;
        private final long sequence;
        private final Runnable action;
        boolean cancelled;

        private Timer(long at, long sequence, Runnable action) {
            this.at = at;
            this.sequence = sequence;
            this.action = action;
        }

        @Override
        public int compareTo(Timer o) {
            int c = Long.compare(at, o.at);
            return c != 0 ? c : Long.compare(sequence, o.sequence);
        }
    }

    /** A condition on the scheduler's lock. */
    final class Signal {
        private final Condition condition = lock.newCondition();
        private int waiters;

        /** Wakes every waiter. Call with the lock held. */
        void signalAll() {
            if (waiters == 0) return;
            touch();
            condition.signalAll();
        }

        /**
         * Waits until signalled or until virtual time reaches {@code deadline} ({@link Long#MAX_VALUE}: no
         * limit). Returns without waiting if the deadline has passed. Callers loop on their own condition.
         * Call with the lock held.
         */
        @SuppressWarnings("WaitNotInLoop") // every caller loops on its own condition, as the contract says
        void await(long deadline) throws InterruptedException {
            if (now >= deadline) return;
            Timer timer = deadline == Long.MAX_VALUE ? null : at(deadline, this::signalAll);
            waiters++;
            touch();
            try {
                condition.await();
            } finally {
                waiters--;
                if (timer != null) timer.cancelled = true;
                touch();
            }
        }
    }
}
