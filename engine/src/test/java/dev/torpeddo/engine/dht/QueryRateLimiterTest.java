package dev.torpeddo.engine.dht;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.internal.ManualClock;
import java.net.InetAddress;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class QueryRateLimiterTest {
    private final ManualClock clock = new ManualClock();
    private final InetAddress flooder = InetAddress.ofLiteral("10.0.0.66");

    private long allowed(QueryRateLimiter limiter, InetAddress source, int queries) {
        return IntStream.range(0, queries).filter(i -> limiter.allow(source)).count();
    }

    @Test
    void oneSourceGetsItsQuotaPerWindow() {
        QueryRateLimiter limiter = new QueryRateLimiter(RateLimits.DEFAULT, clock);
        assertThat(allowed(limiter, flooder, 1000)).isEqualTo(20);
        assertThat(limiter.allow(InetAddress.ofLiteral("10.0.0.1"))).isTrue();

        clock.advance(Duration.ofSeconds(5));
        assertThat(allowed(limiter, flooder, 1000)).isEqualTo(20);
    }

    @Test
    void theGlobalBudgetCapsManySources() {
        QueryRateLimiter limiter = new QueryRateLimiter(new RateLimits(20, Duration.ofSeconds(5), 100_000, 100), clock);
        long answered = IntStream.range(0, 5000)
                .filter(i -> limiter.allow(InetAddress.ofLiteral("10.2." + (i >> 8) + "." + (i & 0xff))))
                .count();
        assertThat(answered).isEqualTo(100);
        clock.advance(Duration.ofMillis(500));
        assertThat(allowed(limiter, InetAddress.ofLiteral("10.3.0.1"), 20)).isEqualTo(20);
    }

    @Test
    void forgottenSourcesAreBoundedButStillCappedGlobally() {
        QueryRateLimiter limiter = new QueryRateLimiter(new RateLimits(5, Duration.ofSeconds(5), 10, 50), clock);
        long answered = 0;
        for (int round = 0; round < 20; round++) {
            for (int i = 0; i < 20; i++) answered += allowed(limiter, InetAddress.ofLiteral("10.4.0." + i), 5);
        }
        assertThat(answered).isEqualTo(50);
    }
}
