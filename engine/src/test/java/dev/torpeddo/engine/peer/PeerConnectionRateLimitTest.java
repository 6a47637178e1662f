package dev.torpeddo.engine.peer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.bandwidth.Bandwidth;
import dev.torpeddo.engine.bandwidth.RateLimiter;
import dev.torpeddo.engine.internal.Clock;
import dev.torpeddo.engine.internal.Threads;
import dev.torpeddo.engine.metainfo.InfoHash;
import dev.torpeddo.engine.net.Network;
import dev.torpeddo.engine.wire.Handshake;
import dev.torpeddo.engine.wire.Message;
import dev.torpeddo.engine.wire.WireLimits;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two connections over a real loopback socket, one sending blocks as fast as it may, on real time: the bytes
 * that arrive follow the sender's upload limit or the receiver's download limit. Real time is noisy, so the
 * average over two seconds must be within 10 % (the limiter itself is held to 5 % on simulated time).
 */
class PeerConnectionRateLimitTest {
    private static final long LIMIT = 1024 * 1024;
    private static final Handshake REMOTE = new Handshake(
            Handshake.ourReserved(), InfoHash.ofHex("0123456789abcdef0123456789abcdef01234567"), new byte[20]);
    private static final PeerConnection.Handler IGNORE = new PeerConnection.Handler() {
        @Override
        public void onMessage(PeerConnection c, Message message) {}

        @Override
        public void onClose(PeerConnection c, String reason) {}
    };

    private Network.Listener listener;
    private Network.Connection sending;
    private Network.Connection receiving;
    private PeerConnection sender;
    private PeerConnection receiver;
    private Thread feeder;

    @BeforeEach
    void connect() throws IOException {
        Network net = Network.tcp();
        listener = net.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        sending = net.connect(listener.localAddress(), Duration.ofSeconds(5));
        receiving = listener.accept();
    }

    @AfterEach
    void close() throws Exception {
        if (feeder != null) feeder.interrupt();
        if (sender != null) sender.close("test over");
        if (receiver != null) receiver.close("test over");
        listener.close();
        if (feeder != null) feeder.join(5000);
    }

    private PeerConnection connection(Network.Connection c, Bandwidth download, Bandwidth upload) {
        return new PeerConnection(
                c,
                REMOTE,
                Clock.SYSTEM,
                WireLimits.DEFAULT,
                Duration.ofMinutes(2),
                Duration.ofMinutes(1),
                download,
                upload);
    }

    /** Starts both ends and keeps the sender's queue full of blocks. */
    private void run(Bandwidth senderUpload, Bandwidth receiverDownload) {
        sender = connection(sending, Bandwidth.UNLIMITED, senderUpload);
        receiver = connection(receiving, receiverDownload, Bandwidth.UNLIMITED);
        sender.start(IGNORE, Threads.SYSTEM);
        receiver.start(IGNORE, Threads.SYSTEM);
        byte[] block = new byte[16 * 1024];
        feeder = Thread.ofVirtual().start(() -> {
            int offset = 0;
            while (!Thread.currentThread().isInterrupted() && !sender.isClosed()) {
                if (sender.queuedBytes() < 2 * LIMIT) {
                    sender.send(new Message.Piece(0, offset, block));
                    offset += block.length;
                } else {
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        });
    }

    /** Bytes per second arriving at the receiver over two seconds, after half a second to settle. */
    private double measuredRate() throws InterruptedException {
        Thread.sleep(500);
        long bytes = receiver.bytesReceived();
        long start = Clock.SYSTEM.nanoTime();
        Thread.sleep(2000);
        long elapsed = Clock.SYSTEM.nanoTime() - start;
        return (receiver.bytesReceived() - bytes) * 1e9 / elapsed;
    }

    @Test
    void theReceiverTakesNoMoreThanItsDownloadLimit() throws Exception {
        RateLimiter torrent = new RateLimiter(Clock.SYSTEM, 4 * LIMIT);
        RateLimiter session = new RateLimiter(Clock.SYSTEM, LIMIT);
        run(Bandwidth.UNLIMITED, Bandwidth.of(torrent, session));

        assertThat(measuredRate()).isBetween(LIMIT * 0.9, LIMIT * 1.1);
        assertThat(receiver.isClosed()).isFalse();
    }

    @Test
    void theSenderSendsNoMoreThanItsUploadLimit() throws Exception {
        RateLimiter torrent = new RateLimiter(Clock.SYSTEM, LIMIT);
        RateLimiter session = new RateLimiter(Clock.SYSTEM); // no session limit
        run(Bandwidth.of(torrent, session), Bandwidth.UNLIMITED);

        assertThat(measuredRate()).isBetween(LIMIT * 0.9, LIMIT * 1.1);
        assertThat(sender.isClosed()).isFalse();
    }
}
