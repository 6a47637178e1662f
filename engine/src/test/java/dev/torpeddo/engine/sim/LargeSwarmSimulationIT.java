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
 * Two hundred peers on one torrent, all starting at once behind two seeders. About two minutes of real time
 * on two idle cores (some twelve thousand threads), several on a loaded machine: an integration test, run by
 * {@code ./test} but not by the unit suite; {@link LargeSwarmSimulationTest} is its sixty-peer sibling.
 */
class LargeSwarmSimulationIT {
    private static final int LEECHERS = 200;
    private static final int PEERS_PER_TORRENT = 30;
    private static final int SEEDER_RATE = 2 << 20;
    private static final int SIZE = 2 << 20;

    @TempDir
    Path tmp;

    @Test
    void twoHundredPeersAllCompleteWithinTheirPeerLimitAndTheSeedersUploadAtTheirRate() throws Exception {
        try (Simulation sim = new Simulation(41);
                SimSwarm swarm = new SimSwarm(sim, tmp, SIZE, 32 << 10)) {
            List<TorrentHandle> seeders = List.of(
                    swarm.seeder(Link.of(SEEDER_RATE, Duration.ofMillis(20))),
                    swarm.seeder(Link.of(SEEDER_RATE, Duration.ofMillis(30))));
            for (TorrentHandle s : seeders) SwarmSimulationTest.awaitSeeding(sim, s);
            Duration start = sim.elapsed();
            List<TorrentHandle> leechers = new ArrayList<>();
            for (int i = 0; i < LEECHERS; i++) {
                int ms = 5 + i % 40;
                leechers.add(swarm.leecher(
                        Link.of(512 << 10, Duration.ofMillis(ms)),
                        c -> c.with(b -> b.maxPeersPerTorrent(PEERS_PER_TORRENT)),
                        a -> a));
            }
            int[] mostPeers = new int[1];
            long[] seededWhenFirstDone = new long[1];
            Duration[] firstDone = new Duration[1];
            sim.runUntil(
                    "all complete",
                    () -> {
                        int done = 0;
                        for (TorrentHandle h : leechers) {
                            mostPeers[0] =
                                    Math.max(mostPeers[0], h.status().peers().connected());
                            if (h.status().isComplete()) done++;
                        }
                        if (done > 0 && firstDone[0] == null) {
                            firstDone[0] = sim.elapsed().minus(start);
                            seededWhenFirstDone[0] = uploaded(seeders);
                        }
                        return done == LEECHERS;
                    },
                    Duration.ofMinutes(10));
            for (TorrentHandle h : leechers) swarm.assertDownloaded(h);
            assertThat(mostPeers[0]).as("most peers any leecher had").isBetween(2, PEERS_PER_TORRENT);
            // Until the first leecher has it all, the seeders are what the swarm waits for: their uploads
            // stay busy (protocol overhead and the first connections' set-up cost the rest).
            double seederCapacity = 2.0 * SEEDER_RATE * firstDone[0].toNanos() / 1e9;
            assertThat(seededWhenFirstDone[0] / seederCapacity)
                    .as("share of the seeders' upload used until the first leecher completed")
                    .isGreaterThan(0.75);
            // And the leechers give each other most of what they get.
            assertThat(uploaded(seeders)).as("bytes the seeders sent").isLessThan((long) LEECHERS * SIZE / 4);
        }
    }

    private static long uploaded(List<TorrentHandle> seeders) {
        return seeders.stream().mapToLong(h -> h.status().transfer().uploaded()).sum();
    }
}
