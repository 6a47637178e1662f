package dev.torpeddo.engine.sim;

import dev.torpeddo.engine.internal.Threads;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The threads of a simulation: every thread the engine starts (through its {@code Environment}) and every
 * one the test starts in the simulated world, so that the {@link Scheduler} can tell when none of them can
 * run by looking at these threads only.
 *
 * <p>All of them are virtual, the pools' "platform" threads too: a virtual thread that is woken (unparked,
 * or handed a monitor) shows as runnable the moment its waker wakes it, so no wake-up can hide between two
 * looks; a platform thread would show as waiting until the operating system runs it. Names stay the
 * engine's.
 */
final class SimThreads implements Threads {
    private final Set<Thread> live = ConcurrentHashMap.newKeySet();

    @Override
    public ThreadFactory virtual(String name) {
        return task -> track(Thread.ofVirtual().name(name), task);
    }

    @Override
    public ThreadFactory platformDaemons(String prefix, long start) {
        AtomicLong next = new AtomicLong(start);
        return task -> track(Thread.ofVirtual().name(prefix + next.getAndIncrement()), task);
    }

    private Thread track(Thread.Builder builder, Runnable task) {
        Thread[] self = new Thread[1];
        Thread t = builder.unstarted(() -> {
            try {
                task.run();
            } finally {
                live.remove(self[0]);
            }
        });
        self[0] = t;
        live.add(t);
        return t;
    }

    /**
     * Whether one of the threads is running or about to run. A thread made but not yet started does not
     * count: whoever made it is running until it starts it (an executor starts its threads at once).
     * Blocked and waiting threads do not count either: whatever holds what they wait for is either one of
     * these threads, and so running, or waiting itself, and then only virtual time can move things on.
     */
    boolean anyRunning() {
        for (Thread t : live) if (t.getState() == Thread.State.RUNNABLE) return true;
        return false;
    }

    /** The threads running or about to run, for a message. */
    Stream<Thread> running() {
        return live.stream().filter(t -> t.getState() == Thread.State.RUNNABLE);
    }

    /** Threads made and not yet finished. */
    int count() {
        return live.size();
    }
}
