package dev.torpeddo.engine.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.api.TorrentState;
import dev.torpeddo.engine.session.TorrentHandle;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole sessions in a simulated network, on virtual time. */
class SwarmSimulationTest {
    private static final int PIECE = 64 << 10;

    @TempDir
    Path tmp;

    @Test
    void aLeecherDownloadsFromASeederFoundThroughTheTrackerAtTheSeedersUploadRate() throws Exception {
        try (Simulation sim = new Simulation(1);
                SimSwarm swarm = new SimSwarm(sim, tmp, 8 << 20, PIECE)) {
            TorrentHandle seed = swarm.seeder(Link.of(2 << 20, Duration.ofMillis(30)));
            sim.runUntil("seeding", () -> seed.status().state() == TorrentState.SEEDING, Duration.ofSeconds(30));
            TorrentHandle leech = swarm.leecher(Link.FAST);
            Duration took = sim.runUntil("complete", () -> leech.status().isComplete(), Duration.ofMinutes(2));
            swarm.assertDownloaded(leech);
            // 8 MiB through a 2 MiB/s upload: four seconds of transfer, plus announcing and connecting.
            assertThat(took).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(7));
        }
    }
}
