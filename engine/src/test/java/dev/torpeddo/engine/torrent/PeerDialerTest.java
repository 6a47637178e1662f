package dev.torpeddo.engine.torrent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.internal.ManualClock;
import dev.torpeddo.engine.metainfo.InfoHash;
import dev.torpeddo.engine.net.Network;
import dev.torpeddo.engine.peer.PeerConnector;
import dev.torpeddo.engine.wire.Handshake;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The dial scheduling policy on a manual clock. Dials do not run until the test runs them, so a dial the
 * test has not run is one still pending (connecting or handshaking).
 */
class PeerDialerTest {
    private static final int ROOM = 60;

    private final ManualClock clock = new ManualClock();
    private final Object owner = new Object();
    private final Swarm swarm = new Swarm();
    private final List<Runnable> dials = new ArrayList<>();
    private final List<InetSocketAddress> attempted = new ArrayList<>();
    private final Set<InetSocketAddress> refusing = new HashSet<>();
    private final List<InetSocketAddress> handedOver = new ArrayList<>();
    private final List<Integer> inProgressWhenHandedOver = new ArrayList<>();
    private final PeerDialer dialer = new PeerDialer(owner, swarm, clock, this::connect, dials::add, this::connected);

    private PeerConnector.Established connect(InetSocketAddress to) throws IOException {
        attempted.add(to);
        if (refusing.contains(to)) throw new ConnectException("Connection refused");
        Handshake remote = new Handshake(Handshake.ourReserved(), new InfoHash(new byte[20]), new byte[20]);
        return new PeerConnector.Established(new NoConnection(to), remote);
    }

    private void connected(InetSocketAddress address, PeerConnector.Established established) {
        synchronized (owner) {
            handedOver.add(address);
            inProgressWhenHandedOver.add(dialer.inProgress());
        }
    }

    private static InetSocketAddress address(int i) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 10_000 + i);
    }

    private List<InetSocketAddress> known(int n) {
        List<InetSocketAddress> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(address(i));
            swarm.add(address(i), dev.torpeddo.engine.api.PeerSource.MANUAL);
        }
        return out;
    }

    private int dialDue(int roomForPeers) {
        synchronized (owner) {
            return dialer.dialDue(roomForPeers);
        }
    }

    private void finish(int dial) {
        dials.get(dial).run();
    }

    @Test
    void atMostSixteenDialsArePendingAtOnce() {
        known(40);
        assertThat(dialDue(ROOM)).isEqualTo(PeerDialer.MAX_FRESH_DIALS).isEqualTo(16);
        assertThat(dialDue(ROOM)).isZero();
        clock.advance(Duration.ofMillis(1900));
        assertThat(dialDue(ROOM)).as("none is slow yet").isZero();
        assertThat(dialer.inProgress()).isEqualTo(16);
    }

    @Test
    void aFinishedDialMakesRoomForTheNext() {
        known(40);
        dialDue(ROOM);
        finish(0);
        finish(1);
        assertThat(dialer.inProgress()).isEqualTo(14);
        assertThat(dialDue(ROOM)).isEqualTo(2);
    }

    @Test
    void dialsPendingForLongNoLongerHoldBackNewOnes() {
        List<InetSocketAddress> all = known(40);
        dialDue(ROOM);
        clock.advance(Duration.ofSeconds(2));
        // Sixteen hosts that neither answer nor refuse: the next sixteen are dialled beside them.
        assertThat(dialDue(ROOM)).isEqualTo(16);
        assertThat(dialer.inProgress()).isEqualTo(32);
        clock.advance(Duration.ofSeconds(1));
        assertThat(dialDue(ROOM)).as("the second sixteen are not slow yet").isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(dialDue(ROOM)).as("what is left").isEqualTo(8);
        for (int i = 0; i < dials.size(); i++) finish(i);
        assertThat(attempted).containsExactlyInAnyOrderElementsOf(all);
    }

    @Test
    void everyPendingDialSlowOrNotCountsAgainstTheRoomForPeers() {
        known(40);
        assertThat(dialDue(10)).isEqualTo(10);
        clock.advance(Duration.ofSeconds(10));
        assertThat(dialDue(10)).as("slow dials may still become peers").isZero();
        assertThat(dialDue(12)).isEqualTo(2);
    }

    @Test
    void aFailedDialIsRecordedAndRetriedOnlyAfterABackOff() {
        InetSocketAddress a = known(1).getFirst();
        refusing.add(a);
        assertThat(dialDue(ROOM)).isEqualTo(1);
        clock.advance(Duration.ofSeconds(3)); // slow, then refused: still a failure
        finish(0);
        assertThat(dialer.inProgress()).isZero();
        assertThat(handedOver).isEmpty();
        assertThat(dialDue(ROOM)).as("just failed").isZero();
        clock.advance(Duration.ofSeconds(14));
        assertThat(dialDue(ROOM)).as("still backing off").isZero();
        clock.advance(Duration.ofSeconds(2));
        assertThat(dialDue(ROOM)).as("due again").isEqualTo(1);
        assertThat(attempted).containsExactly(a);
    }

    @Test
    void aConnectedPeerIsHandedOverStillCountedAndNotDialledAgain() {
        InetSocketAddress a = known(1).getFirst();
        dialDue(ROOM);
        finish(0);
        assertThat(handedOver).containsExactly(a);
        assertThat(inProgressWhenHandedOver)
                .as("counted until the owner has it, so its heartbeat never sees room about to be filled")
                .containsExactly(1);
        assertThat(dialer.inProgress()).isZero();
        clock.advance(Duration.ofHours(1));
        assertThat(dialDue(ROOM)).isZero();
    }

    /** A stand-in for a socket the test never uses. */
    private record NoConnection(InetSocketAddress remote) implements Network.Connection {
        @Override
        public InputStream in() {
            return InputStream.nullInputStream();
        }

        @Override
        public OutputStream out() {
            return OutputStream.nullOutputStream();
        }

        @Override
        public void setReadTimeout(Duration timeout) {}

        @Override
        public void close() {}
    }
}
