package dev.torpeddo.engine.dht;

import dev.torpeddo.engine.internal.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that only moves when a test advances it. */
final class ManualClock implements Clock {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    @Override
    public long nanoTime() {
        return nanos.get();
    }

    @Override
    public void sleepMillis(long millis) {
        advance(Duration.ofMillis(millis));
    }
}
