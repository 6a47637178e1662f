package dev.torpeddo.engine.internal;

/**
 * The engine's only source of time, so that tests can run timers deterministically. Monotonic: not the wall
 * clock.
 */
public interface Clock {
    /** Monotonic nanoseconds, comparable only with other values from the same clock. */
    long nanoTime();

    default long millis() {
        return nanoTime() / 1_000_000;
    }

    /** Wall-clock seconds since the epoch, for dates a user reads (added, completed); never for timing. */
    default long epochSeconds() {
        return System.currentTimeMillis() / 1000;
    }

    /** Sleeps for the given time on this clock (tests with a manual clock can return at once). */
    void sleepMillis(long millis) throws InterruptedException;

    /** A wake-up whose timed waits run on this clock; real time unless the clock is a simulation's. */
    default Wakeup newWakeup() {
        return Wakeup.real();
    }

    Clock SYSTEM = new Clock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleepMillis(long millis) throws InterruptedException {
            Thread.sleep(millis);
        }
    };
}
