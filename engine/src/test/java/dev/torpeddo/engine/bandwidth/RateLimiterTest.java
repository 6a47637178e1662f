package dev.torpeddo.engine.bandwidth;

import static dev.torpeddo.engine.bandwidth.Transfers.SECOND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.torpeddo.engine.internal.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One caller on a manual clock: every sleep moves the time, so the timings are exact. */
class RateLimiterTest {
    private static final int KIB = 1024;
    private static final int MIB = 1024 * KIB;

    private final ManualClock clock = new ManualClock();

    /** Acquires {@code wanted} at a time until {@code until}, recording what is granted when. */
    private void drain(RateLimiter.Share share, int wanted, long until, Transfers into) throws InterruptedException {
        while (clock.nanoTime() < until) {
            int granted = share.acquire(wanted); // may sleep: the grant counts when it returns
            into.add(clock.nanoTime(), granted);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {10 * KIB, 100 * KIB, MIB, 10 * MIB, 100 * MIB})
    void aBusyCallerGetsTheRateInEveryFiveSecondWindow(long rate) throws InterruptedException {
        RateLimiter limiter = new RateLimiter(clock, rate);
        RateLimiter.Share share = limiter.newShare();
        Transfers t = new Transfers();
        long start = clock.nanoTime();
        drain(share, 256 * KIB, start + 12 * SECOND, t);

        assertThat(t.worstWindowError(start, start + 12 * SECOND, 5 * SECOND, rate))
                .as("from the start, burst included")
                .isLessThan(0.05);
    }

    @Test
    void grantsAreAtMostTwentyMillisecondsOfTheRateSoThatCallersTakeTurns() throws InterruptedException {
        assertThat(new RateLimiter(clock, 10 * KIB).newShare().acquire(MIB)).isEqualTo(10 * KIB / 50);
        assertThat(new RateLimiter(clock, MIB).newShare().acquire(MIB)).isEqualTo(MIB / 50);
        assertThat(new RateLimiter(clock, 100 * MIB).newShare().acquire(MIB)).isEqualTo(128 * KIB);
        assertThat(new RateLimiter(clock, 10).newShare().acquire(MIB)).isEqualTo(1);
        assertThat(new RateLimiter(clock, MIB).newShare().acquire(100))
                .as("less than a quantum: all of it")
                .isEqualTo(100);
    }

    @Test
    void withoutALimitEverythingIsGrantedAtOnce() throws InterruptedException {
        RateLimiter limiter = new RateLimiter(clock);
        RateLimiter.Share share = limiter.newShare();
        long before = clock.nanoTime();
        for (int i = 0; i < 1000; i++) assertThat(share.acquire(MIB)).isEqualTo(MIB);
        share.charge(100 * MIB);
        share.giveBack(MIB);
        assertThat(share.acquire(MIB)).isEqualTo(MIB);
        assertThat(clock.nanoTime()).isEqualTo(before);
    }

    @Test
    void theBurstIsATenthOfASecond() throws InterruptedException {
        RateLimiter limiter = new RateLimiter(clock, 100 * KIB);
        RateLimiter.Share share = limiter.newShare();
        clock.advance(Duration.ofMinutes(5)); // idle for long: still only a tenth of a second saved up
        long before = clock.nanoTime();
        long free = 0;
        while (clock.nanoTime() == before) free += share.acquire(KIB);
        assertThat(free - KIB).as("granted without waiting").isEqualTo(100 * KIB / 10);
    }

    @Test
    void bytesGivenBackServeTheNextCallerAtOnce() throws InterruptedException {
        RateLimiter limiter = new RateLimiter(clock, 50 * KIB);
        RateLimiter.Share share = limiter.newShare();
        drainBurst(share);
        long before = clock.nanoTime();
        int granted = share.acquire(KIB);
        long waited = clock.nanoTime() - before;
        assertThat(waited).isPositive();

        share.giveBack(granted);
        before = clock.nanoTime();
        assertThat(share.acquire(KIB)).isEqualTo(granted);
        assertThat(clock.nanoTime()).as("no wait").isEqualTo(before);
    }

    @Test
    void chargedBytesDelayTheNextCaller() throws InterruptedException {
        RateLimiter limiter = new RateLimiter(clock, 100 * KIB);
        RateLimiter.Share share = limiter.newShare();
        drainBurst(share);
        share.charge(200 * KIB); // two seconds' worth, used without asking
        long before = clock.nanoTime();
        share.acquire(1);
        assertThat(clock.nanoTime() - before).isBetween(2 * SECOND - SECOND / 100, 2 * SECOND + SECOND / 50);
    }

    @ParameterizedTest
    @ValueSource(longs = {10 * KIB, 100 * MIB})
    void aNewRateTakesEffectAtOnce(long newRate) throws InterruptedException {
        long oldRate = newRate == 10 * KIB ? 100 * MIB : 10 * KIB;
        RateLimiter limiter = new RateLimiter(clock, oldRate);
        RateLimiter.Share share = limiter.newShare();
        drain(share, 256 * KIB, clock.nanoTime() + 3 * SECOND, new Transfers());

        limiter.setRate(newRate);
        long change = clock.nanoTime();
        Transfers t = new Transfers(); // only what is asked for after the change
        drain(share, 256 * KIB, change + 6 * SECOND, t);

        long firstSecond = t.between(change, change + SECOND);
        assertThat((double) firstSecond)
                .as("the first second at the new rate")
                .isBetween(newRate * 0.9, newRate * 1.12);
        assertThat(t.worstWindowError(change, change + 6 * SECOND, 5 * SECOND, newRate))
                .isLessThan(0.05);
    }

    @Test
    void aWaitingCallerNoticesAHigherRateWithinATenthOfASecond() throws Exception {
        SimulatedClock sim = new SimulatedClock();
        RateLimiter limiter = new RateLimiter(sim, 1000);
        RateLimiter.Share share = limiter.newShare();
        share.charge(1_000_000); // the next caller would wait 1000 s at this rate
        long start = sim.nanoTime();
        AtomicLong servedAt = new AtomicLong();
        sim.run(List.of(
                () -> {
                    share.acquire(100);
                    servedAt.set(sim.nanoTime());
                },
                () -> {
                    sim.sleepMillis(1050);
                    limiter.setRate(RateLimiter.UNLIMITED);
                }));
        long change = 1050 * 1_000_000L;
        assertThat(servedAt.get() - start).isBetween(change, change + SECOND / 10);
    }

    @Test
    void aLowerRateAlsoSizesTheTurnsAlreadyWaiting() throws Exception {
        SimulatedClock sim = new SimulatedClock();
        RateLimiter limiter = new RateLimiter(sim, 100 * MIB);
        List<Transfers> consumers = List.of(new Transfers(), new Transfers(), new Transfers(), new Transfers());
        long start = sim.nanoTime();
        long change = start + SECOND;
        long end = change + 8 * SECOND;
        List<SimulatedClock.Task> tasks = new java.util.ArrayList<>();
        for (Transfers t : consumers) {
            RateLimiter.Share mine = limiter.newShare();
            tasks.add(() -> {
                while (sim.nanoTime() < end) {
                    int g = mine.acquire(MIB);
                    t.add(sim.nanoTime(), g);
                }
            });
        }
        tasks.add(() -> {
            sim.sleepMillis(1000);
            limiter.setRate(10 * KIB);
        });
        sim.run(tasks);

        Transfers all = Transfers.merged(consumers);
        // Turns queued at 128 KiB would have taken 50 s at the new rate: they shrink to 204 bytes instead.
        assertThat(all.worstWindowError(change + SECOND / 10, end, 5 * SECOND, 10 * KIB))
                .isLessThan(0.05);
    }

    @Test
    void misuseIsRejected() {
        assertThatThrownBy(() -> new RateLimiter(clock, -1)).isInstanceOf(IllegalArgumentException.class);
        RateLimiter limiter = new RateLimiter(clock, 1000);
        RateLimiter.Share share = limiter.newShare();
        assertThatThrownBy(() -> limiter.setRate(-5)).hasMessage("negative rate: -5");
        assertThatThrownBy(() -> share.acquire(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anInterruptedWaiterStopsWaiting() throws Exception {
        RateLimiter limiter = new RateLimiter(dev.torpeddo.engine.internal.Clock.SYSTEM, 1000);
        RateLimiter.Share share = limiter.newShare();
        share.charge(1_000_000); // a wait of 1000 s
        java.util.concurrent.CompletableFuture<Throwable> outcome = new java.util.concurrent.CompletableFuture<>();
        Thread waiter = Thread.ofVirtual().start(() -> {
            try {
                outcome.complete(new AssertionError("granted " + share.acquire(10)));
            } catch (InterruptedException e) {
                outcome.complete(e);
            }
        });
        waiter.interrupt();
        assertThat(outcome.get(5, java.util.concurrent.TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
    }

    private void drainBurst(RateLimiter.Share share) throws InterruptedException {
        long before = clock.nanoTime();
        while (clock.nanoTime() == before) share.acquire(Integer.MAX_VALUE);
    }
}
