package dev.torpeddo.engine.wire.ext;

import dev.torpeddo.engine.internal.Clock;
import java.time.Duration;

/** A clock that only moves when a test advances it. */
final class TestClock implements Clock {
    private long nanos = 5_000_000_000L;

    void advance(Duration d) {
        nanos += d.toNanos();
    }

    @Override
    public long nanoTime() {
        return nanos;
    }

    @Override
    public void sleepMillis(long millis) {
        advance(Duration.ofMillis(millis));
    }
}
