package dev.torpeddo.engine.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.session.TorrentHandle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many peers on one torrent, all starting at once behind one seeder. */
class LargeSwarmSimulationTest {
    private static final int PEERS_PER_TORRENT = 20;
    private static final int LEECHERS = 59;

    @TempDir
    Path tmp;

    @Test
    void sixtyPeersAllCompleteAndNoneExceedsItsPeerLimit() throws Exception {
        try (Simulation sim = new Simulation(41);
                SimSwarm swarm = new SimSwarm(sim, tmp, 1 << 20, 32 << 10)) {
            TorrentHandle seed = swarm.seeder(Link.of(2 << 20, Duration.ofMillis(20)));
            SwarmSimulationTest.awaitSeeding(sim, seed);
            List<TorrentHandle> leechers = new ArrayList<>();
            for (int i = 0; i < LEECHERS; i++) {
                int ms = 5 + i % 40;
                leechers.add(swarm.leecher(
                        Link.of(512 << 10, Duration.ofMillis(ms)),
                        c -> c.with(b -> b.maxPeersPerTorrent(PEERS_PER_TORRENT)),
                        a -> a));
            }
            int[] mostPeers = new int[1];
            sim.runUntil(
                    "all complete",
                    () -> {
                        for (TorrentHandle h : leechers)
                            mostPeers[0] =
                                    Math.max(mostPeers[0], h.status().peers().connected());
                        return leechers.stream().allMatch(h -> h.status().isComplete());
                    },
                    Duration.ofMinutes(10));
            for (TorrentHandle h : leechers) swarm.assertDownloaded(h);
            assertThat(mostPeers[0]).as("most peers any leecher had").isBetween(2, PEERS_PER_TORRENT);
        }
    }
}
