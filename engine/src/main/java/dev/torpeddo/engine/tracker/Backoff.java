package dev.torpeddo.engine.tracker;

import java.time.Duration;

/** Exponential retry delays after consecutive failed announces: initial, 2·initial, 4·initial … up to a cap. */
record Backoff(Duration initial, Duration max) {
    Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max");
        }
    }

    /** The wait after {@code failures} consecutive failures, {@code failures >= 1}. */
    Duration delay(int failures) {
        int doublings = Math.min(Math.max(failures - 1, 0), 40); // 2^40 · anything positive exceeds any sane cap
        long nanos = initial.toNanos();
        for (int i = 0; i < doublings && nanos < max.toNanos(); i++) nanos *= 2;
        return nanos >= max.toNanos() ? max : Duration.ofNanos(nanos);
    }
}
