package dev.torpeddo.engine.internal;

import java.util.concurrent.ThreadFactory;

/**
 * How the engine makes every thread it owns, so that a simulation can know each one of them (and so tell
 * cheaply when none can run). {@link #SYSTEM} makes the JDK's threads, as the engine always did.
 */
public interface Threads {
    /** Virtual threads named {@code name} ({@code ""}: unnamed), for one-off tasks and executors. */
    ThreadFactory virtual(String name);

    /** Platform daemon threads for a pool, named {@code prefix} followed by a counter from {@code start}. */
    ThreadFactory platformDaemons(String prefix, long start);

    /** Starts a virtual thread named {@code name} running {@code task}. */
    default Thread startVirtual(String name, Runnable task) {
        Thread t = virtual(name).newThread(task);
        t.start();
        return t;
    }

    Threads SYSTEM = new Threads() {
        @Override
        public ThreadFactory virtual(String name) {
            return Thread.ofVirtual().name(name).factory();
        }

        @Override
        public ThreadFactory platformDaemons(String prefix, long start) {
            return Thread.ofPlatform().daemon().name(prefix, start).factory();
        }
    };
}
