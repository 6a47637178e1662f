package dev.torpeddo.engine.torrent;

import static dev.torpeddo.engine.torrent.TestSwarm.assertSameFiles;
import static dev.torpeddo.engine.torrent.TestSwarm.awaitComplete;
import static dev.torpeddo.engine.torrent.TestSwarm.loopbackConfig;
import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.api.AddMagnet;
import dev.torpeddo.engine.api.AddTorrent;
import dev.torpeddo.engine.api.LsdOptions;
import dev.torpeddo.engine.api.TorrentState;
import dev.torpeddo.engine.magnet.MagnetLink;
import dev.torpeddo.engine.metainfo.Metainfo;
import dev.torpeddo.engine.metainfo.MetainfoParser;
import dev.torpeddo.engine.metainfo.TorrentBuilder;
import dev.torpeddo.engine.session.Session;
import dev.torpeddo.engine.session.TorrentHandle;
import java.net.DatagramSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sessions on one machine find each other by Local Service Discovery (multicast on the loopback interface). */
class LocalDiscoveryTest {
    @TempDir
    Path tmp;

    @Test
    void aMagnetWithNoPeersAndNoTrackersFindsALocalSeeder() throws Exception {
        Path content = TestSwarm.writeContent(tmp.resolve("seed"), "lan", 41, 200_000);
        Metainfo meta = TestSwarm.torrentOf(content, 16 * 1024);
        LsdOptions lsd = LsdOptions.loopbackOnly(freeUdpPort());
        try (Session seeder = Session.start(loopbackConfig().with(b -> b.lsd(lsd)));
                Session leecher = Session.start(loopbackConfig().with(b -> b.lsd(lsd)))) {
            SwarmTest.awaitState(
                    seeder.add(AddTorrent.of(meta, tmp.resolve("seed")).with(b -> b.useTrackers(false))),
                    TorrentState.SEEDING);
            TorrentHandle h = leecher.addMagnet(AddMagnet.of(MagnetLink.of(meta.infoHash()), tmp.resolve("dl"))
                    .with(b -> b.useTrackers(false)));
            awaitComplete(h, Duration.ofSeconds(60));
            assertSameFiles(meta, tmp.resolve("seed"), tmp.resolve("dl"));
        }
    }

    @Test
    void localDiscoverySwitchedOnWhileSeedingFindsTheSeederAndSwitchedOffFindsNothing() throws Exception {
        Path content = TestSwarm.writeContent(tmp.resolve("seed"), "lan-live", 43, 200_000);
        Metainfo meta = TestSwarm.torrentOf(content, 16 * 1024);
        LsdOptions lsd = LsdOptions.loopbackOnly(freeUdpPort());
        try (Session seeder = Session.start(loopbackConfig());
                Session leecher = Session.start(loopbackConfig().with(b -> b.lsd(lsd)))) {
            SwarmTest.awaitState(
                    seeder.add(AddTorrent.of(meta, tmp.resolve("seed")).with(b -> b.useTrackers(false))),
                    TorrentState.SEEDING);
            TorrentHandle h = leecher.addMagnet(AddMagnet.of(MagnetLink.of(meta.infoHash()), tmp.resolve("dl"))
                    .with(b -> b.useTrackers(false)));
            Thread.sleep(3000); // several announce ticks: the seeder, without LSD, is not found
            assertThat(h.status().peers().connected()).isZero();

            seeder.configure(seeder.config().with(b -> b.lsd(lsd)));
            awaitComplete(h, Duration.ofSeconds(60));
            assertSameFiles(meta, tmp.resolve("seed"), tmp.resolve("dl"));

            // Off again: a second leecher's magnet finds nobody (the first one left LSD off too).
            leecher.configure(leecher.config().with(b -> b.lsd(LsdOptions.DISABLED)));
            seeder.configure(seeder.config().with(b -> b.lsd(LsdOptions.DISABLED)));
            try (Session late = Session.start(loopbackConfig().with(b -> b.lsd(lsd)))) {
                TorrentHandle again = late.addMagnet(AddMagnet.of(MagnetLink.of(meta.infoHash()), tmp.resolve("dl2"))
                        .with(b -> b.useTrackers(false)));
                Thread.sleep(3000);
                assertThat(again.status().peers().connected()).isZero();
            }
        }
    }

    @Test
    void privateTorrentsAreNotAnnouncedLocally() throws Exception {
        Path content = TestSwarm.writeContent(tmp.resolve("seed"), "priv", 42, 100_000);
        Metainfo meta = MetainfoParser.parse(TorrentBuilder.from(content)
                .pieceLength(16 * 1024)
                .privateFlag(true)
                .build());
        LsdOptions lsd = LsdOptions.loopbackOnly(freeUdpPort());
        try (Session seeder = Session.start(loopbackConfig().with(b -> b.lsd(lsd)));
                Session leecher = Session.start(loopbackConfig().with(b -> b.lsd(lsd)))) {
            SwarmTest.awaitState(
                    seeder.add(AddTorrent.of(meta, tmp.resolve("seed")).with(b -> b.useTrackers(false))),
                    TorrentState.SEEDING);
            TorrentHandle h = leecher.add(AddTorrent.of(meta, tmp.resolve("dl")).with(b -> b.useTrackers(false)));
            Thread.sleep(3000); // several announce ticks: a public torrent is found well within this
            assertThat(h.status().peers().connected()).isZero();
            assertThat(h.status().progress().wantedDoneBytes()).isZero();
        }
    }

    private static int freeUdpPort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(0)) {
            return s.getLocalPort();
        }
    }
}
