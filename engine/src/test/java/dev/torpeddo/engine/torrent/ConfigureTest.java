package dev.torpeddo.engine.torrent;

import static dev.torpeddo.engine.torrent.SwarmTest.awaitState;
import static dev.torpeddo.engine.torrent.TestSwarm.addressOf;
import static dev.torpeddo.engine.torrent.TestSwarm.awaitComplete;
import static dev.torpeddo.engine.torrent.TestSwarm.loopbackConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.torpeddo.engine.api.AddTorrent;
import dev.torpeddo.engine.api.TorrentState;
import dev.torpeddo.engine.metainfo.Metainfo;
import dev.torpeddo.engine.session.Session;
import dev.torpeddo.engine.session.TorrentHandle;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings changed on a running session. */
class ConfigureTest {
    @TempDir
    Path tmp;

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Whether connecting to {@code port} is refused, within a couple of seconds (closing is not instant). */
    private static boolean refusesConnections(int port) throws Exception {
        return refusesConnections(InetAddress.getLoopbackAddress(), port);
    }

    private static boolean refusesConnections(InetAddress host, int port) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                new Socket(host, port).close();
            } catch (ConnectException e) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    @Test
    void theListenPortMovesWhileSeedingAndPeersReachTheNewOne() throws Exception {
        Path content = TestSwarm.writeContent(tmp.resolve("seed"), "port", 41, 120_000);
        Metainfo meta = TestSwarm.torrentOf(content, 16 * 1024);
        try (Session seeder = Session.start(loopbackConfig());
                Session leecher = Session.start(loopbackConfig())) {
            awaitState(
                    seeder.add(AddTorrent.of(meta, tmp.resolve("seed")).with(b -> b.useTrackers(false))),
                    TorrentState.SEEDING);
            int oldPort = seeder.listenPort();
            int newPort = freePort();
            seeder.configure(seeder.config().with(b -> b.listenPort(newPort)));

            assertThat(seeder.listenPort()).isEqualTo(newPort);
            assertThat(seeder.status().listenAddresses().getFirst().getPort()).isEqualTo(newPort);
            assertThat(refusesConnections(oldPort)).as("the old port is closed").isTrue();
            TorrentHandle h = leecher.add(AddTorrent.of(meta, tmp.resolve("dl"))
                    .with(b -> b.peers(List.of(addressOf(seeder))).useTrackers(false)));
            awaitComplete(h, Duration.ofSeconds(60));
        }
    }

    @Test
    void aSessionListensOnIpv4AndIpv6LoopbackAtOnePortAndAPortChangeMovesBoth() throws Exception {
        InetAddress v6 = InetAddress.ofLiteral("::1");
        Path content = TestSwarm.writeContent(tmp.resolve("seed"), "dual", 43, 90_000);
        Metainfo meta = TestSwarm.torrentOf(content, 16 * 1024);
        try (Session seeder = Session.start(loopbackConfig().with(b -> b.alsoListenOn(List.of(v6))));
                Session leecher4 = Session.start(loopbackConfig());
                Session leecher6 =
                        Session.start(loopbackConfig().with(b -> b.listenAddress(new InetSocketAddress(v6, 0))))) {
            awaitState(
                    seeder.add(AddTorrent.of(meta, tmp.resolve("seed")).with(b -> b.useTrackers(false))),
                    TorrentState.SEEDING);
            int oldPort = seeder.listenPort();
            assertThat(seeder.status().listenAddresses())
                    .containsExactly(
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), oldPort),
                            new InetSocketAddress(v6, oldPort));
            int newPort = freePort();
            seeder.configure(seeder.config().with(b -> b.listenPort(newPort)));
            assertThat(seeder.status().listenAddresses())
                    .extracting(InetSocketAddress::getPort)
                    .containsExactly(newPort, newPort);
            assertThat(refusesConnections(oldPort))
                    .as("the old IPv4 port is closed")
                    .isTrue();
            assertThat(refusesConnections(v6, oldPort))
                    .as("the old IPv6 port is closed")
                    .isTrue();

            TorrentHandle over4 = leecher4.add(AddTorrent.of(meta, tmp.resolve("dl4"))
                    .with(b -> b.peers(List.of(addressOf(seeder))).useTrackers(false)));
            TorrentHandle over6 = leecher6.add(AddTorrent.of(meta, tmp.resolve("dl6"))
                    .with(b ->
                            b.peers(List.of(new InetSocketAddress(v6, newPort))).useTrackers(false)));
            awaitComplete(over4, Duration.ofSeconds(60));
            awaitComplete(over6, Duration.ofSeconds(60));
        }
    }

    @Test
    void anAddressThatCannotBeBoundFailsTheStartAndLeavesNoListenerOpen() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.ofLiteral("::1"))) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> Session.start(loopbackConfig()
                            .with(b -> b.listenPort(port).alsoListenOn(List.of(InetAddress.ofLiteral("::1"))))))
                    .isInstanceOf(java.net.BindException.class);
            assertThat(refusesConnections(port))
                    .as("the IPv4 socket opened first is closed again")
                    .isTrue();
        }
    }

    @Test
    void theDhtMovesToTheNewPortAndTheOldOneIsReleased() throws Exception {
        try (Session s = Session.start(loopbackConfig()
                        .with(b -> b.dht(dev.torpeddo.engine.api.DhtOptions.bootstrapFrom(List.of()))));
                java.net.DatagramSocket asker = new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            int oldPort = s.listenPort();
            int newPort = freePort();
            s.configure(s.config().with(b -> b.listenPort(newPort)));

            assertThat(s.status().listenAddresses())
                    .extracting(InetSocketAddress::getPort)
                    .containsOnly(newPort);
            assertThat(s.status().udpAddresses())
                    .extracting(InetSocketAddress::getPort)
                    .containsOnly(newPort);
            asker.setSoTimeout(5000);
            byte[] ping = "d1:ad2:id20:abcdefghij0123456789e1:q4:ping1:t2:aa1:y1:qe"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            asker.send(new java.net.DatagramPacket(ping, ping.length, InetAddress.getLoopbackAddress(), newPort));
            java.net.DatagramPacket reply = new java.net.DatagramPacket(new byte[1500], 1500);
            asker.receive(reply);
            assertThat(new String(reply.getData(), 0, reply.getLength(), java.nio.charset.StandardCharsets.ISO_8859_1))
                    .as("a DHT reply from the new port")
                    .contains("1:y1:r");
            // The old UDP port is free again: nothing of ours holds it.
            try (java.net.DatagramSocket again =
                    new java.net.DatagramSocket(oldPort, InetAddress.getLoopbackAddress())) {
                assertThat(again.getLocalPort()).isEqualTo(oldPort);
            }
        }
    }

    @Test
    void aUdpPortThatIsTakenIsRefusedAndNothingChanges() throws Exception {
        try (Session s = Session.start(loopbackConfig());
                java.net.DatagramSocket taken = new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            int before = s.listenPort();
            assertThatThrownBy(() -> s.configure(s.config().with(b -> b.listenPort(taken.getLocalPort()))))
                    .isInstanceOf(java.net.BindException.class);
            assertThat(s.listenPort()).isEqualTo(before);
            assertThat(refusesConnections(taken.getLocalPort()))
                    .as("the TCP port bound for the move is closed again")
                    .isTrue();
        }
    }

    @Test
    void aPortThatIsTakenIsRefusedAndNothingChanges() throws Exception {
        try (Session s = Session.start(loopbackConfig());
                ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int before = s.listenPort();
            assertThatThrownBy(() -> s.configure(s.config().with(b -> b.listenPort(taken.getLocalPort()))))
                    .isInstanceOf(java.net.BindException.class);
            assertThat(s.listenPort()).isEqualTo(before);
            assertThat(s.config().listenAddress().getPort()).isZero();
        }
    }

    @Test
    void freeSpaceIsReportedForASavePathThatDoesNotExistYet() throws Exception {
        long free = Session.freeSpace(tmp.resolve("not/yet/there"));
        assertThat(free)
                .isPositive()
                .isCloseTo(
                        java.nio.file.Files.getFileStore(tmp).getUsableSpace(),
                        org.assertj.core.data.Offset.offset(64L << 20));
    }

    @Test
    void theSessionsConnectionLimitCanShrinkAndGrowWhilePermitsAreHeld() throws Exception {
        ConnectionSlots slots = new ConnectionSlots(3);
        assertThat(slots.tryAcquire(2)).isTrue();
        slots.resize(1); // two in use, one allowed: no new connection until both are gone
        assertThat(slots.tryAcquire()).isFalse();
        slots.release();
        assertThat(slots.tryAcquire()).isFalse();
        slots.release();
        assertThat(slots.tryAcquire()).isTrue();
        slots.resize(4);
        assertThat(slots.tryAcquire(3)).isTrue();
        assertThat(slots.tryAcquire()).isFalse();
    }
}
