package dev.torpeddo.engine.peer;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.torpeddo.engine.api.Encryption;
import dev.torpeddo.engine.internal.ManualClock;
import dev.torpeddo.engine.metainfo.InfoHash;
import dev.torpeddo.engine.mse.EncryptedConnection;
import dev.torpeddo.engine.mse.MseException;
import dev.torpeddo.engine.net.Network;
import dev.torpeddo.engine.net.UdpPort;
import dev.torpeddo.engine.wire.Handshake;
import dev.torpeddo.engine.wire.WireException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Handshakes in both directions must be over within a deadline as a whole, however the peer spaces its
 * bytes. Runs on a manual clock over a scripted connection that behaves like a blocking socket: a read waits
 * for the peer's next byte, or fails with a timeout if the read timeout runs out first.
 */
class PeerConnectorTest {
    private static final Duration DEADLINE = Duration.ofSeconds(5);
    private static final InfoHash HASH = InfoHash.ofHex("0123456789abcdef0123456789abcdef01234567");
    private static final InfoHash OTHER = InfoHash.ofHex("89abcdef0123456789abcdef0123456789abcdef");
    private static final byte[] OUR_ID = "-TP0100-ourselves123".getBytes(US_ASCII);
    private static final byte[] THEIR_ID = "-XX0001-somebodyelse".getBytes(US_ASCII);
    private static final InetSocketAddress SOMEWHERE = new InetSocketAddress(InetAddress.getLoopbackAddress(), 6881);

    private final ManualClock clock = new ManualClock();

    private static byte[] handshake(InfoHash hash, byte[] id) {
        return new Handshake(Handshake.ourReserved(), hash, id).encode();
    }

    private PeerConnector connectorTo(ScriptedConnection c) {
        Network network = new Network() {
            @Override
            public Connection connect(InetSocketAddress to, Duration timeout) {
                return c;
            }

            @Override
            public Listener listen(InetSocketAddress at) {
                throw new UnsupportedOperationException();
            }

            @Override
            public UdpPort bindUdp(InetSocketAddress at) {
                throw new UnsupportedOperationException();
            }
        };
        return new PeerConnector(network, OUR_ID, Duration.ofSeconds(10), DEADLINE, clock);
    }

    /** A connector with an encryption setting whose dials get {@code connections} in turn. */
    private PeerConnector connectorTo(Encryption encryption, ScriptedConnection... connections) {
        java.util.ArrayDeque<ScriptedConnection> next = new java.util.ArrayDeque<>(List.of(connections));
        Network network = new Network() {
            @Override
            public Connection connect(InetSocketAddress to, Duration timeout) throws IOException {
                dials++;
                if (next.isEmpty()) throw new java.net.ConnectException("no more scripted connections");
                return next.poll();
            }

            @Override
            public Listener listen(InetSocketAddress at) {
                throw new UnsupportedOperationException();
            }

            @Override
            public UdpPort bindUdp(InetSocketAddress at) {
                throw new UnsupportedOperationException();
            }
        };
        return new PeerConnector(
                network, OUR_ID, Duration.ofSeconds(10), DEADLINE, clock, () -> encryption, new SplittableRandom(3));
    }

    private int dials;

    /** What an MSE initiator sends first: a public key (any number below the prime will do here). */
    private static byte[] publicKeyThen(int junk) {
        byte[] b = new byte[96 + junk];
        Arrays.fill(b, (byte) 0x5a);
        return b;
    }

    private long elapsedSince(long startNanos) {
        return clock.nanoTime() - startNanos;
    }

    @Test
    void aPeerAnsweringAtOnceIsConnected() throws IOException {
        ScriptedConnection c = new ScriptedConnection(handshake(HASH, THEIR_ID), Duration.ZERO, Integer.MAX_VALUE);
        PeerConnector.Established est = connectorTo(c).connect(SOMEWHERE, HASH);
        assertThat(est.remote().peerId()).isEqualTo(THEIR_ID);
        assertThat(c.written.toByteArray()).isEqualTo(handshake(HASH, OUR_ID));
        assertThat(c.closed).isFalse();
    }

    @Test
    void aSlowButHonestPeerThatFinishesWithinTheDeadlineIsConnected() throws IOException {
        // 68 bytes, 50 ms apart: 3.4 s in all.
        ScriptedConnection c =
                new ScriptedConnection(handshake(HASH, THEIR_ID), Duration.ofMillis(50), Integer.MAX_VALUE);
        assertThat(connectorTo(c).connect(SOMEWHERE, HASH).remote().peerId()).isEqualTo(THEIR_ID);
    }

    @Test
    void aPeerTricklingItsHandshakeIsDroppedAtTheDeadlineThoughEachByteCameWithinTheReadTimeout() {
        // One byte a second would take 68 s; a timeout per read alone would never fire.
        ScriptedConnection c = new ScriptedConnection(handshake(HASH, THEIR_ID), Duration.ofSeconds(1), 68);
        long start = clock.nanoTime();
        assertThatThrownBy(() -> connectorTo(c).connect(SOMEWHERE, HASH))
                .isInstanceOf(SocketTimeoutException.class)
                .hasMessageContaining("no handshake within");
        assertThat(elapsedSince(start)).isLessThanOrEqualTo(DEADLINE.toNanos());
        assertThat(c.delivered).isLessThan(Handshake.LENGTH);
        assertThat(c.closed).as("a failed dial closes its socket").isTrue();
    }

