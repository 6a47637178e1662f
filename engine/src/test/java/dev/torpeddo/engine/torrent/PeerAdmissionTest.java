package dev.torpeddo.engine.torrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.torpeddo.engine.api.PeerSource;
import dev.torpeddo.engine.internal.ManualClock;
import dev.torpeddo.engine.metainfo.InfoHash;
import dev.torpeddo.engine.net.Network;
import dev.torpeddo.engine.wire.Handshake;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Who may join a torrent or a magnet fetch, on a manual clock and a swarm of its own. */
class PeerAdmissionTest {
    private static final Optional<PeerAdmission.Refusal> WELCOME = Optional.empty();

    private final ManualClock clock = new ManualClock();
    private final Swarm swarm = new Swarm();
    private final ConnectionSlots slots = new ConnectionSlots(10);
    private final PeerAdmission<String> admission = new PeerAdmission<>(slots, swarm, clock, 3);

    private static InetSocketAddress address(String ip, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(ip), port);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static Handshake handshake(String peerId) {
        byte[] id = Arrays.copyOf(peerId.getBytes(StandardCharsets.US_ASCII), 20);
        return new Handshake(Handshake.ourReserved(), new InfoHash(new byte[20]), id);
    }

    /** A dialled connection, as the dialler hands it over: its address was taken from the swarm. */
    private Optional<String> dialled(String peer, InetSocketAddress at) {
        swarm.add(at, PeerSource.TRACKER);
        assertThat(swarm.takeDue(clock.nanoTime(), Integer.MAX_VALUE)).contains(at);
        return admission.admit(peer, handshake(peer), at, true, WELCOME);
    }

    private Optional<String> incoming(String peer, InetSocketAddress from) {
        return admission.admit(peer, handshake(peer), from, false, WELCOME);
    }

    private boolean dueNow(InetSocketAddress a) {
        return swarm.takeDue(clock.nanoTime(), Integer.MAX_VALUE).contains(a);
    }

    @Test
    void admitsUpToTheLimitAndTakesMoreOnceSomeoneLeaves() {
        assertThat(incoming("a", address("10.0.0.1", 1))).isEmpty();
        assertThat(incoming("b", address("10.0.0.2", 1))).isEmpty();
        assertThat(incoming("c", address("10.0.0.3", 1))).isEmpty();
        assertThat(admission.room()).isZero();

        assertThat(incoming("d", address("10.0.0.4", 1))).contains("too many peers");
        assertThat(admission.peers()).containsExactly("a", "b", "c");

        assertThat(admission.leave("b")).isTrue();
        assertThat(incoming("d", address("10.0.0.4", 1))).isEmpty();
        assertThat(admission.peerList()).containsExactly("a", "c", "d");
    }

