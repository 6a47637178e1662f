package dev.torpeddo.engine.peer;

import dev.torpeddo.engine.internal.Clock;
import dev.torpeddo.engine.net.Network;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A connection's input that fails once a deadline has passed. A timeout per read is not enough: a peer
 * that trickles one byte just before each timeout could hold a handshake open for minutes. So before every
 * read the socket's timeout is set to the time left, and no read starts after the deadline. Unbuffered, so
 * whatever follows the handshake stays in the socket for the connection's own reader.
 */
final class HandshakeDeadline extends InputStream {
    private static final long NANOS_PER_MILLI = 1_000_000L;

    private final Network.Connection connection;
    private final InputStream in;
    private final Clock clock;
    private final long deadlineNanos;
    private final Duration limit;

    HandshakeDeadline(Network.Connection connection, Clock clock, Duration limit) {
        this(connection, clock, limit, clock.nanoTime() + limit.toNanos());
    }

    /** The same deadline on another view of the connection (its decrypting streams after MSE). */
    HandshakeDeadline(Network.Connection connection, HandshakeDeadline same) {
        this(connection, same.clock, same.limit, same.deadlineNanos);
    }

    private HandshakeDeadline(Network.Connection connection, Clock clock, Duration limit, long deadlineNanos) {
        this.connection = connection;
        this.in = connection.in();
        this.clock = clock;
        this.limit = limit;
        this.deadlineNanos = deadlineNanos;
    }

    @Override
    public int read() throws IOException {
        arm();
        return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        arm();
        return in.read(b, off, len);
    }

    private void arm() throws IOException {
        long left = deadlineNanos - clock.nanoTime();
        if (left <= 0) throw expired(null);
        // Rounded up: a timeout of zero would mean "wait for ever".
        connection.setReadTimeout(Duration.ofMillis(Math.ceilDiv(left, NANOS_PER_MILLI)));
    }

    /** The failure to report when the deadline passes, whether noticed here or by the socket's timeout. */
    SocketTimeoutException expired(SocketTimeoutException socketTimeout) {
        SocketTimeoutException e = new SocketTimeoutException("no handshake within " + limit.toMillis() + " ms");
        if (socketTimeout != null) e.initCause(socketTimeout);
        return e;
    }
}
