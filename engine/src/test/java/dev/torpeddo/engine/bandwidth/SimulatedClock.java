package dev.torpeddo.engine.bandwidth;

import dev.torpeddo.engine.internal.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Simulated time for several threads, run one at a time: time stands still while a participant runs and, once
 * it sleeps, the clock jumps to the earliest wake-up and hands over to that sleeper. Participants woken at the
 * same instant take their turns in an order drawn from the seed, as a scheduler might pick them; so a run is
 * a function of its seed alone, never of the machine's speed or load, and a failure replays. Participants must
 * block only in {@link #sleepMillis} (never while holding a lock another participant needs). One sleep in four
 * may last up to a few milliseconds longer than asked, at random, as a busy scheduler makes it.
 */
final class SimulatedClock implements Clock {
    /** A participant's body. */
    interface Task {
        void run() throws Exception;
    }

    /** A participant waiting for its turn, which {@code turn} signals: due at {@code at}, ties broken by rank. */
    private record WakeUp(long at, long rank, Condition turn) {}

    private final ReentrantLock lock = new ReentrantLock();
    private final PriorityQueue<WakeUp> wakeUps =
            new PriorityQueue<>(Comparator.comparingLong(WakeUp::at).thenComparingLong(WakeUp::rank));
    private final SplittableRandom random;
    private final int lateMillis;
    private long now = 1_000_000_000L;
    private WakeUp current; // the one participant allowed to run; null before the run and after it

    /** Sleeps last exactly what they ask. */
    SimulatedClock() {
        this(0, 0);
    }

    /** One sleep in four lasts up to {@code lateMillis} longer than it asks, at random. */
    SimulatedClock(long seed, int lateMillis) {
        this.random = new SplittableRandom(seed);
        this.lateMillis = lateMillis;
    }

    @Override
    public long nanoTime() {
        lock.lock();
        try {
            return now;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void sleepMillis(long millis) {
        if (millis <= 0) return;
        lock.lock();
        try {
            long late = lateMillis == 0 || random.nextInt(4) > 0 ? 0 : 1 + random.nextInt(lateMillis);
            WakeUp me = enqueue(now + (millis + late) * 1_000_000L);
            handOver();
            awaitTurn(me);
        } finally {
            lock.unlock();
        }
    }

    /** Lets another participant due now run first, perhaps: where a busy scheduler might switch threads. */
    void yieldTurn() {
        lock.lock();
        try {
            WakeUp me = enqueue(now);
            handOver();
            awaitTurn(me);
        } finally {
            lock.unlock();
        }
    }

    /** Runs the tasks as participants, from the current time, until every one has returned. */
    void run(List<Task> tasks) throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        lock.lock();
        try {
            for (Task t : tasks) {
                WakeUp start = enqueue(now);
                threads.add(Thread.ofPlatform().daemon().start(() -> {
                    try {
                        lock.lock();
                        try {
                            awaitTurn(start);
                        } finally {
                            lock.unlock();
                        }
                        t.run();
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    } finally {
                        finished();
                    }
                }));
            }
            handOver();
        } finally {
            lock.unlock();
        }
        for (Thread t : threads) t.join();
        if (failure.get() instanceof Exception e) throw e;
        if (failure.get() instanceof Error e) throw e;
    }

    private WakeUp enqueue(long at) {
        WakeUp w = new WakeUp(at, random.nextLong(), lock.newCondition());
        wakeUps.add(w);
        return w;
    }

    // Uninterruptible: a participant that left the queue early would break the hand-overs.
    private void awaitTurn(WakeUp me) {
        while (!me.equals(current)) me.turn().awaitUninterruptibly();
    }

    private void finished() {
        lock.lock();
        try {
            handOver();
        } finally {
            lock.unlock();
        }
    }

    /** Moves to the earliest wake-up and lets that participant, and only it, run. */
    private void handOver() {
        current = wakeUps.poll();
        if (current == null) return;
        now = current.at();
        current.turn().signal();
    }
}
