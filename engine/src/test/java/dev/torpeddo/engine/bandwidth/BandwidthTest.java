package dev.torpeddo.engine.bandwidth;

import static dev.torpeddo.engine.bandwidth.Transfers.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.internal.ManualClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BandwidthTest {
    private static final int KIB = 1024;

    private final ManualClock clock = new ManualClock();

    @Test
    void aGrantIsTheSmallestOfTheChainAndTheRestGoesBackToTheNarrowerLimiters() throws InterruptedException {
        RateLimiter torrent = new RateLimiter(clock, 100 * KIB); // quantum 2 KiB, burst 10 KiB
        RateLimiter session = new RateLimiter(clock, 10 * KIB); // quantum 204 bytes
        Bandwidth chain = Bandwidth.of(torrent, session);

        assertThat(chain.acquire(4 * KIB)).isEqualTo(10 * KIB / 50);

        RateLimiter.Share otherPeer = torrent.newShare();
        long before = clock.nanoTime();
        long free = 0;
        while (clock.nanoTime() == before) free += otherPeer.acquire(1);
        assertThat(free - 1)
                .as("the torrent's burst less only what the session granted")
                .isEqualTo(10 * KIB - 10 * KIB / 50);
    }

    @Test
    void twoTorrentsUnderASessionLimitEachGetTheirShare() throws Exception {
        SimulatedClock sim = new SimulatedClock(42, 3);
        RateLimiter session = new RateLimiter(sim, 100 * KIB);
        RateLimiter slow = new RateLimiter(sim, 30 * KIB);
        RateLimiter fast = new RateLimiter(sim); // no limit of its own
        long start = sim.nanoTime();
        long end = start + 12 * SECOND;
        List<Transfers> ofSlow = new ArrayList<>();
        List<Transfers> ofFast = new ArrayList<>();
        List<SimulatedClock.Task> tasks = new ArrayList<>();
        for (int peer = 0; peer < 3; peer++) {
            for (boolean isSlow : new boolean[] {true, false}) {
                Transfers t = new Transfers();
                (isSlow ? ofSlow : ofFast).add(t);
                Bandwidth chain = Bandwidth.of(isSlow ? slow : fast, session);
                tasks.add(() -> {
                    while (sim.nanoTime() < end) {
                        int granted = chain.acquire(64 * KIB);
                        t.add(sim.nanoTime(), granted);
                    }
                });
            }
        }
        sim.run(tasks);

        long warm = start + SECOND;
        assertThat(Transfers.merged(ofSlow).worstWindowError(warm, end, 5 * SECOND, 30 * KIB))
                .isLessThan(0.05);
        assertThat(Transfers.merged(ofFast).worstWindowError(warm, end, 5 * SECOND, 70 * KIB))
                .isLessThan(0.05);
    }

    @Test
    void unlimitedUntilAnyLimiterOfTheChainHasALimit() {
        RateLimiter torrent = new RateLimiter(clock);
        RateLimiter session = new RateLimiter(clock);
        Bandwidth chain = Bandwidth.of(torrent, session);
        assertThat(chain.isUnlimited()).isTrue();
        session.setRate(KIB);
        assertThat(chain.isUnlimited()).isFalse();
        session.setRate(RateLimiter.UNLIMITED);
        assertThat(chain.isUnlimited()).isTrue();
    }

    @Test
    void withoutLimitersStreamsAreNotWrapped() {
        var in = new ByteArrayInputStream(new byte[1]);
        var out = new ByteArrayOutputStream();
        assertThat(Bandwidth.UNLIMITED.limit(in)).isSameAs(in);
        assertThat(Bandwidth.UNLIMITED.limit(out)).isSameAs(out);
        assertThat(Bandwidth.of()).isSameAs(Bandwidth.UNLIMITED);
        assertThat(Bandwidth.of(new RateLimiter(clock)).limit(in)).isNotSameAs(in);
    }
}
