package dev.torpeddo.engine.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class BackoffPropertyTest {
    private final Backoff backoff = new Backoff(Duration.ofSeconds(15), Duration.ofMinutes(30));

    @Test
    void doublesFrom15SecondsUpTo30Minutes() {
        assertThat(backoff.delay(1)).isEqualTo(Duration.ofSeconds(15));
        assertThat(backoff.delay(2)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.delay(3)).isEqualTo(Duration.ofSeconds(60));
        assertThat(backoff.delay(7)).isEqualTo(Duration.ofMinutes(16));
        assertThat(backoff.delay(8)).isEqualTo(Duration.ofMinutes(30));
    }

    @Property
    void neverShrinksAndNeverExceedsTheCap(@ForAll @IntRange(min = 1, max = 10_000) int failures) {
        Duration d = backoff.delay(failures);
        assertThat(d).isBetween(Duration.ofSeconds(15), Duration.ofMinutes(30));
        assertThat(backoff.delay(failures + 1)).isGreaterThanOrEqualTo(d);
    }
}