    @Test
    void aPeerThatFallsSilentIsDroppedWhenTheDeadlineComesNotAFullTimeoutAfterItsLastByte() {
        // Ten bytes in the first second, then nothing: the read that waits must give up at the deadline.
        ScriptedConnection c = new ScriptedConnection(handshake(HASH, THEIR_ID), Duration.ofMillis(100), 10);
        long start = clock.nanoTime();
        assertThatThrownBy(() -> connectorTo(c).connect(SOMEWHERE, HASH)).isInstanceOf(SocketTimeoutException.class);
        assertThat(elapsedSince(start)).isEqualTo(DEADLINE.toNanos());
    }

    @Test
    void aPeerAnsweringForAnotherTorrentIsRefused() {
        ScriptedConnection c = new ScriptedConnection(handshake(OTHER, THEIR_ID), Duration.ZERO, Integer.MAX_VALUE);
        assertThatThrownBy(() -> connectorTo(c).connect(SOMEWHERE, HASH))
                .isInstanceOf(WireException.class)
                .hasMessageContaining("another torrent");
        assertThat(c.closed).isTrue();
    }

    @Test
    void dialingOurselvesIsRecognisedAsSuch() {
        ScriptedConnection c = new ScriptedConnection(handshake(HASH, OUR_ID), Duration.ZERO, Integer.MAX_VALUE);
        assertThatThrownBy(() -> connectorTo(c).connect(SOMEWHERE, HASH))
                .isInstanceOfSatisfying(
                        IOException.class,
                        e -> assertThat(PeerConnector.isSelf(e)).isTrue());
    }

    @Test
    void anIncomingPeerIsAnsweredWithOurHandshake() throws IOException {
        ScriptedConnection c = new ScriptedConnection(handshake(HASH, THEIR_ID), Duration.ZERO, Integer.MAX_VALUE);
        Handshake remote = connectorTo(c).answer(c, Set.of(HASH)).remote();
        assertThat(remote.infoHash()).isEqualTo(HASH);
        assertThat(remote.peerId()).isEqualTo(THEIR_ID);
        assertThat(c.written.toByteArray()).isEqualTo(handshake(HASH, OUR_ID));
    }

    @Test
    void anIncomingPeerTricklingItsHandshakeIsDroppedAtTheDeadline() {
        ScriptedConnection c = new ScriptedConnection(handshake(HASH, THEIR_ID), Duration.ofSeconds(1), 68);
        long start = clock.nanoTime();
        assertThatThrownBy(() -> connectorTo(c).answer(c, Set.of(HASH)))
                .isInstanceOf(SocketTimeoutException.class)
                .hasMessageContaining("no handshake within");
        assertThat(elapsedSince(start)).isLessThanOrEqualTo(DEADLINE.toNanos());
        assertThat(c.delivered).isLessThan(Handshake.LENGTH);
    }

    @Test
    void anIncomingPeerThatSendsItsHeaderThenFallsSilentIsDroppedAtTheDeadline() {
        // The header (48 bytes) at once, then no peer id: the deadline still covers the rest.
        ScriptedConnection c = new ScriptedConnection(handshake(HASH, THEIR_ID), Duration.ZERO, 48);
        long start = clock.nanoTime();
        assertThatThrownBy(() -> connectorTo(c).answer(c, Set.of(HASH))).isInstanceOf(SocketTimeoutException.class);
        assertThat(elapsedSince(start)).isEqualTo(DEADLINE.toNanos());
    }

    @Test
    void anIncomingPeerAskingForATorrentWeDoNotServeGetsNoAnswer() {
        ScriptedConnection c = new ScriptedConnection(handshake(OTHER, THEIR_ID), Duration.ZERO, Integer.MAX_VALUE);
        assertThatThrownBy(() -> connectorTo(c).answer(c, Set.of(HASH)))
                .isInstanceOf(WireException.class)
                .hasMessageContaining("unknown torrent");
        assertThat(c.written.size()).isZero();
    }

    @Test
    void anEncryptedHandshakeThatStallsAfterTheKeyIsDroppedAtTheDeadline() {
        ScriptedConnection c = new ScriptedConnection(publicKeyThen(0), Duration.ZERO, Integer.MAX_VALUE);
        long start = clock.nanoTime();
        assertThatThrownBy(() -> connectorTo(Encryption.PREFER, c).answer(c, Set.of(HASH)))
                .isInstanceOf(SocketTimeoutException.class)
                .hasMessageContaining("no handshake within");
        assertThat(elapsedSince(start)).isEqualTo(DEADLINE.toNanos());
        assertThat(c.written.size()).as("our public key and padding").isBetween(96, 96 + 512);
    }

