package dev.torpeddo.engine.sim;

import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * One direction of a simulated TCP connection: bytes written at one end arrive, in order, at the other after
 * the path's delays, and a writer waits while a window's worth is unread or on the way (so a peer that does
 * not read stops its sender, as a full TCP window does). All state is guarded by the scheduler's lock.
 */
final class TcpPipe {
    /** Bytes that may be on the way or unread: a socket buffer pair of a typical desktop system. */
    static final int WINDOW = 256 << 10;
    /** The largest piece a write is cut into: the unit in which connections take turns on an uplink. */
    private static final int SEGMENT = 4 << 10;

    private final SimNetwork net;
    private final Scheduler scheduler;
    private final SimHost from;
    private final SimHost to;
    private final RandomGenerator random;
    private final Scheduler.Signal readable;
    private final Scheduler.Signal writable;
    /** After a drop at a full drop-tail queue, the segment goes again a round trip later (fast retransmission). */
    private final Uplink.Flow flow = Uplink.Flow.reliable(this::roundTripNanos);

    private final ArrayDeque<byte[]> arrived = new ArrayDeque<>();
    private int headOffset;
    private long unread;
    private long inFlight;
    /** When the last segment reaches the receiver's link; the next may not overtake it. */
    private long lastArrival;

    private boolean finArrived;
    private boolean readerClosed;
    private boolean writerClosed;
    private String broken;
    /** The other direction of the same connection, which learns when this side's end goes away. */
    TcpPipe reverse;

    TcpPipe(SimNetwork net, SimHost from, SimHost to, RandomGenerator random) {
        this.net = net;
        this.scheduler = net.scheduler();
        this.from = from;
        this.to = to;
        this.random = random;
        this.readable = scheduler.newSignal();
        this.writable = scheduler.newSignal();
    }

    void write(byte[] b, int off, int len) throws IOException {
        scheduler.lock.lock();
        try {
            scheduler.touch();
            while (len > 0) {
                while (true) {
                    if (writerClosed) throw new SocketException("Socket closed");
                    if (broken != null) throw new SocketException(broken);
                    if (inFlight + unread < WINDOW) break;
                    awaitOrClose(writable, Long.MAX_VALUE);
                }
                int n = (int) Math.min(Math.min(len, SEGMENT), WINDOW - (inFlight + unread));
                send(Arrays.copyOfRange(b, off, off + n));
                off += n;
                len -= n;
            }
        } finally {
            scheduler.lock.unlock();
        }
    }

    private void send(byte[] segment) {
        inFlight += segment.length;
        if (!from.online || !to.online) return; // lost, and the window stays taken: the connection goes silent
        from.uplink.send(flow, new Uplink.Segment(segment.length, departed -> {
            if (!from.online || !to.online) return;
            lastArrival = net.travel(from, to, segment.length, departed, random, lastArrival, () -> {
                if (!to.online || readerClosed) return;
                inFlight -= segment.length;
                arrived.add(segment);
                unread += segment.length;
                readable.signalAll();
            });
        }));
    }

    private long roundTripNanos() {
        long rtt = 2 * (from.link().latency().toNanos() + to.link().latency().toNanos());
        return Math.max(rtt, 1_000_000L); // never at the same instant, which would spin
    }

    /** Reads like a socket: blocks for at least one byte, -1 at the end of the stream. */
    int read(byte[] b, int off, int len, long timeoutNanos) throws IOException {
        if (len == 0) return 0;
        scheduler.lock.lock();
        try {
            scheduler.touch();
            long deadline = timeoutNanos > 0 ? scheduler.now() + timeoutNanos : Long.MAX_VALUE;
            while (true) {
                if (readerClosed) throw new SocketException("Socket closed");
                if (unread > 0) break;
                if (broken != null) throw new SocketException(broken);
                if (finArrived) return -1;
                if (scheduler.now() >= deadline) throw new SocketTimeoutException("Read timed out");
                awaitOrClose(readable, deadline);
            }
            int n = 0;
            while (n < len && !arrived.isEmpty()) {
                byte[] head = arrived.peek();
                int take = Math.min(len - n, head.length - headOffset);
                System.arraycopy(head, headOffset, b, off + n, take);
                n += take;
                headOffset += take;
                if (headOffset == head.length) {
                    arrived.poll();
                    headOffset = 0;
                }
            }
            unread -= n;
            writable.signalAll();
            return n;
        } finally {
            scheduler.lock.unlock();
        }
    }

    int available() {
        scheduler.lock.lock();
        try {
            return (int) Math.min(Integer.MAX_VALUE, unread);
        } finally {
            scheduler.lock.unlock();
        }
    }

    /**
     * A blocked socket call on an interrupted virtual thread closes the socket and fails, as the JDK's do;
     * the engine relies on that to stop threads.
     */
    private void awaitOrClose(Scheduler.Signal signal, long deadline) throws SocketException {
        try {
            signal.await(deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeLocally();
            reverse.closeLocally();
            throw new SocketException("Closed by interrupt");
        }
    }

    /** This end's writer is done: a FIN follows the bytes on the way. Lock held. */
    void closeWriter() {
        if (writerClosed) return;
        writerClosed = true;
        writable.signalAll();
        if (!from.online || !to.online) return;
        from.uplink.send(flow, new Uplink.Segment(0, departed -> {
            if (!from.online || !to.online) return;
            lastArrival = net.travel(from, to, 0, departed, random, lastArrival, () -> {
                if (!to.online) return;
                finArrived = true;
                readable.signalAll();
                // The far end closed the whole socket, not just its output: writing to it fails from now on.
                reverse.breakWith("Broken pipe");
            });
        }));
    }

    /** The reading end's socket is closed: its reads fail, bytes still coming are thrown away. Lock held. */
    void closeReader() {
        readerClosed = true;
        arrived.clear();
        unread = 0;
        readable.signalAll();
        writable.signalAll();
    }

    private void closeLocally() {
        closeWriter();
        closeReader();
    }

    void breakWith(String why) {
        if (broken == null) broken = why;
        readable.signalAll();
        writable.signalAll();
    }
}
