package dev.torpeddo.engine.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.api.AddTorrent;
import dev.torpeddo.engine.session.Session;
import dev.torpeddo.engine.session.TorrentHandle;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rate limits hold over every 5-second window once running, against sources that could send far faster,
 * and follow a change made while the torrent runs.
 */
class RateLimitSimulationTest {
    private static final Duration WINDOW = Duration.ofSeconds(5);

    @TempDir
    Path tmp;

    @Test
    void theSessionDownloadLimitHoldsWithinFivePercentAndFollowsALiveChange() throws Exception {
        try (Simulation sim = new Simulation(11);
                SimSwarm swarm = new SimSwarm(sim, tmp, 24 << 20, 64 << 10)) {
            for (int i = 0; i < 3; i++)
                SwarmSimulationTest.awaitSeeding(sim, swarm.seeder(Link.of(4 << 20, Duration.ofMillis(10 + 15 * i))));
            long limit = 256 << 10;
            Session session = swarm.session(Link.FAST, c -> c.with(b -> b.downloadLimit(limit)));
            TorrentHandle leech = session.add(AddTorrent.of(swarm.meta, tmp.resolve("leecher")));
            sim.runUntil("three sources", () -> leech.status().peers().connected() == 3, Duration.ofSeconds(30));
            sim.runFor(WINDOW); // the first window includes the buckets' initial burst
            assertWindows(sim, () -> leech.status().transfer().downloaded(), limit, 6);

            long faster = 512 << 10;
            session.configure(session.config().with(b -> b.downloadLimit(faster)));
            sim.runFor(Duration.ofSeconds(1));
            assertWindows(sim, () -> leech.status().transfer().downloaded(), faster, 4);
        }
    }

    @Test
    void aTorrentsUploadLimitHoldsAcrossSeveralLeechers() throws Exception {
        try (Simulation sim = new Simulation(12);
                SimSwarm swarm = new SimSwarm(sim, tmp, 16 << 20, 64 << 10)) {
            long limit = 300 << 10;
            SimHost host = sim.addHost(Link.of(8 << 20, Duration.ofMillis(20)));
            Session seeding = swarm.session(host, c -> c);
            TorrentHandle seed = seeding.add(
                    AddTorrent.of(swarm.meta, swarm.content.getParent()).with(b -> b.uploadLimit(limit)));
            SwarmSimulationTest.awaitSeeding(sim, seed);
            // Leechers that can hardly upload to each other (16 KiB/s): nearly all they get comes from the seeder.
            for (int i = 0; i < 4; i++) swarm.leecher(Link.FAST.withUpload(16 << 10));
            sim.runUntil("four leechers", () -> seed.status().peers().connected() == 4, Duration.ofSeconds(30));
            sim.runFor(WINDOW);
            // Measured on the wire, as the limit counts (every peer-wire byte): the status's payload counter
            // moves in steps of the connections' 64 KiB send buffers.
            assertWindows(sim, host::bytesSent, limit, 6);
        }
    }

    /** {@code windows} consecutive windows each move {@code rate} per second, within 5 %. */
    private static void assertWindows(Simulation sim, LongSupplier total, long rate, int windows) {
        List<Long> perWindow = new ArrayList<>();
        long before = total.getAsLong();
        for (int i = 0; i < windows; i++) {
            sim.runFor(WINDOW);
            long now = total.getAsLong();
            perWindow.add(now - before);
            before = now;
        }
        long expected = rate * WINDOW.toSeconds();
        assertThat(perWindow)
                .as("bytes per %s window at %d B/s", WINDOW, rate)
                .allSatisfy(b -> assertThat(b).isBetween((long) (expected * 0.95), (long) (expected * 1.05)));
    }
}
