package dev.torpeddo.engine.torrent;

import static dev.torpeddo.engine.torrent.TestSwarm.addressOf;
import static dev.torpeddo.engine.torrent.TestSwarm.assertSameFiles;
import static dev.torpeddo.engine.torrent.TestSwarm.awaitComplete;
import static dev.torpeddo.engine.torrent.TestSwarm.loopbackConfig;
import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.api.AddTorrent;
import dev.torpeddo.engine.api.TorrentState;
import dev.torpeddo.engine.internal.ManualClock;
import dev.torpeddo.engine.metainfo.Metainfo;
import dev.torpeddo.engine.session.Session;
import dev.torpeddo.engine.session.TorrentHandle;
import dev.torpeddo.engine.wire.Message;
import dev.torpeddo.engine.wire.WireLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A peer that keeps asking a seeder for blocks and never reads them is dropped once the seeder's queue to it
 * has been full for 30 s, and costs honest leechers nothing meanwhile. The seeder runs on a manual clock,
 * so the 30 s pass at once; its heartbeat still beats every half second of real time.
 */
class StuckPeerTest {
    private static final int BLOCK = WireLimits.BLOCK;

    @TempDir
    Path tmp;

    @Test
    void aSeederDropsAPeerThatAsksAndNeverReadsAndKeepsServingAnHonestLeecher() throws Exception {
        // 1024 distinct blocks: far more than the seeder queues (4 MiB) plus what the sockets hold.
        Path content = TestSwarm.writeContent(tmp.resolve("seed"), "big", 13, 16 << 20);
        Metainfo meta = TestSwarm.torrentOf(content, 256 * 1024);
        ManualClock clock = new ManualClock();
        try (Session seeder = Session.start(loopbackConfig(), Environment.REAL.withClock(clock))) {
            TorrentHandle seed =
                    seeder.add(AddTorrent.of(meta, tmp.resolve("seed")).with(b -> b.useTrackers(false)));
            SwarmTest.awaitState(seed, TorrentState.SEEDING);
            try (FakePeer flooder = FakePeer.connect(seeder.listenPort(), meta.infoHash(), "flood", 4096)) {
                flooder.send(new Message.Interested());
                for (Message m = flooder.read(); !(m instanceof Message.Unchoke); m = flooder.read())
                    assertThat(m).as("unchoked before the connection closed").isNotNull();
                // From here on it never reads. A few waves of requests for every block, so that the seeder's
                // queue to it fills up to its bound after the socket buffers in between have.
                int perPiece = meta.pieceLength() / BLOCK;
                for (int wave = 0; wave < 5; wave++) {
                    for (int b = 0; b < meta.pieceCount() * perPiece; b++)
                        flooder.send(new Message.Request(b / perPiece, (b % perPiece) * BLOCK, BLOCK));
                    Thread.sleep(200);
                }

                try (Session leecher = Session.start(loopbackConfig())) {
                    TorrentHandle h = leecher.add(AddTorrent.of(meta, tmp.resolve("dl"))
                            .with(b -> b.peers(List.of(addressOf(seeder))).useTrackers(false)));
                    awaitComplete(h, Duration.ofSeconds(30));
                }
                assertSameFiles(meta, tmp.resolve("seed"), tmp.resolve("dl"));
                awaitPeers(seed, 1); // the leecher has gone, the flooder is still there

                clock.advance(Duration.ofSeconds(29));
                Thread.sleep(1200); // a couple of heartbeats
                assertThat(seed.status().peers().connected())
                        .as("peers after 29 s: the flooder must not be dropped yet")
                        .isEqualTo(1);
                clock.advance(Duration.ofSeconds(2));
                awaitPeers(seed, 0);
                flooder.assertClosedByRemote();
            }
        }
    }

    private static void awaitPeers(TorrentHandle h, int peers) throws InterruptedException {
        for (int i = 0; i < 200 && h.status().peers().connected() != peers; i++) Thread.sleep(50);
        assertThat(h.status().peers().connected())
                .as("peers connected to the seeder")
                .isEqualTo(peers);
    }
}
