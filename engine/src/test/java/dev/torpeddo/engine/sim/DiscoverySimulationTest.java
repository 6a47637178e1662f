package dev.torpeddo.engine.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.api.AddMagnet;
import dev.torpeddo.engine.api.AddTorrent;
import dev.torpeddo.engine.api.DhtOptions;
import dev.torpeddo.engine.api.PeerInfo;
import dev.torpeddo.engine.api.PeerSource;
import dev.torpeddo.engine.api.SessionConfig;
import dev.torpeddo.engine.magnet.MagnetLink;
import dev.torpeddo.engine.session.Session;
import dev.torpeddo.engine.session.TorrentHandle;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding peers without a tracker: peer exchange spreads addresses, the DHT finds a swarm from a magnet. */
class DiscoverySimulationTest {
    @TempDir
    Path tmp;

    @Test
    void peersThatOnlyKnowTheSeederFindEachOtherByPeerExchange() throws Exception {
        try (Simulation sim = new Simulation(31);
                SimSwarm swarm = new SimSwarm(sim, tmp, 32 << 20, 256 << 10)) {
            Session seeding = swarm.session(Link.of(256 << 10, Duration.ofMillis(20)), c -> c);
            TorrentHandle seed = seeding.add(
                    AddTorrent.of(swarm.meta, swarm.content.getParent()).with(b -> b.useTrackers(false)));
            SwarmSimulationTest.awaitSeeding(sim, seed);
            InetSocketAddress seeder = swarm.addressOf(seeding);
            List<TorrentHandle> leechers = leechersKnowingOnly(swarm, seeder, 8, c -> c);
            awaitLeechersMeetingByPex(sim, leechers, seeder);
            for (TorrentHandle h : leechers) {
                assertThat(h.peers())
                        .as("every leecher still has the seeder")
                        .anyMatch(p -> p.address().equals(seeder));
            }
        }
    }

    @Test
    void withPeerExchangeOffTheSeederTellsNobodyAndLeechersOnlyKnowIt() throws Exception {
        try (Simulation sim = new Simulation(33);
                SimSwarm swarm = new SimSwarm(sim, tmp, 32 << 20, 256 << 10)) { // still downloading at the end
            Session seeding = swarm.session(Link.of(256 << 10, Duration.ofMillis(20)), c -> c.with(b -> b.pex(false)));
            TorrentHandle seed = seeding.add(
                    AddTorrent.of(swarm.meta, swarm.content.getParent()).with(b -> b.useTrackers(false)));
            SwarmSimulationTest.awaitSeeding(sim, seed);
            InetSocketAddress seeder = swarm.addressOf(seeding);
            List<TorrentHandle> leechers = leechersKnowingOnly(swarm, seeder, 4, c -> c.with(b -> b.pex(false)));
            sim.runFor(Duration.ofMinutes(3)); // three PEX rounds, had it been on
            for (TorrentHandle h : leechers) {
                assertThat(h.peers()).extracting(p -> p.address()).containsOnly(seeder);
                assertThat(h.status().peers().known()).isEqualTo(1);
            }
        }
    }

    @Test
    void peerExchangeSwitchedOnWhileSeedingIsOfferedToPeersThatConnectAfter() throws Exception {
        try (Simulation sim = new Simulation(35);
                SimSwarm swarm = new SimSwarm(sim, tmp, 32 << 20, 256 << 10)) {
            Session seeding = swarm.session(Link.of(256 << 10, Duration.ofMillis(20)), c -> c.with(b -> b.pex(false)));
            TorrentHandle seed = seeding.add(
                    AddTorrent.of(swarm.meta, swarm.content.getParent()).with(b -> b.useTrackers(false)));
            SwarmSimulationTest.awaitSeeding(sim, seed);
            seeding.configure(seeding.config().with(b -> b.pex(true)));
            InetSocketAddress seeder = swarm.addressOf(seeding);
            awaitLeechersMeetingByPex(sim, leechersKnowingOnly(swarm, seeder, 4, c -> c), seeder);
        }
    }

