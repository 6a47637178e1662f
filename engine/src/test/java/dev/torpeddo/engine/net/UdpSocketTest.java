package dev.torpeddo.engine.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.torpeddo.engine.metainfo.InfoHash;
import dev.torpeddo.engine.tracker.AnnounceEvent;
import dev.torpeddo.engine.tracker.AnnounceRequest;
import dev.torpeddo.engine.tracker.AnnounceResponse;
import dev.torpeddo.engine.tracker.Tracker;
import dev.torpeddo.engine.tracker.TrackerException;
import dev.torpeddo.engine.tracker.TrackerTransport;
import dev.torpeddo.engine.tracker.UdpRetryPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UdpSocketTest {
    private static final InfoHash HASH = InfoHash.ofHex("0123456789abcdef0123456789abcdef01234567");
    private static final byte[] PEER_A = {10, 0, 0, 1, 0x1a, (byte) 0xe1};
    private static final byte[] PEER_B = {10, 0, 0, 2, 0x1a, (byte) 0xe2};
    private static final byte[] PING =
            "d1:ad2:id20:abcdefghij0123456789e1:q4:ping1:t2:aa1:y1:qe".getBytes(StandardCharsets.US_ASCII);

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose.reversed()) c.close();
    }

    private <T extends AutoCloseable> T closing(T c) {
        toClose.add(c);
        return c;
    }

    private UdpSocket openSocket(UdpDemux.Limits limits) throws IOException {
        return closing(UdpSocket.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), limits));
    }

    private UdpSocket openSocket() throws IOException {
        return openSocket(UdpDemux.Limits.DEFAULT);
    }

    private static TrackerTransport transport(UdpSocket socket, Duration timeout) {
        return TrackerTransport.defaults()
                .withUdp(socket.demux().trackerEndpoints())
                .withUdpRetry(new UdpRetryPolicy(timeout, 1));
    }

    private static AnnounceRequest request(int port) {
        return new AnnounceRequest(
                HASH,
                "-TP0001-abcdefghijkl".getBytes(StandardCharsets.US_ASCII),
                port,
                0,
                0,
                100,
                AnnounceEvent.STARTED,
                50,
                7);
    }

    private DatagramChannel client() throws IOException {
        return closing(DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
    }

    /** Waits for something the socket's threads do; the limit only keeps a broken build from hanging. */
    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("gave up waiting until " + what);
            Thread.sleep(5);
        }
    }

    @Test
    void aUdpTrackerAnnouncesFromTheSharedPort() throws Exception {
        UdpSocket socket = openSocket();
        LoopbackUdpTracker tracker = closing(new LoopbackUdpTracker(PEER_A));

        AnnounceResponse response = Tracker.of(tracker.uri(), transport(socket, Duration.ofSeconds(10)))
                .announce(request(6881));

        assertThat(response.peers()).containsExactly(new InetSocketAddress("10.0.0.1", 6881));
        assertThat(tracker.requestSources).hasSize(2).allMatch(from -> from.equals(socket.localAddress()));
        assertThat(socket.demux().stats().trackerReplies()).isEqualTo(2);
        assertThat(socket.demux().stats().pendingTransactions())
                .as("ids forgotten after the exchange")
                .isZero();
    }

    @Test
    void concurrentTrackerExchangesAndDhtTrafficEachGetTheirOwnPackets() throws Exception {
        UdpSocket socket = openSocket();
        BlockingQueue<String> dhtReceived = new LinkedBlockingQueue<>();
        socket.demux().onDht((from, packet) -> dhtReceived.add(new String(packet, StandardCharsets.US_ASCII)));
        LoopbackUdpTracker trackerA = closing(new LoopbackUdpTracker(PEER_A));
        LoopbackUdpTracker trackerB = closing(new LoopbackUdpTracker(PEER_B));
        Tracker a = Tracker.of(trackerA.uri(), transport(socket, Duration.ofSeconds(10)));
        Tracker b = Tracker.of(trackerB.uri(), transport(socket, Duration.ofSeconds(10)));
        DatagramChannel dhtNode = client();

        List<Future<AnnounceResponse>> fromA = new ArrayList<>();
        List<Future<AnnounceResponse>> fromB = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 20; i++) {
                fromA.add(pool.submit(() -> a.announce(request(6881))));
                fromB.add(pool.submit(() -> b.announce(request(6881))));
                dhtNode.send(ByteBuffer.wrap(PING), socket.localAddress());
            }
            for (Future<AnnounceResponse> f : fromA) {
                assertThat(f.get().peers()).containsExactly(new InetSocketAddress("10.0.0.1", 6881));
            }
            for (Future<AnnounceResponse> f : fromB) {
                assertThat(f.get().peers()).containsExactly(new InetSocketAddress("10.0.0.2", 6882));
            }
        }
        await(() -> dhtReceived.size() == 20, "the DHT has its 20 pings");
        assertThat(dhtReceived).allMatch(p -> p.equals(new String(PING, StandardCharsets.US_ASCII)));
        assertThat(socket.demux().stats().pendingTransactions()).isZero();
    }

    @Test
    void theDhtAnswersQueriesFromTheSamePort() throws Exception {
        UdpSocket socket = openSocket();
        byte[] pong = "d1:rd2:id20:mnopqrstuvwxyz012345e1:t2:aa1:y1:re".getBytes(StandardCharsets.US_ASCII);
        socket.demux().onDht((from, packet) -> {
            try {
                socket.send(ByteBuffer.wrap(pong), from);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        DatagramChannel node = client();

        node.send(ByteBuffer.wrap(PING), socket.localAddress());
        ByteBuffer reply = ByteBuffer.allocate(1500);
        InetSocketAddress from = (InetSocketAddress) node.receive(reply);

        assertThat(from).isEqualTo(socket.localAddress());
        assertThat(reply.flip().remaining()).isEqualTo(pong.length);
        byte[] got = new byte[pong.length];
        reply.get(got);
        assertThat(got).isEqualTo(pong);
    }

    @Test
    void aReplyFromAnImpostorPortNeverReachesTheExchange() throws Exception {
        UdpSocket socket = openSocket();
        LoopbackUdpTracker tracker = closing(new LoopbackUdpTracker(PEER_A));
        tracker.spoofFirst = true;

        AnnounceResponse response = Tracker.of(tracker.uri(), transport(socket, Duration.ofSeconds(10)))
                .announce(request(6881));

        // A forged connect reply would have made the announce fail, a forged announce reply would give its peer.
        assertThat(response.peers()).containsExactly(new InetSocketAddress("10.0.0.1", 6881));
        // The exchange has had both genuine replies, and each is counted before its exchange is woken.
        assertThat(socket.demux().stats().trackerReplies()).isEqualTo(2);
        // The forged replies were sent first, but nothing tells when the receive thread has dropped them (the
        // genuine ones may even overtake them): wait for the count.
        await(() -> socket.demux().stats().unmatched() == 2, "both impostor replies are dropped");
    }

    @Test
    void garbageAndStrayRepliesAreDroppedAndCounted() throws Exception {
        UdpSocket socket = openSocket();
        List<byte[]> dht = new ArrayList<>();
        socket.demux().onDht((from, packet) -> dht.add(packet));
        DatagramChannel stranger = client();
        byte[][] garbage = {
            {},
            {'x'},
            "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
            {0, 0, 0, 1, 0, 0},
            {0, 0, 0, 4, 1, 2, 3, 4},
            {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 2, 3, 4},
        };
        byte[] strayReply = {0, 0, 0, 1, 9, 9, 9, 9, 0, 0, 0, 60, 0, 0, 0, 0, 0, 0, 0, 0};

        for (byte[] g : garbage) stranger.send(ByteBuffer.wrap(g), socket.localAddress());
        stranger.send(ByteBuffer.wrap(strayReply), socket.localAddress());

        await(
                () -> socket.demux().stats().garbage() == garbage.length
                        && socket.demux().stats().unmatched() == 1,
                "all packets are counted");
        assertThat(socket.demux().stats().dhtPackets()).isZero();
        assertThat(dht).isEmpty();
    }

    @Test
    void aFloodWhileTheDhtIsStuckIsCutAtTheQueueBound() throws Exception {
        UdpSocket socket = openSocket(new UdpDemux.Limits(16, 1 << 20, 8));
        CountDownLatch release = new CountDownLatch(1);
        List<byte[]> handled = java.util.Collections.synchronizedList(new ArrayList<>());
        socket.demux().onDht((from, packet) -> {
            handled.add(packet);
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        DatagramChannel flooder = client();

        for (int i = 0; i < 5_000; i++) flooder.send(ByteBuffer.wrap(PING), socket.localAddress());
        // A marker sent after the flood: once it is counted, everything before it that the kernel kept is too.
        ByteBuffer marker = ByteBuffer.wrap(new byte[] {'!'});
        while (socket.demux().stats().garbage() == 0) {
            flooder.send(marker.rewind(), socket.localAddress());
            Thread.sleep(10);
        }

        UdpDemux.Stats stats = socket.demux().stats();
        assertThat(stats.dhtBacklog()).isLessThanOrEqualTo(16);
        assertThat(stats.dhtPackets())
                .as("one with the handler, the rest queued")
                .isLessThanOrEqualTo(17);
        assertThat(stats.queueFull()).isPositive();
        release.countDown();
        await(() -> handled.size() == stats.dhtPackets(), "the DHT drains its queue");

        LoopbackUdpTracker tracker = closing(new LoopbackUdpTracker(PEER_A));
        assertThat(Tracker.of(tracker.uri(), transport(socket, Duration.ofSeconds(10)))
                        .announce(request(1))
                        .peers())
                .as("the port still works after the flood")
                .hasSize(1);
    }

    @Test
    void closingTheSocketEndsAWaitingExchangeWithAnError() throws Exception {
        UdpSocket socket = openSocket();
        LoopbackUdpTracker tracker = closing(new LoopbackUdpTracker(PEER_A));
        tracker.silent = true;
        Tracker t = Tracker.of(tracker.uri(), transport(socket, Duration.ofMinutes(5)));

        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<AnnounceResponse> announce = pool.submit(() -> t.announce(request(6881)));
            await(() -> !tracker.requestSources.isEmpty(), "the connect request is out");
            socket.close();
            socket.awaitTermination();

            assertThatThrownBy(announce::get)
                    .cause()
                    .isInstanceOf(TrackerException.class)
                    .hasMessageContaining("UDP error: the shared UDP socket or this exchange was closed");
        }
        assertThatThrownBy(() -> t.announce(request(6881)))
                .isInstanceOf(TrackerException.class)
                .hasMessageContaining("cannot open a UDP socket: the shared UDP socket or this exchange was closed");
        assertThatThrownBy(() -> socket.send(ByteBuffer.wrap(PING), tracker.address()))
                .hasMessageContaining("is closed");
    }
}
