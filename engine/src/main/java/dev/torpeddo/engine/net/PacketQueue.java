package dev.torpeddo.engine.net;

import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A queue of received packets bounded in count and in bytes: when full, new packets are refused, so a flood costs
 * at most the bound whatever the consumer's speed.
 */
final class PacketQueue {
    private final int maxPackets;
    private final long maxBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final ArrayDeque<Packet> packets = new ArrayDeque<>();
    private long bytes;
    private boolean closed;

    PacketQueue(int maxPackets, long maxBytes) {
        if (maxPackets < 1 || maxBytes < 1) throw new IllegalArgumentException("queue bounds must be positive");
        this.maxPackets = maxPackets;
        this.maxBytes = maxBytes;
    }

    /** Adds the packet unless the queue is full or closed; never blocks. */
    boolean offer(Packet packet) {
        lock.lock();
        try {
            if (closed || packets.size() >= maxPackets || bytes + packet.data().length > maxBytes) return false;
            packets.add(packet);
            bytes += packet.data().length;
            notEmpty.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits up to {@code timeout} for a packet; empty when the time ran out.
     *
     * @throws ClosedChannelException once the queue is closed and drained
     */
    Optional<Packet> poll(Duration timeout) throws InterruptedException, ClosedChannelException {
        long nanos = timeout.toNanos();
        lock.lockInterruptibly();
        try {
            while (packets.isEmpty()) {
                if (closed) throw new ClosedChannelException();
                if (nanos <= 0) return Optional.empty();
                nanos = notEmpty.awaitNanos(nanos);
            }
            Packet p = packets.poll();
            bytes -= p.data().length;
            return Optional.of(p);
        } finally {
            lock.unlock();
        }
    }

    /** Waits for the next packet however long it takes. */
    Packet take() throws InterruptedException, ClosedChannelException {
        while (true) {
            Optional<Packet> p = poll(Duration.ofDays(1));
            if (p.isPresent()) return p.get();
        }
    }

    int size() {
        lock.lock();
        try {
            return packets.size();
        } finally {
            lock.unlock();
        }
    }

    long bytes() {
        lock.lock();
        try {
            return bytes;
        } finally {
            lock.unlock();
        }
    }

    /** Refuses further packets and wakes waiters; packets already queued can still be taken. */
    void close() {
        lock.lock();
        try {
            closed = true;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
