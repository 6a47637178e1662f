package dev.torpeddo.engine.peer;

import dev.torpeddo.engine.bandwidth.Bandwidth;
import dev.torpeddo.engine.internal.Clock;
import dev.torpeddo.engine.internal.RateMeter;
import dev.torpeddo.engine.internal.Threads;
import dev.torpeddo.engine.mse.EncryptedConnection;
import dev.torpeddo.engine.net.Network;
import dev.torpeddo.engine.wire.FrameReader;
import dev.torpeddo.engine.wire.Handshake;
import dev.torpeddo.engine.wire.Message;
import dev.torpeddo.engine.wire.MessageCodec;
import dev.torpeddo.engine.wire.WireLimits;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One established peer connection after the handshake: a reader virtual thread that decodes messages and
 * hands them to a {@link Handler}, and a writer virtual thread that drains an outgoing queue in batches. It
 * knows nothing about torrents; the handler does.
 *
 * <p>Both threads wait without time limits; the owner's heartbeat calls {@link #checkTimers} to drop a
 * silent peer and to send keep-alives. (A timed socket read or queue poll schedules and cancels a timer on
 * every wait: on a fast download that was thousands of wake-ups of the JDK's timer thread per second.)
 *
 * <p>Rate limits: the reader takes from the socket only what its download {@link Bandwidth} grants (so TCP
 * flow control slows the peer), and the writer passes bytes to the socket in chunks its upload
 * {@code Bandwidth} grants. Both count every byte of the peer-wire stream after the handshake: length
 * prefixes, message ids and payloads, not TCP/IP headers. With {@link Bandwidth#UNLIMITED} the streams are
 * not wrapped at all.
 */
public final class PeerConnection {
    private static final System.Logger LOG = System.getLogger(PeerConnection.class.getName());
    private static final Message POISON = new Message.KeepAlive();
    // Large reads mean fewer system calls on a fast link (measured: 256 KiB beat 64 KiB on loopback).
    private static final int READ_BUFFER = 256 * 1024;

    /** Receives what the peer sends. Called on the connection's reader thread only. */
    public interface Handler {
        /**
         * One message from the peer. A {@link Message.Piece}'s data array is reused for the next block:
         * copy what you need before returning, never keep the array.
         */
        void onMessage(PeerConnection connection, Message message) throws IOException;

        /** Called after the socket is closed, from whichever thread noticed (rarely twice: be idempotent). */
        void onClose(PeerConnection connection, String reason);

        /**
         * A block's payload has gone to the socket (past the rate limit), on the writer thread: the moment to
         * count it as uploaded, rather than when it was queued.
         */
        default void onBlockSent(PeerConnection connection, int bytes) {}
    }

    private final Network.Connection connection;
    private final Handshake remote;
    private final WireLimits limits;
    private final Duration idleTimeout;
    private final Duration keepAliveInterval;
    private final Bandwidth download;
    private final Bandwidth upload;
    private final LinkedBlockingQueue<Message> outgoing = new LinkedBlockingQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final RateMeter payloadIn;
    private final RateMeter payloadOut;
    // Counted by the reader (bytes, through its SocketInput) and writer threads; the heartbeat compares
    // them between calls.
    private volatile SocketInput input;
    private final AtomicLong flushesOut = new AtomicLong();
    // Heartbeat state, touched by checkTimers only; both idle spans start when the connection is made.
    private long seenBytesIn;
    private long seenFlushesOut;
    private long lastInNanos;
    private long lastOutNanos;
    private volatile Handler handler;
    private volatile String closeReason;

    /** A connection without rate limits. */
    public PeerConnection(
            Network.Connection connection,
            Handshake remote,
            Clock clock,
            WireLimits limits,
            Duration idleTimeout,
            Duration keepAliveInterval) {
        this(
                connection,
                remote,
                clock,
                limits,
                idleTimeout,
                keepAliveInterval,
                Bandwidth.UNLIMITED,
                Bandwidth.UNLIMITED);
    }

    /**
     * A connection whose reads draw from {@code download} and whose writes draw from {@code upload}: for a
     * torrent's peer, a new {@code Bandwidth.of(torrentLimiter, sessionLimiter)} in each direction (each
     * holds this connection's shares, for fair turns; never give one to two connections).
     */
    public PeerConnection(
            Network.Connection connection,
            Handshake remote,
            Clock clock,
            WireLimits limits,
            Duration idleTimeout,
            Duration keepAliveInterval,
            Bandwidth download,
            Bandwidth upload) {
        this.download = download;
        this.upload = upload;
        this.connection = connection;
        this.remote = remote;
        this.limits = limits;
        this.idleTimeout = idleTimeout;
        this.keepAliveInterval = keepAliveInterval;
        this.payloadIn = new RateMeter(clock);
        this.payloadOut = new RateMeter(clock);
        this.lastInNanos = clock.nanoTime();
        this.lastOutNanos = lastInNanos;
    }

    /** Starts the reader and writer threads, made by {@code threads}. */
    public void start(Handler handler, Threads threads) {
        this.handler = handler;
        if (closed.get()) {
            // Closed before it started (paused, banned, torrent stopped): the handler must still hear it.
            handler.onClose(this, closeReason);
            return;
        }
        String name = "peer-" + connection.remote();
        threads.startVirtual(name + "-reader", this::readLoop);
        threads.startVirtual(name + "-writer", this::writeLoop);
    }

    /** Queues a message; never blocks. Dropped silently after close. */
    public void send(Message m) {
        if (closed.get()) return;
        queuedBytes.addAndGet(MessageCodec.frameLength(m));
        outgoing.add(m);
    }

    /** Bytes queued but not yet written: used to stop serving a peer that does not read. */
    public long queuedBytes() {
        return queuedBytes.get();
    }

    public Handshake handshake() {
        return remote;
    }

    /** Whether the connection runs over uTP rather than TCP. */
    public boolean overUtp() {
        return connection.overUtp();
    }

    public InetSocketAddress address() {
        return connection.remote();
    }

    /**
     * Whether the stream is encrypted: MSE with RC4. The plaintext method hides only the handshake, so it
     * does not count (qBittorrent too shows {@code E} for RC4 only, {@code e} for the other).
     */
    public boolean isEncrypted() {
        return connection instanceof EncryptedConnection e && e.rc4();
    }

    /** Piece payload received from this peer, bytes per second. */
    public RateMeter downloadMeter() {
        return payloadIn;
    }

    /** Piece payload sent to this peer, bytes per second. */
    public RateMeter uploadMeter() {
        return payloadOut;
    }

    /**
     * Closes the connection if the peer sent not a byte for the idle timeout (a slow peer that is still
     * sending a block is not idle), and queues a keep-alive if we wrote nothing for the keep-alive
     * interval. The owner calls it from its heartbeat (a few times per second is plenty), from one thread
     * at a time.
     */
    public void checkTimers(long nowNanos) {
        if (closed.get()) return;
        long in = bytesReceived();
        if (in != seenBytesIn) {
            seenBytesIn = in;
            lastInNanos = nowNanos;
        } else if (nowNanos - lastInNanos >= idleTimeout.toNanos()) {
            close("idle for " + idleTimeout.toSeconds() + " s");
            return;
        }
        long out = flushesOut.get();
        if (out != seenFlushesOut) {
            seenFlushesOut = out;
            lastOutNanos = nowNanos;
        } else if (nowNanos - lastOutNanos >= keepAliveInterval.toNanos()) {
            lastOutNanos = nowNanos; // once per interval, even if the write is slow
            send(new Message.KeepAlive());
        }
    }

    /** Bytes read from the socket so far. */
    long bytesReceived() {
        SocketInput reading = input;
        return reading == null ? 0 : reading.received();
    }

    /** Batches of frames written so far: grows each time the writer empties its queue (not while it stays full). */
    public long flushCount() {
        return flushesOut.get();
    }

    public boolean isClosed() {
        return closed.get();
    }

    public String closeReason() {
        return closeReason;
    }

    /** Closes the socket; both threads end and the handler hears {@code onClose} once. */
    public void close(String reason) {
        if (!closed.compareAndSet(false, true)) return;
        closeReason = reason;
        outgoing.add(POISON);
        try {
            connection.close();
        } catch (IOException ignored) {
            // already broken: nothing left to release
        }
        LOG.log(System.Logger.Level.DEBUG, "{0}: closed: {1}", connection.remote(), reason);
        Handler h = handler;
        if (h != null) h.onClose(this, reason);
    }

    private void readLoop() {
        try {
            connection.setReadTimeout(Duration.ZERO); // the handshake's limit is over; see checkTimers
            input = new SocketInput(download.limit(connection.in()), READ_BUFFER);
            FrameReader reader = FrameReader.reusingBlockBuffer(input, limits);
            while (!closed.get()) {
                Message m = reader.read();
                if (m instanceof Message.Piece p) payloadIn.add(p.data().length);
                handler.onMessage(this, m);
            }
        } catch (EOFException e) {
            close("peer closed the connection");
        } catch (IOException e) {
            close(e.getMessage() == null ? e.toString() : e.getMessage());
        } catch (RuntimeException e) {
            // A bug must not take the whole client down: drop this peer and say why.
            LOG.log(System.Logger.Level.WARNING, "internal error handling peer " + connection.remote(), e);
            close("internal error: " + e);
        } finally {
            close("reader stopped"); // also after an Error such as OutOfMemoryError: never leak the slot
        }
    }

    @SuppressWarnings("ReferenceEquality") // POISON is a sentinel compared by identity
    private void writeLoop() {
        // The limit sits under the buffer: what leaves for the socket is paced, in granted chunks.
        OutputStream out = new BufferedOutputStream(upload.limit(connection.out()), 64 * 1024);
        ByteBuffer frame = ByteBuffer.allocate(9 + limits.maxBlockLength() + 64);
        try {
            while (!closed.get()) {
                Message m = outgoing.take();
                while (m != null) {
                    if (m == POISON || closed.get()) return;
                    write(out, m, frame);
                    m = outgoing.poll();
                }
                out.flush();
                flushesOut.incrementAndGet();
            }
        } catch (IOException e) {
            close("write failed: " + e.getMessage());
        } catch (InterruptedException e) {
            close("interrupted");
        }
    }

    private void write(OutputStream out, Message m, ByteBuffer frame) throws IOException {
        int len = MessageCodec.frameLength(m);
        queuedBytes.addAndGet(-len);
        if (m instanceof Message.Piece p) {
            // Header only, then the block straight from its array: saves a copy per block.
            frame.clear();
            frame.putInt(9 + p.data().length)
                    .put((byte) Message.ID_PIECE)
                    .putInt(p.piece())
                    .putInt(p.offset());
            out.write(frame.array(), frame.arrayOffset(), frame.position());
            out.write(p.data());
            payloadOut.add(p.data().length);
            Handler h = handler;
            if (h != null) h.onBlockSent(this, p.data().length);
        } else if (len <= frame.capacity()) {
            frame.clear();
            MessageCodec.encode(m, frame);
            out.write(frame.array(), frame.arrayOffset(), frame.position());
        } else {
            out.write(MessageCodec.encode(m));
        }
    }
}
