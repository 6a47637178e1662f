package dev.torpeddo.engine.torrent;

import static dev.torpeddo.engine.torrent.TestSwarm.assertSameFiles;
import static dev.torpeddo.engine.torrent.TestSwarm.awaitComplete;
import static dev.torpeddo.engine.torrent.TestSwarm.loopbackConfig;
import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.api.AddMagnet;
import dev.torpeddo.engine.api.AddTorrent;
import dev.torpeddo.engine.api.DhtOptions;
import dev.torpeddo.engine.api.TorrentState;
import dev.torpeddo.engine.dht.DhtConfig;
import dev.torpeddo.engine.dht.DhtNode;
import dev.torpeddo.engine.magnet.MagnetLink;
import dev.torpeddo.engine.metainfo.Metainfo;
import dev.torpeddo.engine.metainfo.MetainfoParser;
import dev.torpeddo.engine.metainfo.TorrentBuilder;
import dev.torpeddo.engine.session.Session;
import dev.torpeddo.engine.session.TorrentHandle;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sessions that know each other only through a small DHT on loopback. */
class DhtDiscoveryTest {
    @TempDir
    Path tmp;

    @Test
    void aMagnetWithOnlyItsInfoHashFindsTheSeederThroughTheDht() throws Exception {
        Path content = TestSwarm.writeContent(tmp.resolve("seed"), "dht", 61, 300_000);
        Metainfo meta = TestSwarm.torrentOf(content, 16 * 1024);
        try (DhtNode router = new DhtNode(DhtConfig.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)))) {
            router.start();
            DhtOptions dht = DhtOptions.bootstrapFrom(List.of(router.localAddress()));
            try (Session seeder = Session.start(loopbackConfig().with(b -> b.dht(dht)));
                    Session leecher = Session.start(loopbackConfig().with(b -> b.dht(dht)))) {
                SwarmTest.awaitState(
                        seeder.add(AddTorrent.of(meta, tmp.resolve("seed")).with(b -> b.useTrackers(false))),
                        TorrentState.SEEDING);
                TorrentHandle h = leecher.addMagnet(AddMagnet.of(MagnetLink.of(meta.infoHash()), tmp.resolve("dl"))
                        .with(b -> b.useTrackers(false)));
                awaitComplete(h, Duration.ofSeconds(90));
                assertSameFiles(meta, tmp.resolve("seed"), tmp.resolve("dl"));
                assertThat(leecher.status().dhtNodes()).isPositive();
            }
        }
    }

    @Test
    void privateTorrentsStayOffTheDht() throws Exception {
        Path content = TestSwarm.writeContent(tmp.resolve("seed"), "priv", 62, 100_000);
        Metainfo meta = MetainfoParser.parse(TorrentBuilder.from(content)
                .pieceLength(16 * 1024)
                .privateFlag(true)
                .build());
        try (DhtNode router = new DhtNode(DhtConfig.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)))) {
            router.start();
            DhtOptions dht = DhtOptions.bootstrapFrom(List.of(router.localAddress()));
            try (Session seeder = Session.start(loopbackConfig().with(b -> b.dht(dht)))) {
                SwarmTest.awaitState(
                        seeder.add(AddTorrent.of(meta, tmp.resolve("seed")).with(b -> b.useTrackers(false))),
                        TorrentState.SEEDING);
                Thread.sleep(2000); // a public torrent is announced on the first beat
                assertThat(router.getPeers(meta.infoHash()).get()).isEmpty();
            }
        }
    }
}
