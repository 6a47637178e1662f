package dev.torpeddo.engine.utp;

import dev.torpeddo.engine.internal.Clock;
import dev.torpeddo.engine.net.Network;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One uTP connection (BEP 29) as a byte stream: the state machine, driven by the packets the {@link UtpStack}
 * hands it (on the UDP receive thread), by its reader and writer threads, and by the stack's timer
 * ({@link #tick}). Everything happens under one lock; packets go out on whichever of these threads made
 * them possible, so there is no thread per connection and acks free the window without a hand-over.
 *
 * <p>Sending: written bytes are cut into packets of {@link #MAX_PAYLOAD} (a flush sends the rest as a short
 * packet) and sent while the bytes in flight fit both the {@link Ledbat} window and the peer's advertised
 * window. Acks are cumulative plus a selective ack; three duplicate acks, or three packets selectively acked
 * past a hole, resend the hole at once and halve the window; the retransmission timer (RTT-based, at least
 * 500 ms, doubling) treats everything in flight as lost and starts from one packet. Receiving: in-order data
 * goes to the reader, later packets wait in an out-of-order table within the receive window; every second
 * packet, a short one, or anything out of order is acked at once, and the timer acks the rest (delayed acks).
 *
 * <p>Path MTU: no probing. Every packet carries at most {@value #MAX_PAYLOAD} bytes, which fits a 1500-byte
 * Ethernet MTU over IPv6 as well as IPv4 (libtorrent also caps packets at the Ethernet MTU, even on
 * loopback); a smaller path fragments them at the IP layer.
 */
public final class UtpConnection implements Network.Connection {
    /** 1500 - 40 (IPv6) - 8 (UDP) - 20 (uTP header). */
    public static final int MAX_PAYLOAD = 1432;

    private static final int RING = 2048; // packets in flight at most (a power of two)
    private static final int OUT_OF_ORDER = 1024; // packets held past a hole at most (a power of two)
    private static final int MAX_SACK_BYTES = 32;
    private static final long MIN_RTO_MICROS = 500_000;
    private static final long MAX_RTO_MICROS = 20_000_000;
    private static final int MAX_TIMEOUTS = 6;
    private static final int SYN_TRIES = 3;
    private static final long KEEP_ALIVE_MICROS = 29_000_000;
    private static final long LINGER_MICROS = 10_000_000;

    enum State {
        SYN_SENT,
        CONNECTED,
        CLOSED
    }

    /** What a connection needs from its stack. */
    interface Host {
        void send(ByteBuffer packet, InetSocketAddress to) throws IOException;

        /** The connection is over and may be forgotten. */
        void removed(UtpConnection connection);

        /** Takes room for received bytes from the stack's total; false when it is used up. */
        boolean reserve(int bytes);

        void release(int bytes);
    }

    private static final class OutPacket {
        final int seq;
        final UtpPacket.Type type;
        final byte[] payload;
        long sentAt;
        int transmissions;
        boolean inFlight; // counted in bytesInFlight: sent and neither acked nor given up as lost
        boolean acked;

        OutPacket(int seq, UtpPacket.Type type, byte[] payload) {
            this.seq = seq;
            this.type = type;
            this.payload = payload;
        }
    }

    private static final System.Logger LOG = System.getLogger(UtpConnection.class.getName());

    private final Host host;
    private final Clock clock;
    private final InetSocketAddress remote;
    private final int recvId;
    private final int sendId;
    private final UtpLimits limits;
    private final Ledbat ledbat;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ByteBuffer out = ByteBuffer.allocate(UtpPacket.HEADER + 2 + MAX_SACK_BYTES + MAX_PAYLOAD);

    private State state;
    private IOException failure;
    private int waiters;
    // Sending.
    private int seqNr; // the next sequence number to use
    private int ackedTo; // everything up to here is acked
    private final OutPacket[] ring = new OutPacket[RING];
    private long bytesInFlight;
    // Every byte sent past the peer's cumulative ack, selectively acked or not: the peer holds the selectively
    // acked ones out of order and its advertised window already leaves them out, so counting them again keeps
    // room for the hole's resend (libtorrent drops even the in-order packet when its buffer is full).
    private long bytesUnacked;
    private int needResend;
    private final ArrayDeque<byte[]> unsent = new ArrayDeque<>();
    private byte[] partial = new byte[MAX_PAYLOAD];
    private int partialLength;
    private long unsentBytes;
    private long peerWindow = MAX_PAYLOAD;
    private int duplicateAcks;
    private int lossSeq = -1;
    private long srtt = -1;
    private long rttVar;
    private long rto = 1_000_000;
    private long rtoDeadline = Long.MAX_VALUE;
    private int timeouts;
    private int synTries;
    private long connectDeadline = Long.MAX_VALUE;
    private long lastSent;
    private boolean finQueued;
    private int finSeq = -1; // ours, once sent
    private boolean closedByUser;
    private long closedAt;
    // Receiving.
    private int ackNr; // the last sequence number received in order
    private final ArrayDeque<byte[]> ready = new ArrayDeque<>();
    private int readOffset;
    private long readyBytes;
    private final byte[][] outOfOrder = new byte[OUT_OF_ORDER][];
    private final int[] outOfOrderSeq = new int[OUT_OF_ORDER];
    private int outOfOrderCount;
    private long outOfOrderBytes;
    private int peerFinSeq = -1;
    private boolean eof;
    private int unackedReceived;
    private int replyDelay;
    private long advertised;
    private long readTimeoutNanos;
    private long readDeadline = Long.MAX_VALUE;
    private boolean readTimedOut;

    private final InputStream in = new InputStream() {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return UtpConnection.this.read(b, off, len);
        }

        @Override
        public int available() {
            lock.lock();
            try {
                return (int) Math.min(Integer.MAX_VALUE, readyBytes);
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void close() throws IOException {
            UtpConnection.this.close();
        }
    };

    private final OutputStream output = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            UtpConnection.this.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            UtpConnection.this.flush();
        }

        @Override
        public void close() throws IOException {
            UtpConnection.this.close();
        }
    };

    private UtpConnection(
            Host host,
            Clock clock,
            InetSocketAddress remote,
            int recvId,
            int sendId,
            int firstSeq,
            UtpLimits limits,
            State state) {
        this.host = host;
        this.clock = clock;
        this.remote = remote;
        this.recvId = recvId & 0xffff;
        this.sendId = sendId & 0xffff;
        this.limits = limits;
        this.seqNr = firstSeq & 0xffff;
        this.ackedTo = (firstSeq - 1) & 0xffff;
        this.state = state;
        this.ledbat = new Ledbat(MAX_PAYLOAD, limits.sendBuffer());
        long now = nowMicros();
        this.lastSent = now;
    }

    /** Starts a connection to {@code remote}: sends the SYN; the stack's timer resends it and gives up. */
    static UtpConnection connect(
            Host host, Clock clock, InetSocketAddress remote, int recvId, UtpLimits limits, Duration timeout)
            throws IOException {
        UtpConnection c = new UtpConnection(host, clock, remote, recvId, recvId + 1, 1, limits, State.SYN_SENT);
        c.lock.lock();
        try {
            long now = c.nowMicros();
            c.connectDeadline = now + Math.max(1, timeout.toNanos() / 1000);
            // A SYN is a packet in flight: it takes sequence number 1 and our ack of theirs follows from it.
            OutPacket syn = new OutPacket(c.seqNr, UtpPacket.Type.SYN, UtpPacket.NO_BYTES);
            c.ring[c.seqNr & (RING - 1)] = syn;
            c.seqNr = (c.seqNr + 1) & 0xffff;
            c.synTries = 1;
            c.transmit(syn, now, c.recvId);
            c.rtoDeadline = now + c.rto;
        } finally {
            c.lock.unlock();
        }
        return c;
    }

    /** Answers a peer's SYN: the connection is established at once (its first data acks our answer). */
    static UtpConnection accept(
            Host host, Clock clock, InetSocketAddress remote, UtpPacket syn, int firstSeq, UtpLimits limits) {
        UtpConnection c = new UtpConnection(
                host, clock, remote, syn.connectionId() + 1, syn.connectionId(), firstSeq, limits, State.CONNECTED);
        c.lock.lock();
        try {
            c.ackNr = syn.seq();
            c.peerWindow = Math.max(MAX_PAYLOAD, syn.window() & 0xffffffffL);
            c.replyDelay = (int) c.nowMicros() - syn.timestamp();
            c.sendAck(c.nowMicros());
        } finally {
            c.lock.unlock();
        }
        return c;
    }

    /** Waits until the SYN is answered, or fails as the connection did (refused, timed out). */
    void awaitConnected() throws IOException {
        lock.lock();
        try {
            while (state == State.SYN_SENT) awaitChange();
            if (state == State.CLOSED) throw failure != null ? failure : new ConnectException("uTP connection closed");
        } finally {
            lock.unlock();
        }
    }

    int recvId() {
        return recvId;
    }

    @Override
    public InputStream in() {
        return in;
    }

    @Override
    public OutputStream out() {
        return output;
    }

    @Override
    public InetSocketAddress remote() {
        return remote;
    }

    @Override
    public boolean overUtp() {
        return true;
    }

    @Override
    public void setReadTimeout(Duration timeout) {
        lock.lock();
        try {
            readTimeoutNanos = timeout.toNanos();
        } finally {
            lock.unlock();
        }
    }

    /** Closes our side: what was written is still sent, then a FIN; reads and writes fail from now on. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closedByUser || state == State.CLOSED) return;
            closedByUser = true;
            long now = nowMicros();
            closedAt = now;
            if (state == State.SYN_SENT) {
                fail(new IOException("closed"));
                return;
            }
            queuePartial();
            finQueued = true;
            trySend(now);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    // ---- the application's side ----

    private int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        lock.lock();
        try {
            readDeadline = readTimeoutNanos > 0 ? clock.nanoTime() + readTimeoutNanos : Long.MAX_VALUE;
            readTimedOut = false;
            while (readyBytes == 0) {
                if (closedByUser) throw new IOException("closed");
                if (eof) return -1;
                if (failure != null) throw failure;
                if (readTimedOut) throw new SocketTimeoutException("uTP read timed out");
                awaitChange();
            }
            readDeadline = Long.MAX_VALUE;
            int n = 0;
            while (n < len && !ready.isEmpty()) {
                byte[] head = ready.peek();
                int take = Math.min(len - n, head.length - readOffset);
                System.arraycopy(head, readOffset, b, off + n, take);
                n += take;
                readOffset += take;
                if (readOffset == head.length) {
                    ready.poll();
                    readOffset = 0;
                }
            }
            readyBytes -= n;
            host.release(n);
            // The peer stops at the window we advertised: tell it once there is room again.
            if (state == State.CONNECTED
                    && advertised < limits.receiveBuffer() / 4
                    && receiveWindow() >= limits.receiveBuffer() / 2) sendAck(nowMicros());
            return n;
        } finally {
            lock.unlock();
        }
    }

    private void write(byte[] b, int off, int len) throws IOException {
        lock.lock();
        try {
            while (len > 0) {
                while (unsentBytes + bytesInFlight >= limits.sendBuffer() && writable()) awaitChange();
                if (!writable()) throw failure != null ? failure : new IOException("closed");
                int take = Math.min(len, MAX_PAYLOAD - partialLength);
                System.arraycopy(b, off, partial, partialLength, take);
                partialLength += take;
                unsentBytes += take;
                off += take;
                len -= take;
                if (partialLength == MAX_PAYLOAD) {
                    unsent.add(partial);
                    partial = new byte[MAX_PAYLOAD];
                    partialLength = 0;
                    if (unsent.size() >= 8) trySend(nowMicros());
                }
            }
            trySend(nowMicros());
        } finally {
            lock.unlock();
        }
    }

    private void flush() throws IOException {
        lock.lock();
        try {
            if (!writable()) throw failure != null ? failure : new IOException("closed");
            queuePartial();
            trySend(nowMicros());
        } finally {
            lock.unlock();
        }
    }

    private boolean writable() {
        return state == State.CONNECTED && !closedByUser && failure == null;
    }

    private void queuePartial() {
        if (partialLength == 0) return;
        unsent.add(Arrays.copyOf(partial, partialLength));
        partialLength = 0;
    }

    @SuppressWarnings("WaitNotInLoop") // every caller loops on its own condition
    private void awaitChange() throws IOException {
        waiters++;
        try {
            changed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted");
        } finally {
            waiters--;
        }
    }

    private void wake() {
        if (waiters > 0) changed.signalAll();
    }

    // ---- packets from the peer ----

    /** Takes one packet from the peer (the stack matched its connection id and address). */
    void received(UtpPacket p, long now) {
        lock.lock();
        try {
            if (state == State.CLOSED) return;
            replyDelay = (int) now - p.timestamp();
            if (p.type() == UtpPacket.Type.RESET) {
                fail(
                        state == State.SYN_SENT
                                ? new ConnectException("uTP connection refused")
                                : new IOException("uTP connection reset by peer"));
                return;
            }
            if (p.type() == UtpPacket.Type.SYN) {
                // Our answer was lost: answer again.
                if (p.seq() == ackNr) sendAck(now);
                return;
            }
            if (state == State.SYN_SENT) {
                if (p.ack() != ((seqNr - 1) & 0xffff)) return; // not the answer to our SYN
                state = State.CONNECTED;
                // Their answer's seq is the first they will use; data already carries it.
                ackNr = (p.seq() - 1) & 0xffff;
                connectDeadline = Long.MAX_VALUE;
                wake();
            }
            peerWindow = p.window() & 0xffffffffL;
            takeAck(p, now);
            if (p.type() == UtpPacket.Type.DATA || p.type() == UtpPacket.Type.FIN) takeData(p, now);
            if (state == State.CLOSED) return;
            trySend(now);
            maybeFinished();
        } finally {
            lock.unlock();
        }
    }

    private void takeAck(UtpPacket p, long now) {
        int inFlightCount = (seqNr - 1 - ackedTo) & 0xffff;
        int advance = (p.ack() - ackedTo) & 0xffff;
        if (advance > inFlightCount) return; // old, or acks what we never sent
        long before = bytesInFlight;
        int ackedBytes = 0;
        long rttSample = -1;
        for (int i = 1; i <= advance; i++) {
            int s = (ackedTo + i) & 0xffff;
            OutPacket o = ring[s & (RING - 1)];
            ring[s & (RING - 1)] = null;
            if (o != null) bytesUnacked -= o.payload.length;
            if (o == null || o.acked) continue;
            ackedBytes += acked(o);
            if (o.transmissions == 1) rttSample = now - o.sentAt;
        }
        ackedTo = p.ack();
        int sacked = 0;
        if (p.selectiveAck().length > 0) {
            int limit = Math.min(p.selectiveAck().length * 8, inFlightCount - advance);
            for (int bit = 0; bit < limit; bit++) {
                int s = (p.ack() + 2 + bit) & 0xffff;
                if (!p.selectivelyAcks(s)) continue;
                sacked++;
                OutPacket o = ring[s & (RING - 1)];
                if (o == null || o.acked) continue;
                ackedBytes += acked(o);
                if (o.transmissions == 1) rttSample = now - o.sentAt;
            }
        }
        if (rttSample >= 0) updateRtt(rttSample);
        OutPacket hole = ring[(ackedTo + 1) & (RING - 1)];
        boolean lost = false;
        if (advance == 0 && ackedBytes == 0 && p.type() == UtpPacket.Type.STATE && hole != null && !hole.acked) {
            lost = ++duplicateAcks == 3;
        } else if (advance > 0) {
            duplicateAcks = 0;
        }
        if (sacked >= 3 && hole != null && !hole.acked && hole.seq != lossSeq) lost = true;
        if (lost && hole != null && hole.seq != lossSeq) {
            lossSeq = hole.seq;
            LOG.log(System.Logger.Level.DEBUG, "{0}: uTP fast resend of {1}", remote, hole.seq);
            ledbat.onLoss(now);
            transmit(hole, now, sendId);
        }
        if (ackedBytes > 0) {
            boolean saturated = bytesInFlight + ackedBytes + MAX_PAYLOAD > ledbat.window() || !unsent.isEmpty();
            ledbat.onAck(ackedBytes, p.timestampDiff() & 0xffffffffL, before, saturated, now);
            timeouts = 0;
            rtoDeadline = inFlightCount > advance ? now + rto : Long.MAX_VALUE;
            if (unsentBytes + bytesInFlight < limits.sendBuffer()) wake();
        }
    }

    /** Marks a packet acked and returns the payload bytes it frees. */
    private int acked(OutPacket o) {
        o.acked = true;
        if (o.inFlight) {
            o.inFlight = false;
            bytesInFlight -= o.payload.length;
        }
        if (o.type == UtpPacket.Type.FIN && o.seq == finSeq) finSeq = -2; // our FIN is acked
        return o.payload.length;
    }

    private void updateRtt(long sample) {
        if (srtt < 0) {
            srtt = sample;
            rttVar = sample / 2;
        } else {
            long delta = Math.abs(srtt - sample);
            rttVar += (delta - rttVar) / 4;
            srtt += (sample - srtt) / 8;
        }
        rto = Math.clamp(srtt + 4 * rttVar, MIN_RTO_MICROS, MAX_RTO_MICROS);
    }

    private void takeData(UtpPacket p, long now) {
        int distance = (p.seq() - ackNr) & 0xffff;
        if (distance == 0 || distance >= 0x8000) {
            sendAck(now); // a resend of something we have: our ack was lost
            return;
        }
        if (p.type() == UtpPacket.Type.FIN && peerFinSeq < 0) peerFinSeq = p.seq();
        if (distance >= OUT_OF_ORDER) return; // beyond what we hold; it comes again
        int length = p.payload().length;
        if (distance == 1) {
            if (length > 0 && !room(length)) {
                sendAck(now); // no room: the sender learns our window is shut
                return;
            }
            deliver(p.payload());
            ackNr = p.seq();
            while (outOfOrderCount > 0) {
                int next = (ackNr + 1) & 0xffff;
                int slot = next & (OUT_OF_ORDER - 1);
                byte[] waiting = outOfOrder[slot];
                if (waiting == null || outOfOrderSeq[slot] != next) break;
                outOfOrder[slot] = null;
                outOfOrderCount--;
                outOfOrderBytes -= waiting.length;
                deliver(waiting);
                ackNr = next;
            }
            if (peerFinSeq >= 0 && ackNr == peerFinSeq) {
                eof = true;
                wake();
            }
            unackedReceived++;
            if (unackedReceived >= 2 || outOfOrderCount > 0 || length < MAX_PAYLOAD || eof) sendAck(now);
        } else {
            int slot = p.seq() & (OUT_OF_ORDER - 1);
            if (outOfOrder[slot] == null) {
                if (length > 0 && !room(length)) return;
                outOfOrder[slot] = p.payload();
                outOfOrderSeq[slot] = p.seq();
                outOfOrderCount++;
                outOfOrderBytes += length;
            }
            sendAck(now); // at once, with the selective ack, so the sender resends the hole quickly
        }
    }

    private boolean room(int length) {
        if (readyBytes + outOfOrderBytes + length > limits.receiveBuffer()) return false;
        return host.reserve(length);
    }

    private void deliver(byte[] payload) {
        if (payload.length == 0) return;
        // Out-of-order bytes were reserved when stored and only move here; count them once.
        ready.add(payload);
        readyBytes += payload.length;
        wake();
    }

    // ---- packets to the peer ----

    private void trySend(long now) {
        if (state != State.CONNECTED) return;
        if (needResend > 0) resendLost(now);
        while (!unsent.isEmpty() && state == State.CONNECTED) {
            byte[] chunk = unsent.peek();
            if (bytesInFlight > 0 && bytesInFlight + chunk.length > ledbat.window()) break;
            if (bytesUnacked > 0 && bytesUnacked + chunk.length > peerWindow) break;
            if (bytesUnacked == 0 && peerWindow < chunk.length && now - lastSent < rto) break; // zero window
            if (((seqNr - ackedTo) & 0xffff) >= RING - 1) break;
            unsent.poll();
            unsentBytes -= chunk.length;
            send(new OutPacket(seqNr, UtpPacket.Type.DATA, chunk), now);
        }
        if (finQueued && finSeq == -1 && unsent.isEmpty() && ((seqNr - ackedTo) & 0xffff) < RING - 1) {
            finSeq = seqNr;
            send(new OutPacket(seqNr, UtpPacket.Type.FIN, UtpPacket.NO_BYTES), now);
        }
    }

    private void send(OutPacket o, long now) {
        bytesUnacked += o.payload.length;
        ring[seqNr & (RING - 1)] = o;
        seqNr = (seqNr + 1) & 0xffff;
        transmit(o, now, sendId);
        if (rtoDeadline == Long.MAX_VALUE) rtoDeadline = now + rto;
    }

    /** Resends what the timer gave up as lost, oldest first, as the window allows. */
    private void resendLost(long now) {
        int count = (seqNr - 1 - ackedTo) & 0xffff;
        for (int i = 1; i <= count && needResend > 0; i++) {
            OutPacket o = ring[(ackedTo + i) & (RING - 1)];
            if (o == null || o.acked || o.inFlight) continue;
            if (bytesInFlight > 0 && bytesInFlight + o.payload.length > ledbat.window()) return;
            needResend--;
            transmit(o, now, sendId);
        }
        needResend = 0;
    }

    private void transmit(OutPacket o, long now, int connectionId) {
        o.sentAt = now;
        o.transmissions++;
        if (!o.inFlight) {
            o.inFlight = true;
            bytesInFlight += o.payload.length;
        }
        out.clear();
        header(o.type, connectionId, now, o.seq, false);
        out.put(o.payload);
        emit(now);
    }

    private void sendAck(long now) {
        out.clear();
        header(UtpPacket.Type.STATE, sendId, now, seqNr, outOfOrderCount > 0);
        emit(now);
    }

    private void sendReset(long now) {
        out.clear();
        header(UtpPacket.Type.RESET, sendId, now, seqNr, false);
        emit(now);
    }

    private void header(UtpPacket.Type type, int connectionId, long now, int seq, boolean withSack) {
        advertised = receiveWindow();
        int sackBytes = 0;
        if (withSack) {
            // Bits for ackNr + 2 onwards, as far as the furthest packet we hold, in whole words.
            int furthest = 0;
            for (int bit = 0; bit < MAX_SACK_BYTES * 8; bit++) {
                int s = (ackNr + 2 + bit) & 0xffff;
                int slot = s & (OUT_OF_ORDER - 1);
                if (outOfOrder[slot] != null && outOfOrderSeq[slot] == s) furthest = bit + 1;
            }
            sackBytes = furthest == 0 ? 0 : Math.min(MAX_SACK_BYTES, (furthest + 31) / 32 * 4);
        }
        out.put((byte) (type.code << 4 | UtpPacket.VERSION));
        out.put((byte) (sackBytes > 0 ? 1 : 0));
        out.putShort((short) connectionId);
        out.putInt((int) now);
        out.putInt(replyDelay);
        out.putInt((int) Math.min(Integer.MAX_VALUE, advertised));
        out.putShort((short) seq);
        out.putShort((short) ackNr);
        if (sackBytes > 0) {
            out.put((byte) 0);
            out.put((byte) sackBytes);
            for (int i = 0; i < sackBytes; i++) {
                int bits = 0;
                for (int j = 0; j < 8; j++) {
                    int s = (ackNr + 2 + i * 8 + j) & 0xffff;
                    int slot = s & (OUT_OF_ORDER - 1);
                    if (outOfOrder[slot] != null && outOfOrderSeq[slot] == s) bits |= 1 << j;
                }
                out.put((byte) bits);
            }
        }
        unackedReceived = 0;
    }

    private void emit(long now) {
        out.flip();
        lastSent = now;
        try {
            host.send(out, remote);
        } catch (IOException e) {
            fail(e);
        }
    }

    private long receiveWindow() {
        return Math.max(0, limits.receiveBuffer() - readyBytes - outOfOrderBytes);
    }

    // ---- the timer ----

    /** Runs the timers: SYN resends, retransmission, delayed acks, keep-alives, read timeouts, lingering. */
    void tick(long now) {
        lock.lock();
        try {
            if (state == State.CLOSED) return;
            if (readDeadline != Long.MAX_VALUE && clock.nanoTime() >= readDeadline) {
                readTimedOut = true;
                wake();
            }
            if (state == State.SYN_SENT) {
                if (now >= connectDeadline || (now >= rtoDeadline && synTries >= SYN_TRIES)) {
                    fail(new SocketTimeoutException("uTP connect timed out"));
                } else if (now >= rtoDeadline) {
                    synTries++;
                    rto = Math.min(rto * 2, MAX_RTO_MICROS);
                    rtoDeadline = now + rto;
                    transmit(ring[ackedTo + 1 & (RING - 1)], now, recvId);
                }
                return;
            }
            if (unackedReceived > 0) sendAck(now);
            if (now >= rtoDeadline) timedOut(now);
            if (state == State.CLOSED) return;
            trySend(now);
            if (now - lastSent >= KEEP_ALIVE_MICROS) sendAck(now);
            if (closedByUser && now - closedAt >= LINGER_MICROS) finish();
            else maybeFinished();
        } finally {
            lock.unlock();
        }
    }

    private void timedOut(long now) {
        int count = (seqNr - 1 - ackedTo) & 0xffff;
        if (count == 0) {
            rtoDeadline = Long.MAX_VALUE;
            return;
        }
        LOG.log(
                System.Logger.Level.DEBUG,
                "{0}: uTP timeout {1}, {2} in flight from {3}, peer window {4}",
                remote,
                timeouts + 1,
                count,
                (ackedTo + 1) & 0xffff,
                peerWindow);
        // A peer whose window is shut is alive and slow to read: its probe going unacked is no failure.
        if (peerWindow >= MAX_PAYLOAD && ++timeouts > MAX_TIMEOUTS) {
            fail(new SocketTimeoutException("uTP peer stopped acking"));
            return;
        }
        ledbat.onTimeout();
        rto = Math.min(rto * 2, MAX_RTO_MICROS);
        rtoDeadline = now + rto;
        // Everything in flight is presumed lost; resend from the oldest as the (now one-packet) window allows.
        for (int i = 1; i <= count; i++) {
            OutPacket o = ring[(ackedTo + i) & (RING - 1)];
            if (o != null && !o.acked && o.inFlight) {
                o.inFlight = false;
                bytesInFlight -= o.payload.length;
                needResend++;
            }
        }
        resendLost(now);
    }

    /** Over once both sides said FIN and ours is acked, or we closed and the peer is gone. */
    private void maybeFinished() {
        boolean ourFinAcked = finSeq == -2;
        if (ourFinAcked && (eof || closedByUser)) finish();
    }

    private void finish() {
        if (state == State.CLOSED) return;
        state = State.CLOSED;
        if (failure == null) failure = new EOFException("uTP connection closed");
        releaseBuffers();
        wake();
        host.removed(this);
    }

    private void fail(IOException why) {
        if (state == State.CLOSED) return;
        failure = why;
        state = State.CLOSED;
        releaseBuffers();
        wake();
        host.removed(this);
    }

    /** The stack is closing or refusing: a RESET so the peer need not time out, then gone. */
    void abort() {
        lock.lock();
        try {
            if (state == State.CONNECTED) sendReset(nowMicros());
            fail(new IOException("uTP stack closed"));
        } finally {
            lock.unlock();
        }
    }

    private void releaseBuffers() {
        host.release((int) Math.min(Integer.MAX_VALUE, readyBytes + outOfOrderBytes));
        ready.clear();
        readyBytes = 0;
        Arrays.fill(outOfOrder, null);
        outOfOrderCount = 0;
        outOfOrderBytes = 0;
        unsent.clear();
    }

    private long nowMicros() {
        return clock.nanoTime() / 1000;
    }

    /** Bytes a write could take now without waiting (for single-threaded tests). */
    long sendRoom() {
        lock.lock();
        try {
            return Math.max(0, limits.sendBuffer() - unsentBytes - bytesInFlight);
        } finally {
            lock.unlock();
        }
    }

    /** Whether the peer's FIN arrived and the reader took everything before it. */
    boolean atEndOfStream() {
        lock.lock();
        try {
            return eof && readyBytes == 0;
        } finally {
            lock.unlock();
        }
    }

    /** Bytes received in order or out of order that the reader has not taken. */
    long heldBytes() {
        lock.lock();
        try {
            return readyBytes + outOfOrderBytes;
        } finally {
            lock.unlock();
        }
    }

    /** For tests and status: the congestion window, bytes in flight, smoothed RTT (µs). */
    record Snapshot(State state, long window, long inFlight, long rtt, long queuingDelay) {}

    Snapshot snapshot() {
        lock.lock();
        try {
            return new Snapshot(state, ledbat.window(), bytesInFlight, srtt, ledbat.queuingDelay());
        } finally {
            lock.unlock();
        }
    }
}