    @Test
    void aLoweredLimitLeavesRoomForNobodyUntilEnoughHaveLeft() {
        for (String p : new String[] {"a", "b", "c"}) incoming(p, address("10.0.0.1", p.charAt(0)));
        admission.setLimit(1);
        assertThat(admission.room()).isEqualTo(-2);
        admission.leave("a");
        admission.leave("b");
        assertThat(incoming("d", address("10.0.0.4", 1))).contains("too many peers");
        admission.leave("c");
        assertThat(incoming("d", address("10.0.0.4", 1))).isEmpty();
        assertThatThrownBy(() -> admission.setLimit(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSecondConnectionWithTheSamePeerIdIsRefusedWhateverItsAddress() {
        assertThat(dialled("same", address("10.0.0.1", 6881))).isEmpty();
        // The same peer dialling us while we dialled it: another address, the same peer id.
        assertThat(admission.admit("same-again", handshake("same"), address("10.0.0.1", 50_000), false, WELCOME))
                .contains("already connected to this peer");
        assertThat(admission.peers()).containsExactly("same");

        admission.leave("same");
        assertThat(admission.admit("same-again", handshake("same"), address("10.0.0.1", 50_000), false, WELCOME))
                .isEmpty();
    }

    @Test
    void aBannedPeerIsRefusedOnAnyPortOfItsAddress() {
        InetSocketAddress liar = address("10.0.0.9", 6881);
        assertThat(swarm.strike(liar, HexFormat.of().formatHex(handshake("liar").peerId()), 1))
                .isTrue();

        assertThat(incoming("liar", address("10.0.0.9", 40_000))).contains("banned");
        assertThat(incoming("other", address("10.0.0.10", 40_000))).isEmpty();
    }

    @Test
    void theOwnersReasonComesFirstAndADialledAddressRefusedForGoodIsNeverDialledAgain() {
        InetSocketAddress mute = address("10.0.0.1", 6881);
        swarm.add(mute, PeerSource.DHT);
        swarm.takeDue(clock.nanoTime(), 1);
        var forGood = Optional.of(new PeerAdmission.Refusal("cannot send metadata", true));
        assertThat(admission.admit("mute", handshake("mute"), mute, true, forGood))
                .contains("cannot send metadata");
        assertThat(admission.isEmpty()).isTrue();

        clock.advance(Duration.ofDays(1));
        assertThat(dueNow(mute)).isFalse();
        assertThat(swarm.knownCount()).isZero();
    }

    @Test
    void aDialledAddressRefusedForNowIsTriedAgainLater() {
        InetSocketAddress busy = address("10.0.0.1", 6881);
        swarm.add(busy, PeerSource.DHT);
        swarm.takeDue(clock.nanoTime(), 1);
        var notNow = Optional.of(new PeerAdmission.Refusal("torrent not active", false));
        assertThat(admission.admit("busy", handshake("busy"), busy, true, notNow))
                .contains("torrent not active");

        assertThat(dueNow(busy)).isFalse();
        clock.advance(Duration.ofMinutes(1));
        assertThat(dueNow(busy)).isTrue();
    }

    @Test
    void aDialledPeerIsNotDialledAgainWhileConnectedAndSoonAfterItLeaves() {
        InetSocketAddress seed = address("10.0.0.1", 6881);
        assertThat(dialled("seed", seed)).isEmpty();
        clock.advance(Duration.ofMinutes(10));
        assertThat(dueNow(seed)).isFalse();

        admission.leave("seed");
        assertThat(dueNow(seed)).isFalse();
        clock.advance(Duration.ofSeconds(15));
        assertThat(dueNow(seed)).isTrue();
    }

    @Test
    void anIncomingPeerLeavesTheSwarmAsItWas() {
        // Its address is where it connected from, not where it listens: the swarm must not hear of it.
        InetSocketAddress from = address("10.0.0.1", 6881);
        swarm.add(from, PeerSource.TRACKER);
        assertThat(incoming("in", from)).isEmpty();
        admission.leave("in");
        assertThat(dueNow(from)).isTrue();
    }

    @Test
    void everyConnectionHoldsASlotUntilItLeavesOrIsTurnedAway() throws IOException {
        ConnectionSlots one = new ConnectionSlots(1);
        PeerAdmission<String> tight = new PeerAdmission<>(one, swarm, clock, 5);

        tight.takeIncomingSlot();
        assertThatThrownBy(tight::takeIncomingSlot).isInstanceOf(IOException.class);
        tight.admit("a", handshake("a"), address("10.0.0.1", 1), false, WELCOME);
        assertThat(tight.leave("a")).isTrue();
        assertThat(tight.leave("a")).isFalse(); // a second close gives nothing back twice
        assertThat(one.availablePermits()).isEqualTo(1);

        tight.takeIncomingSlot();
        Closable refused = new Closable();
        tight.turnAway(refused);
        assertThat(refused.closed).isTrue();
        assertThat(one.availablePermits()).isEqualTo(1);
    }

    @Test
    void aPeerThatWasNeverAdmittedCannotLeave() {
        assertThat(incoming("a", address("10.0.0.1", 1))).isEmpty();
        admission.setLimit(1);
        assertThat(incoming("b", address("10.0.0.2", 1))).isPresent();
        assertThat(admission.leave("b")).isFalse();
        assertThat(slots.availablePermits()).isEqualTo(10);
    }

    private static final class Closable implements Network.Connection {
        boolean closed;

        @Override
        public InputStream in() {
            return InputStream.nullInputStream();
        }

        @Override
        public OutputStream out() {
            return OutputStream.nullOutputStream();
        }

        @Override
        public InetSocketAddress remote() {
            return address("10.0.0.1", 1);
        }

        @Override
        public void setReadTimeout(Duration timeout) {}

        @Override
        public void close() {
            closed = true;
        }
    }
}