    @Test
    void theDhtSwitchedOnLaterAnnouncesAtOnceAndSwitchedOffLeavesTheSession() throws Exception {
        try (Simulation sim = new Simulation(36);
                SimSwarm swarm = new SimSwarm(sim, tmp, 4 << 20, 64 << 10)) {
            SimHost routerHost = sim.addHost(Link.FAST);
            Session router = swarm.session(routerHost, c -> c.with(b -> b.dht(DhtOptions.bootstrapFrom(List.of()))));
            DhtOptions dht = DhtOptions.bootstrapFrom(List.of(routerHost.at(router.listenPort())));
            Session seeding = swarm.session(Link.of(1 << 20, Duration.ofMillis(30)), c -> c);
            TorrentHandle seed = seeding.add(
                    AddTorrent.of(swarm.meta, swarm.content.getParent()).with(b -> b.useTrackers(false)));
            SwarmSimulationTest.awaitSeeding(sim, seed);
            assertThat(seeding.status().dhtNodes()).isZero();

            seeding.configure(seeding.config().with(b -> b.dht(dht)));
            sim.runFor(Duration.ofSeconds(30)); // joins and announces: not 15 minutes later
            Session leeching = swarm.session(Link.FAST, c -> c.with(b -> b.dht(dht)));
            TorrentHandle leech =
                    leeching.addMagnet(AddMagnet.of(MagnetLink.of(swarm.meta.infoHash()), tmp.resolve("magnet"))
                            .with(b -> b.useTrackers(false)));
            sim.runUntil("complete", () -> leech.status().isComplete(), Duration.ofMinutes(2));
            swarm.assertDownloaded(leech);

            assertThat(seeding.status().dhtNodes()).isPositive();
            seeding.configure(seeding.config().with(b -> b.dht(DhtOptions.DISABLED)));
            assertThat(seeding.status().dhtNodes()).isZero();
            seed.forceReannounce(); // with the DHT off there is no node to ask: nothing fails
            sim.runFor(Duration.ofSeconds(5));
            assertThat(seed.status().error()).isEmpty();
        }
    }

    @Test
    void aMagnetWithoutTrackersIsFetchedThroughTheDht() throws Exception {
        try (Simulation sim = new Simulation(32);
                SimSwarm swarm = new SimSwarm(sim, tmp, 4 << 20, 64 << 10)) {
            SimHost routerHost = sim.addHost(Link.FAST);
            Session router = swarm.session(routerHost, c -> c.with(b -> b.dht(DhtOptions.bootstrapFrom(List.of()))));
            InetSocketAddress bootstrap = routerHost.at(router.listenPort());
            DhtOptions dht = DhtOptions.bootstrapFrom(List.of(bootstrap));
            Session seeding = swarm.session(Link.of(1 << 20, Duration.ofMillis(30)), c -> c.with(b -> b.dht(dht)));
            TorrentHandle seed = seeding.add(
                    AddTorrent.of(swarm.meta, swarm.content.getParent()).with(b -> b.useTrackers(false)));
            SwarmSimulationTest.awaitSeeding(sim, seed);
            sim.runFor(Duration.ofSeconds(30)); // the seeder joins the DHT and announces itself

            Session leeching = swarm.session(Link.FAST, c -> c.with(b -> b.dht(dht)));
            TorrentHandle leech =
                    leeching.addMagnet(AddMagnet.of(MagnetLink.of(swarm.meta.infoHash()), tmp.resolve("magnet"))
                            .with(b -> b.useTrackers(false)));
            Duration took = sim.runUntil("complete", () -> leech.status().isComplete(), Duration.ofMinutes(3));
            swarm.assertDownloaded(leech);
            assertThat(leech.peers()).isEmpty(); // the seeder's connection closed once both are seeds
            assertThat(took).isLessThan(Duration.ofMinutes(1));
        }
    }

    /** {@code count} leechers on links of different delays, told of the seeder and of nobody else. */
    private static List<TorrentHandle> leechersKnowingOnly(
            SimSwarm swarm, InetSocketAddress seeder, int count, UnaryOperator<SessionConfig> config)
            throws IOException {
        List<TorrentHandle> leechers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            leechers.add(swarm.leecher(
                    Link.of(1 << 20, Duration.ofMillis(10 + 5 * i)),
                    config,
                    a -> a.with(b -> b.useTrackers(false).peers(List.of(seeder)))));
        }
        return leechers;
    }

    /**
     * Peer exchange messages go out once a minute (BEP 11); two rounds are plenty. A leecher can have learnt
     * another's address from nobody but the seeder's PEX (no tracker, DHT or LSD here), so a connection between
     * two leechers is PEX at work, whichever of them dialled.
     */
    private static void awaitLeechersMeetingByPex(
            Simulation sim, List<TorrentHandle> leechers, InetSocketAddress seeder) {
        sim.runUntil(
                "every leecher connected to another leecher",
                () -> leechers.stream()
                        .allMatch(h ->
                                h.peers().stream().anyMatch(p -> !p.address().equals(seeder))),
                Duration.ofMinutes(3));
        assertThat(leechers.stream().flatMap(h -> h.peers().stream()))
                .as("connections dialled to addresses learnt by PEX")
                .anyMatch(DiscoverySimulationTest::byPex);
    }

    private static boolean byPex(PeerInfo p) {
        return p.source() == PeerSource.PEX;
    }
}
