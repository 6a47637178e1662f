package dev.torpeddo.engine.torrent;

import static dev.torpeddo.engine.torrent.TestSwarm.addressOf;
import static dev.torpeddo.engine.torrent.TestSwarm.assertSameFiles;
import static dev.torpeddo.engine.torrent.TestSwarm.awaitComplete;
import static dev.torpeddo.engine.torrent.TestSwarm.loopbackConfig;
import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.api.AddTorrent;
import dev.torpeddo.engine.api.Encryption;
import dev.torpeddo.engine.api.TorrentState;
import dev.torpeddo.engine.metainfo.Metainfo;
import dev.torpeddo.engine.metainfo.MetainfoParser;
import dev.torpeddo.engine.metainfo.TorrentBuilder;
import dev.torpeddo.engine.session.Session;
import dev.torpeddo.engine.session.TorrentHandle;
import dev.torpeddo.engine.wire.ExtensionHandshake;
import dev.torpeddo.engine.wire.Message;
import dev.torpeddo.engine.wire.ext.PexCodec;
import dev.torpeddo.engine.wire.ext.PexMessage;
import dev.torpeddo.engine.wire.ext.PexPeer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Peer exchange (BEP 11): a peer learned only from another peer is dialled and used. */
class PexTest {
    @TempDir
    Path tmp;

    @Test
    void aSeederKnownOnlyThroughPexIsFoundAndDownloadedFrom() throws Exception {
        Path content = TestSwarm.writeContent(tmp.resolve("seed"), "pex", 51, 400_000);
        Metainfo meta = TestSwarm.torrentOf(content, 16 * 1024);
        TorrentHandle h = leechWithOnlyAGossip(meta);
        awaitComplete(h, Duration.ofSeconds(60));
        assertSameFiles(meta, tmp.resolve("seed"), tmp.resolve("last"));
    }

    @Test
    void privateTorrentsIgnorePex() throws Exception {
        Path content = TestSwarm.writeContent(tmp.resolve("seed"), "priv", 52, 200_000);
        Metainfo meta = MetainfoParser.parse(TorrentBuilder.from(content)
                .pieceLength(16 * 1024)
                .privateFlag(true)
                .build());
        TorrentHandle h = leechWithOnlyAGossip(meta);
        Thread.sleep(3000); // the public case above completes well within this
        assertThat(h.status().peers().connected()).isEqualTo(1);
        assertThat(h.status().progress().wantedDoneBytes()).isZero();
    }

    private Session seeder;
    private Session last;

    /**
     * A seeder nobody is told about, and a leecher whose only peer is a gossip: a fake peer that has nothing,
     * never unchokes, and only sends one PEX message naming the seeder.
     */
    private TorrentHandle leechWithOnlyAGossip(Metainfo meta) throws Exception {
        seeder = Session.start(loopbackConfig());
        // The gossip is a plain-only, TCP-only fake peer taking one connection: no MSE attempt and no uTP dial
        // (which would first wait out the uTP connect timeout).
        last = Session.start(
                loopbackConfig().with(b -> b.encryption(Encryption.DISABLE).utpOutgoing(false)));
        SwarmTest.awaitState(
                seeder.add(AddTorrent.of(meta, tmp.resolve("seed")).with(b -> b.useTrackers(false))),
                TorrentState.SEEDING);
        ServerSocket gossipSocket = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        InetSocketAddress seederAddress = addressOf(seeder);
        Thread.ofVirtual().start(() -> {
            try (FakePeer gossip = FakePeer.accept(gossipSocket, "gossip")) {
                gossip.send(new Message.Extended(
                        0, new ExtensionHandshake(Map.of("ut_pex", 7), 0, 0, "gossip", 0).encode()));
                gossip.send(new Message.HaveNone());
                // Their ut_pex id comes from their handshake; ours tells them to send theirs as 7.
                int theirPex = 0;
                Message m;
                while ((m = gossip.read()) != null) {
                    if (m instanceof Message.Extended e && e.extendedId() == 0) {
                        theirPex = ExtensionHandshake.parse(e.payload())
                                .orElseThrow()
                                .extensions()
                                .getOrDefault("ut_pex", 0);
                        if (theirPex > 0) {
                            gossip.send(new Message.Extended(
                                    theirPex,
                                    PexCodec.encode(new PexMessage(
                                            List.of(new PexPeer(seederAddress, PexPeer.SEED)), List.of()))));
                        }
                    }
                }
            } catch (IOException ignored) {
                // the session closed
            } finally {
                try {
                    gossipSocket.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        });
        var gossipAddress = new InetSocketAddress(InetAddress.getLoopbackAddress(), gossipSocket.getLocalPort());
        return last.add(AddTorrent.of(meta, tmp.resolve("last"))
                .with(b -> b.peers(List.of(gossipAddress)).useTrackers(false)));
    }

    @org.junit.jupiter.api.AfterEach
    void close() {
        if (last != null) last.close();
        if (seeder != null) seeder.close();
    }
}
