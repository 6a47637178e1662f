package dev.torpeddo.engine.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.session.TorrentHandle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeder with more interested peers than upload slots shares its upload fairly over time: the regular
 * slots rotate and the optimistic slot moves, so nobody starves.
 */
class ChokingSimulationTest {
    @TempDir
    Path tmp;

    @Test
    void aSeedersSlotsRotateSoThatEveryLeecherGetsAFairShare() throws Exception {
        try (Simulation sim = new Simulation(21);
                SimSwarm swarm = new SimSwarm(sim, tmp, 64 << 20, 256 << 10)) {
            TorrentHandle seed = swarm.seeder(Link.of(512 << 10, Duration.ofMillis(20)));
            SwarmSimulationTest.awaitSeeding(sim, seed);
            List<TorrentHandle> leechers = new ArrayList<>();
            // Leechers that can hardly upload (16 KiB/s): most of what each gets is what the seeder chose to give it.
            for (int i = 0; i < 8; i++) leechers.add(swarm.leecher(Link.FAST.withUpload(16 << 10)));
            sim.runUntil("eight leechers", () -> seed.status().peers().connected() == 8, Duration.ofSeconds(30));
            sim.runFor(Duration.ofMinutes(2));
            List<Long> got = leechers.stream()
                    .map(h -> h.status().transfer().downloaded())
                    .toList();
            long total = got.stream().mapToLong(Long::longValue).sum();
            long mean = total / got.size();
            // The seeder's upload was used (4 slots of 8 peers, never idle) ...
            assertThat(seed.status().transfer().uploaded()).isGreaterThan(120L * (512 << 10) * 9 / 10);
            // ... and shared: with slots turning every 30 s, each leecher had its turns.
            assertThat(got)
                    .as("bytes per leecher")
                    .allSatisfy(b -> assertThat(b).isGreaterThan(mean / 2));
        }
    }
}
