package dev.torpeddo.engine.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.api.TorrentState;
import dev.torpeddo.engine.session.Session;
import dev.torpeddo.engine.session.TorrentHandle;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Downloads in a simulated network, on virtual time: speed at the link's rate, and what happens when a
 * source leaves, vanishes or slows to a trickle.
 */
class SwarmSimulationTest {
    private static final int PIECE = 64 << 10;
    private static final int SIZE = 8 << 20;

    @TempDir
    Path tmp;

    @Test
    void aLeecherDownloadsFromASeederFoundThroughTheTrackerAtTheSeedersUploadRate() throws Exception {
        try (Simulation sim = new Simulation(1);
                SimSwarm swarm = new SimSwarm(sim, tmp, SIZE, PIECE)) {
            TorrentHandle seed = swarm.seeder(Link.of(2 << 20, Duration.ofMillis(30)));
            awaitSeeding(sim, seed);
            TorrentHandle leech = swarm.leecher(Link.FAST);
            Duration took = sim.runUntil("complete", () -> leech.status().isComplete(), Duration.ofMinutes(2));
            swarm.assertDownloaded(leech);
            // 8 MiB through a 2 MiB/s upload: four seconds of transfer, plus announcing and connecting.
            assertThat(took).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(6));
        }
    }

    @Test
    void whenOneOfTwoSeedersQuitsHalfwayTheOtherFinishesTheDownload() throws Exception {
        try (Simulation sim = new Simulation(2);
                SimSwarm swarm = new SimSwarm(sim, tmp, SIZE, PIECE)) {
            Session quitter = swarm.session(Link.of(1 << 20, Duration.ofMillis(20)), c -> c);
            TorrentHandle a = quitter.add(dev.torpeddo.engine.api.AddTorrent.of(swarm.meta, swarm.content.getParent()));
            TorrentHandle b = swarm.seeder(Link.of(1 << 20, Duration.ofMillis(40)));
            awaitSeeding(sim, a);
            awaitSeeding(sim, b);
            TorrentHandle leech = swarm.leecher(Link.FAST);
            sim.runUntil("two sources", () -> leech.status().peers().connected() == 2, Duration.ofSeconds(30));
            sim.runUntil("half done", () -> leech.status().fractionDone() >= 0.5, Duration.ofSeconds(30));
            sim.shutDown(quitter);
            sim.runUntil("one source left", () -> leech.status().peers().connected() == 1, Duration.ofSeconds(5));
            Duration rest = sim.runUntil("complete", () -> leech.status().isComplete(), Duration.ofMinutes(1));
            swarm.assertDownloaded(leech);
            // The remaining half at the remaining seeder's 1 MiB/s, give or take the blocks in flight.
            assertThat(rest).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(6));
        }
    }

    @Test
    void aSeederThatVanishesWithBlocksInFlightCostsSecondsNotTheIdleTimeout() throws Exception {
        try (Simulation sim = new Simulation(3);
                SimSwarm swarm = new SimSwarm(sim, tmp, SIZE, PIECE)) {
            SimHost vanishingHost = sim.addHost(Link.of(1 << 20, Duration.ofMillis(20)));
            Session vanishing = Session.start(Simulation.config(vanishingHost), sim.environment(vanishingHost));
            TorrentHandle a =
                    vanishing.add(dev.torpeddo.engine.api.AddTorrent.of(swarm.meta, swarm.content.getParent()));
            TorrentHandle b = swarm.seeder(Link.of(1 << 20, Duration.ofMillis(40)));
            awaitSeeding(sim, a);
            awaitSeeding(sim, b);
            TorrentHandle leech = swarm.leecher(Link.FAST);
            sim.runUntil("two sources", () -> leech.status().peers().connected() == 2, Duration.ofSeconds(30));
            sim.runUntil("half done", () -> leech.status().fractionDone() >= 0.5, Duration.ofSeconds(30));
            vanishingHost.unplug(); // no FIN, no reset: the blocks it was sending never come
            Duration rest = sim.runUntil("complete", () -> leech.status().isComplete(), Duration.ofMinutes(3));
            swarm.assertDownloaded(leech);
            // Its requests are given to the other seeder once it counts as snubbed, long before the two-minute
            // idle timeout would drop it.
            assertThat(rest).isLessThan(Duration.ofSeconds(40));
            vanishingHost.plugIn();
            sim.shutDown(vanishing);
        }
    }

    @Test
    void aSeederSlowingToATrickleDoesNotHoldUpTheLastPieces() throws Exception {
        try (Simulation sim = new Simulation(4);
                SimSwarm swarm = new SimSwarm(sim, tmp, SIZE, PIECE)) {
            SimHost slowHost = sim.addHost(Link.of(1 << 20, Duration.ofMillis(20)));
            Session slow = Session.start(Simulation.config(slowHost), sim.environment(slowHost));
            TorrentHandle a = slow.add(dev.torpeddo.engine.api.AddTorrent.of(swarm.meta, swarm.content.getParent()));
            TorrentHandle b = swarm.seeder(Link.of(1 << 20, Duration.ofMillis(40)));
            awaitSeeding(sim, a);
            awaitSeeding(sim, b);
            TorrentHandle leech = swarm.leecher(Link.FAST);
            sim.runUntil("two sources", () -> leech.status().peers().connected() == 2, Duration.ofSeconds(30));
            sim.runUntil("a quarter done", () -> leech.status().fractionDone() >= 0.25, Duration.ofSeconds(30));
            slowHost.setLink(Link.of(2 << 10, Duration.ofMillis(20))); // 2 KiB/s from now on
            Duration rest = sim.runUntil("complete", () -> leech.status().isComplete(), Duration.ofMinutes(5));
            swarm.assertDownloaded(leech);
            // Three quarters (6 MiB) at the fast seeder's 1 MiB/s is six seconds; what the trickling peer had
            // in flight must be fetched elsewhere rather than waited for (at 2 KiB/s a 64 KiB piece takes 32 s).
            assertThat(rest).isLessThan(Duration.ofSeconds(20));
            sim.shutDown(slow);
        }
    }

    static void awaitSeeding(Simulation sim, TorrentHandle h) {
        try {
            sim.runUntil("seeding", () -> h.status().state() == TorrentState.SEEDING, Duration.ofMinutes(2));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ": " + h.status(), e);
        }
    }
}
