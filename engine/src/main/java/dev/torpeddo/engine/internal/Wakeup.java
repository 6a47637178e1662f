package dev.torpeddo.engine.internal;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Something a thread waits on for at most a time on its {@link Clock}, until another thread signals it: the
 * heartbeats' "half a second, or sooner when there is news". A signal given while nobody waits is kept for
 * the next wait, so a wake-up is never lost between deciding to wait and waiting. Made by
 * {@link Clock#newWakeup()}, so that a simulated clock can run such waits in virtual time.
 */
public interface Wakeup {

    /**
     * Waits until signalled or until {@code nanos} have passed on the clock, and clears the signal.
     *
     * @return whether it was signalled (rather than timed out)
     */
    boolean await(long nanos) throws InterruptedException;

    /** Wakes the waiting thread, or the next one to wait. */
    void signal();

    /** A wake-up on real time. */
    static Wakeup real() {
        Semaphore permits = new Semaphore(0);
        return new Wakeup() {
            @Override
            public boolean await(long nanos) throws InterruptedException {
                if (!permits.tryAcquire(Math.max(0, nanos), TimeUnit.NANOSECONDS)) return false;
                permits.drainPermits();
                return true;
            }

            @Override
            public void signal() {
                permits.release();
            }
        };
    }
}