    @Test
    void anEncryptedHandshakeThatNeverSynchronisesIsRefusedWithoutReadingEverything() {
        ScriptedConnection c = new ScriptedConnection(publicKeyThen(20_000), Duration.ZERO, Integer.MAX_VALUE);
        assertThatThrownBy(() -> connectorTo(Encryption.PREFER, c).answer(c, Set.of(HASH)))
                .isInstanceOf(MseException.class)
                .hasMessageContaining("not found within 512 bytes");
        assertThat(c.delivered).isLessThan(8192);
    }

    @Test
    void requireRefusesAPlainIncomingHandshakeWithoutAnswering() {
        ScriptedConnection c = new ScriptedConnection(handshake(HASH, THEIR_ID), Duration.ZERO, Integer.MAX_VALUE);
        assertThatThrownBy(() -> connectorTo(Encryption.REQUIRE, c).answer(c, Set.of(HASH)))
                .isInstanceOf(WireException.class)
                .hasMessageContaining("encryption required");
        assertThat(c.written.size()).isZero();
    }

    @Test
    void disableRefusesAnEncryptedIncomingHandshakeWithoutAnswering() {
        ScriptedConnection c = new ScriptedConnection(publicKeyThen(0), Duration.ZERO, Integer.MAX_VALUE);
        assertThatThrownBy(() -> connectorTo(Encryption.DISABLE, c).answer(c, Set.of(HASH)))
                .isInstanceOf(WireException.class)
                .hasMessageContaining("encryption is disabled");
        assertThat(c.written.size()).isZero();
    }

    @Test
    void preferAcceptsAPlainIncomingHandshake() throws IOException {
        ScriptedConnection c = new ScriptedConnection(handshake(HASH, THEIR_ID), Duration.ZERO, Integer.MAX_VALUE);
        PeerConnector.Established est = connectorTo(Encryption.PREFER, c).answer(c, Set.of(HASH));
        assertThat(est.connection()).isSameAs(c);
        assertThat(est.remote().peerId()).isEqualTo(THEIR_ID);
    }

    @Test
    void preferRetriesPlainOnceWhenThePeerIgnoresTheEncryptedHandshake() throws IOException {
        ScriptedConnection silent = new ScriptedConnection(new byte[0], Duration.ZERO, 0);
        ScriptedConnection plain = new ScriptedConnection(handshake(HASH, THEIR_ID), Duration.ZERO, Integer.MAX_VALUE);
        long start = clock.nanoTime();
        PeerConnector.Established est =
                connectorTo(Encryption.PREFER, silent, plain).connect(SOMEWHERE, HASH);
        assertThat(est.connection()).isSameAs(plain).isNotInstanceOf(EncryptedConnection.class);
        assertThat(silent.closed).isTrue();
        assertThat(silent.written.size()).as("our public key and padding").isBetween(96, 96 + 512);
        assertThat(plain.written.toByteArray()).isEqualTo(handshake(HASH, OUR_ID));
        assertThat(dials).isEqualTo(2);
        assertThat(elapsedSince(start)).isEqualTo(DEADLINE.toNanos());
    }

    @Test
    void requireNeverFallsBackToPlain() {
        ScriptedConnection silent = new ScriptedConnection(new byte[0], Duration.ZERO, 0);
        assertThatThrownBy(() -> connectorTo(Encryption.REQUIRE, silent).connect(SOMEWHERE, HASH))
                .isInstanceOf(SocketTimeoutException.class);
        assertThat(dials).isEqualTo(1);
        assertThat(silent.closed).isTrue();
    }

    /**
     * The peer's side: it sends {@code script} one byte every {@code gap} (all at once when zero), and
     * nothing after the first {@code silentAfter} bytes. Waiting moves the manual clock; a wait longer than
     * the read timeout ends, as on a socket, with a {@link SocketTimeoutException} once the timeout has passed.
     */
    private final class ScriptedConnection implements Network.Connection {
        final byte[] script;
        final Duration gap;
        final int silentAfter;
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        Duration readTimeout = Duration.ZERO;
        int delivered;
        boolean closed;

        ScriptedConnection(byte[] script, Duration gap, int silentAfter) {
            this.script = script;
            this.gap = gap;
            this.silentAfter = Math.min(silentAfter, script.length);
        }

        private int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) return 0;
            boolean silent = delivered >= silentAfter;
            if (readTimeout.isZero()) {
                if (silent) throw new AssertionError("a read would wait for ever");
            } else if (silent || gap.compareTo(readTimeout) > 0) {
                clock.advance(readTimeout);
                throw new SocketTimeoutException("Read timed out");
            }
            clock.advance(gap);
            int n = gap.isZero() ? Math.min(len, silentAfter - delivered) : 1;
            System.arraycopy(script, delivered, b, off, n);
            delivered += n;
            return n;
        }

        @Override
        public InputStream in() {
            return new InputStream() {
                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    ScriptedConnection.this.read(one, 0, 1);
                    return one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    return ScriptedConnection.this.read(b, off, len);
                }
            };
        }

        @Override
        public OutputStream out() {
            return written;
        }

        @Override
        public InetSocketAddress remote() {
            return SOMEWHERE;
        }

        @Override
        public void setReadTimeout(Duration timeout) {
            readTimeout = timeout;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
