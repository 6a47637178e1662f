package dev.torpeddo.engine.bandwidth;

import dev.torpeddo.engine.internal.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Simulated time for several threads: it stands still while any participant runs and, once all of them
 * sleep, jumps to the earliest wake-up. Real threads contend for real locks, yet no assertion depends on
 * the machine's speed. Participants must block only in {@link #sleepMillis} (or briefly on locks). One sleep in
 * four may last up to a few milliseconds longer than asked, at random, as a busy scheduler makes it.
 */
final class SimulatedClock implements Clock {
    /** A participant's body. */
    interface Task {
        void run() throws Exception;
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition advanced = lock.newCondition();
    private final PriorityQueue<Long> wakeUps = new PriorityQueue<>();
    private final SplittableRandom random;
    private final int lateMillis;
    private long now = 1_000_000_000L;
    private int running;

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
    public void sleepMillis(long millis) throws InterruptedException {
        if (millis <= 0) return;
        lock.lock();
        try {
            long late = lateMillis == 0 || random.nextInt(4) > 0 ? 0 : 1 + random.nextInt(lateMillis);
            long wake = now + (millis + late) * 1_000_000L;
            wakeUps.add(wake);
            running--;
            if (running == 0) advance();
            while (now < wake) advanced.await();
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
            running += tasks.size();
        } finally {
            lock.unlock();
        }
        for (Task t : tasks) {
            threads.add(Thread.ofPlatform().daemon().start(() -> {
                try {
                    t.run();
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    finished();
                }
            }));
        }
        for (Thread t : threads) t.join();
        if (failure.get() instanceof Exception e) throw e;
        if (failure.get() instanceof Error e) throw e;
    }

    private void finished() {
        lock.lock();
        try {
            running--;
            if (running == 0 && !wakeUps.isEmpty()) advance();
        } finally {
            lock.unlock();
        }
    }

    /** Moves to the earliest wake-up; the sleepers due then count as running before they even wake. */
    private void advance() {
        now = wakeUps.peek();
        while (!wakeUps.isEmpty() && wakeUps.peek() <= now) {
            wakeUps.poll();
            running++;
        }
        advanced.signalAll();
    }
}
