package dev.torpeddo.engine.torrent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.internal.ManualClock;
import dev.torpeddo.engine.internal.Threads;
import dev.torpeddo.engine.metainfo.InfoHash;
import dev.torpeddo.engine.peer.PeerConnection;
import dev.torpeddo.engine.wire.Handshake;
import dev.torpeddo.engine.wire.Message;
import dev.torpeddo.engine.wire.WireLimits;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Uploader#checkStuck} as the heartbeat calls it (every half second, on a manual clock), over a real
 * {@link PeerConnection} whose peer reads exactly what the test lets it.
 */
class UploaderTest {
    private static final long BEAT = 500_000_000L;
    private static final int BLOCK = WireLimits.BLOCK;
    /** More blocks than fit under the queue bound, even after the writer has taken a few. */
    private static final int FLOOD = (int) (Uploader.MAX_UPLOAD_QUEUE_BYTES / BLOCK) + 40;

    private final ManualClock clock = new ManualClock();
    private final GatedConnection socket = new GatedConnection();
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    // checkStuck uses only the peer; the rest of a torrent is not needed here.
    private final Uploader uploader = new Uploader(null, null, null, 4, 500, RandomGenerator.getDefault());
    private PeerConnection connection;
    private Peer peer;
    private int queued;

    @BeforeEach
    void connect() {
        Handshake remote = new Handshake(Handshake.ourReserved(), new InfoHash(new byte[20]), new byte[20]);
        connection = new PeerConnection(
                socket, remote, clock, WireLimits.DEFAULT, Duration.ofMinutes(2), Duration.ofMinutes(1));
        peer = new Peer(connection, null, false, 1, clock.nanoTime());
        connection.start(
                new PeerConnection.Handler() {
                    @Override
                    public void onMessage(PeerConnection c, Message m) {}

                    @Override
                    public void onClose(PeerConnection c, String reason) {
                        closed.complete(reason);
                    }
                },
                Threads.SYSTEM);
    }

    @AfterEach
    void close() {
        connection.close("test over");
    }

    /** Blocks the peer asked for, as the uploader queues them once read from disk. */
    private void queueBlocks(int count) {
        for (int i = 0; i < count; i++, queued++)
            connection.send(new Message.Piece(0, queued * BLOCK, new byte[BLOCK]));
    }

    /** One heartbeat after advancing the clock by half a second. */
    private void beat() {
        clock.advance(Duration.ofNanos(BEAT));
        uploader.checkStuck(peer, clock.nanoTime());
    }

    private static int beatsIn(long nanos) {
        return (int) (nanos / BEAT);
    }

    @Test
    void aPeerThatReadsNothingWhileItsQueueIsFullIsDroppedAfterThirtySeconds() throws Exception {
        queueBlocks(FLOOD);
        socket.awaitWriterBlocked();
        assertThat(connection.queuedBytes()).isGreaterThanOrEqualTo(Uploader.MAX_UPLOAD_QUEUE_BYTES);
        uploader.checkStuck(peer, clock.nanoTime());
        for (int i = 1; i < beatsIn(Uploader.STUCK_NANOS); i++) beat();
        assertThat(closed).as("dropped before 30 s").isNotDone();
        beat();
        assertThat(closed).isCompletedWithValueMatching(reason -> reason.contains("has read nothing for 30 s"));
    }

    @Test
    void aPeerThatReadsSlowlyIsKeptAlthoughItsQueueNeverEmpties() throws Exception {
        // A slow peer that keeps its requests topped up (one new request per block it receives): the queue
        // stays at the bound and the writer never runs dry, but blocks do leave, a little every 5 s.
        queueBlocks(FLOOD);
        socket.awaitWriterBlocked();
        uploader.checkStuck(peer, clock.nanoTime());
        for (int i = 1; i <= beatsIn(3 * Uploader.STUCK_NANOS); i++) {
            if (i % 10 == 0) {
                socket.letPeerRead(BLOCK + 13);
                queueBlocks(1);
                socket.awaitWriterBlocked();
            }
            beat();
            assertThat(closed).as("dropped after %d s although it reads", i / 2).isNotDone();
            assertThat(connection.queuedBytes())
                    .as("queued after %d s", i / 2)
                    .isGreaterThanOrEqualTo(Uploader.MAX_UPLOAD_QUEUE_BYTES);
        }
        // Once it stops reading altogether, it is stuck like any other.
        for (int i = 1; i <= beatsIn(Uploader.STUCK_NANOS); i++) beat();
        assertThat(closed).isCompletedWithValueMatching(reason -> reason.contains("has read nothing"));
    }

    @Test
    void aPeerThatReadsNothingButAsksForLessThanTheBoundIsNotDroppedForIt() throws Exception {
        // What it costs us is bounded anyway; a peer that is silent too is the idle timeout's business.
        queueBlocks(FLOOD / 2);
        socket.awaitWriterBlocked();
        uploader.checkStuck(peer, clock.nanoTime());
        for (int i = 1; i <= beatsIn(4 * Uploader.STUCK_NANOS); i++) beat();
        assertThat(closed).isNotDone();
    }
}
