package dev.torpeddo.engine.torrent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.internal.ManualClock;
import dev.torpeddo.engine.metainfo.InfoHash;
import dev.torpeddo.engine.peer.PeerConnection;
import dev.torpeddo.engine.wire.Handshake;
import dev.torpeddo.engine.wire.WireLimits;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link Peer#uploadStalled}: when a peer whose send queue is full counts as having stopped reading. */
class PeerTest {
    private static final long STUCK = 30_000_000_000L;
    private static final long SECOND = 1_000_000_000L;

    private final Peer peer = newPeer();

    private static Peer newPeer() {
        ManualClock clock = new ManualClock();
        Handshake remote = new Handshake(Handshake.ourReserved(), new InfoHash(new byte[20]), new byte[20]);
        PeerConnection c = new PeerConnection(
                new GatedConnection(), remote, clock, WireLimits.DEFAULT, Duration.ofMinutes(2), Duration.ofMinutes(1));
        return new Peer(c, null, false, 1, clock.nanoTime());
    }

    @Test
    void fullWithNothingWrittenForTheWholeSpanIsStalled() {
        assertThat(peer.uploadStalled(true, 7, 0, STUCK)).isFalse();
        assertThat(peer.uploadStalled(true, 7, 10 * SECOND, STUCK)).isFalse();
        assertThat(peer.uploadStalled(true, 7, STUCK - 1, STUCK)).isFalse();
        assertThat(peer.uploadStalled(true, 7, STUCK, STUCK)).isTrue();
    }

    @Test
    void anyWriteStartsTheSpanAgain() {
        peer.uploadStalled(true, 7, 0, STUCK);
        assertThat(peer.uploadStalled(true, 8, 20 * SECOND, STUCK)).isFalse();
        assertThat(peer.uploadStalled(true, 8, 49 * SECOND, STUCK)).isFalse();
        assertThat(peer.uploadStalled(true, 8, 50 * SECOND, STUCK)).isTrue();
    }

    @Test
    void aMomentBelowTheBoundStartsTheSpanAgain() {
        peer.uploadStalled(true, 7, 0, STUCK);
        assertThat(peer.uploadStalled(false, 7, 20 * SECOND, STUCK)).isFalse();
        assertThat(peer.uploadStalled(true, 7, 21 * SECOND, STUCK)).isFalse();
        assertThat(peer.uploadStalled(true, 7, 50 * SECOND, STUCK)).isFalse();
        assertThat(peer.uploadStalled(true, 7, 51 * SECOND, STUCK)).isTrue();
    }

    @Test
    void aQueueBelowTheBoundNeverStalls() {
        for (long t = 0; t <= 10 * STUCK; t += SECOND)
            assertThat(peer.uploadStalled(false, 7, t, STUCK)).isFalse();
    }
}
