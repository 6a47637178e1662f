package dev.torpeddo.engine.peer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.internal.ManualClock;
import dev.torpeddo.engine.internal.Threads;
import dev.torpeddo.engine.metainfo.InfoHash;
import dev.torpeddo.engine.net.Network;
import dev.torpeddo.engine.wire.Handshake;
import dev.torpeddo.engine.wire.Message;
import dev.torpeddo.engine.wire.WireLimits;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Idle timeout and keep-alives, driven by the owner's heartbeat ({@link PeerConnection#checkTimers}) on a
 * manual clock, over a real loopback socket whose other end plays the peer.
 */
class PeerConnectionTimersTest {
    private static final Duration IDLE = Duration.ofMinutes(2);
    private static final Duration KEEP_ALIVE = Duration.ofMinutes(1);

    private final ManualClock clock = new ManualClock();
    private final BlockingQueue<Message> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private Network.Listener listener;
    private Socket peer;
    private PeerConnection connection;

    @BeforeEach
    void connect() throws Exception {
        Network net = Network.tcp();
        listener = net.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        peer = new Socket(
                listener.localAddress().getAddress(), listener.localAddress().getPort());
        peer.setSoTimeout(5000); // the test fails rather than hangs
        Network.Connection ours = listener.accept();
        Handshake remote = new Handshake(
                Handshake.ourReserved(), InfoHash.ofHex("0123456789abcdef0123456789abcdef01234567"), new byte[20]);
        connection = new PeerConnection(ours, remote, clock, WireLimits.DEFAULT, IDLE, KEEP_ALIVE);
        connection.start(
                new PeerConnection.Handler() {
                    @Override
                    public void onMessage(PeerConnection c, Message message) {
                        received.add(message);
                    }

                    @Override
                    public void onClose(PeerConnection c, String reason) {
                        closed.complete(reason);
                    }
                },
                Threads.SYSTEM);
    }

    @AfterEach
    void close() throws IOException {
        connection.close("test over");
        peer.close();
        listener.close();
    }

    /** The peer may read a frame a moment before the writer thread counts its flush. */
    private void awaitFlushes(long n) throws InterruptedException {
        for (int i = 0; i < 5000 && connection.flushCount() < n; i++) Thread.sleep(1);
        assertThat(connection.flushCount()).isGreaterThanOrEqualTo(n);
    }

    @Test
    void aPeerSilentForTheIdleTimeoutIsDropped() throws Exception {
        connection.checkTimers(clock.nanoTime());
        clock.advance(IDLE.minusSeconds(1));
        connection.checkTimers(clock.nanoTime());
        assertThat(connection.isClosed()).isFalse();

        clock.advance(Duration.ofSeconds(1));
        connection.checkTimers(clock.nanoTime());

        assertThat(closed.get(5, TimeUnit.SECONDS)).isEqualTo("idle for 120 s");
    }

    @Test
    void theIdleTimeCountsFromTheConnectionNotFromTheFirstHeartbeat() throws Exception {
        clock.advance(IDLE);
        connection.checkTimers(clock.nanoTime());

        assertThat(closed.get(5, TimeUnit.SECONDS)).isEqualTo("idle for 120 s");
    }

    @Test
    void anyMessageFromThePeerRestartsTheIdleTimeout() throws Exception {
        clock.advance(IDLE.minusSeconds(10));
        OutputStream out = peer.getOutputStream();
        out.write(new byte[4]); // a keep-alive from the peer
        out.flush();
        assertThat(received.poll(5, TimeUnit.SECONDS)).isInstanceOf(Message.KeepAlive.class);

        connection.checkTimers(clock.nanoTime()); // notices the message
        clock.advance(IDLE.minusSeconds(1));
        connection.checkTimers(clock.nanoTime());

        assertThat(connection.isClosed()).isFalse();
        clock.advance(Duration.ofSeconds(1));
        connection.checkTimers(clock.nanoTime());
        assertThat(closed.get(5, TimeUnit.SECONDS)).startsWith("idle");
    }

    @Test
    void aPeerStillSendingAMessageIsNotIdle() throws Exception {
        clock.advance(IDLE.minusSeconds(10));
        OutputStream out = peer.getOutputStream();
        out.write(new byte[] {0, 0, 0, 5, Message.ID_HAVE, 0}); // a HAVE cut short, as a slow link delivers it
        out.flush();
        for (int i = 0; i < 5000 && connection.bytesReceived() < 6; i++) Thread.sleep(1);

        connection.checkTimers(clock.nanoTime()); // notices the bytes
        clock.advance(IDLE.minusSeconds(1));
        connection.checkTimers(clock.nanoTime());
        assertThat(connection.isClosed()).isFalse();

        out.write(new byte[] {0, 0, 7});
        out.flush();
        assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo(new Message.Have(7));
    }

    @Test
    void aKeepAliveGoesOutAfterTheIntervalWithoutWritesAndNotBefore() throws Exception {
        DataInputStream in = new DataInputStream(peer.getInputStream());
        connection.send(new Message.Interested());
        assertThat(in.readInt()).isEqualTo(1);
        assertThat(in.readUnsignedByte()).isEqualTo(Message.ID_INTERESTED);
        awaitFlushes(1);
        connection.checkTimers(clock.nanoTime()); // notices the write

        clock.advance(KEEP_ALIVE.minusSeconds(1));
        connection.checkTimers(clock.nanoTime());
        connection.send(new Message.NotInterested()); // the next frame must be this, not a keep-alive
        assertThat(in.readInt()).isEqualTo(1);
        assertThat(in.readUnsignedByte()).isEqualTo(Message.ID_NOT_INTERESTED);

        awaitFlushes(2);
        connection.checkTimers(clock.nanoTime()); // notices the second write
        clock.advance(KEEP_ALIVE);
        connection.checkTimers(clock.nanoTime());

        assertThat(in.readInt()).as("a keep-alive: a zero length prefix").isZero();
        assertThat(connection.isClosed()).isFalse();
    }
}
