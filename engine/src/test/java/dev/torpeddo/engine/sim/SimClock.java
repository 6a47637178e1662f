package dev.torpeddo.engine.sim;

import dev.torpeddo.engine.internal.Clock;
import dev.torpeddo.engine.internal.Wakeup;

/** The engine's clock in a simulation: virtual time, with sleeps and wake-ups that wait in it. */
final class SimClock implements Clock {
    /** Wall-clock seconds at virtual time zero, fixed so that dates in resume records repeat too. */
    private static final long EPOCH_SECONDS_AT_START = 1_800_000_000L;

    private final Scheduler scheduler;

    SimClock(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public long nanoTime() {
        return scheduler.now();
    }

    @Override
    public long epochSeconds() {
        return EPOCH_SECONDS_AT_START + (scheduler.now() - Scheduler.START_NANOS) / 1_000_000_000L;
    }

    @Override
    public void sleepMillis(long millis) throws InterruptedException {
        if (millis <= 0) return;
        scheduler.sleepUntil(scheduler.now() + millis * 1_000_000L);
    }

    @Override
    public Wakeup newWakeup() {
        Scheduler.Signal signal = scheduler.newSignal();
        return new Wakeup() {
            private boolean signalled; // guarded by the scheduler's lock

            @Override
            public boolean await(long nanos) throws InterruptedException {
                scheduler.lock.lock();
                try {
                    long deadline = scheduler.now() + Math.max(0, nanos);
                    while (!signalled && scheduler.now() < deadline) signal.await(deadline);
                    boolean was = signalled;
                    signalled = false;
                    return was;
                } finally {
                    scheduler.lock.unlock();
                }
            }

            @Override
            public void signal() {
                scheduler.lock.lock();
                try {
                    signalled = true;
                    signal.signalAll();
                } finally {
                    scheduler.lock.unlock();
                }
            }
        };
    }
}
