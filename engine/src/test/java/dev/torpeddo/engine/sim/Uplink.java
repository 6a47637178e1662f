package dev.torpeddo.engine.sim;

import java.util.ArrayDeque;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * A host's upload link: one segment on the wire at a time, queued as its {@link Link.Queueing} says. By
 * default the flows that have something to send take turns (round robin), so a small request is not stuck
 * behind another connection's megabytes, as a real uplink's queueing interleaves flows. With a drop-tail
 * queue, segments wait in one bounded FIFO whatever their flow, so a bulk transfer delays everyone. All state
 * is guarded by the scheduler's lock.
 */
final class Uplink {
    /** What a UDP port may have waiting for the wire under round robin; more is dropped, as by a full socket buffer. */
    static final int DATAGRAM_BUFFER = 256 << 10;

    private final Scheduler scheduler;
    private final SimHost host;
    private final ArrayDeque<Flow> waiting = new ArrayDeque<>();
    private final ArrayDeque<Segment> fifo = new ArrayDeque<>();
    /** Bytes in {@link #fifo} and on the wire from it. */
    private long fifoBytes;

    private boolean busy;
    /**
     * When the wire is free, exactly: the next segment starts then, not when its timer fired (virtual time
     * moves in quanta, and rounding each segment up would slow the link).
     */
    private long freeAt;

    Uplink(Scheduler scheduler, SimHost host) {
        this.scheduler = scheduler;
        this.host = host;
    }

    /**
     * One connection's or UDP port's queue of segments. A reliable flow (TCP) loses nothing here: at a full
     * drop-tail queue it waits {@code retryNanos} and tries again; a datagram flow's segments are dropped.
     */
    static final class Flow {
        private final ArrayDeque<Segment> queue = new ArrayDeque<>();
        private final LongSupplier retryNanos;
        private long queuedBytes;
        private boolean queued;
        private boolean stalled;

        private Flow(LongSupplier retryNanos) {
            this.retryNanos = retryNanos;
        }

        /** A TCP connection's direction, which after a drop sends again once {@code retryNanos} has passed. */
        static Flow reliable(LongSupplier retryNanos) {
            return new Flow(retryNanos);
        }

        /** A UDP port's datagrams. */
        static Flow datagrams() {
            return new Flow(null);
        }

        private boolean isReliable() {
            return retryNanos != null;
        }
    }

    /** Bytes to send, and what happens once they have left (given the exact time they left). */
    record Segment(int bytes, LongConsumer departed) {}

    /** Queues {@code segment}; a datagram that does not fit is dropped without a word, as UDP's are. */
    void send(Flow flow, Segment segment) {
        switch (host.link().queueing()) {
            case Link.Queueing.RoundRobin r -> {
                if (!flow.isReliable() && flow.queuedBytes > 0 && flow.queuedBytes + segment.bytes() > DATAGRAM_BUFFER)
                    return;
                flow.queue.add(segment);
                flow.queuedBytes += segment.bytes();
                if (!flow.queued) {
                    flow.queued = true;
                    waiting.add(flow);
                }
            }
            case Link.Queueing.DropTail d -> {
                if (flow.isReliable()) {
                    flow.queue.add(segment);
                    flow.queuedBytes += segment.bytes();
                    feed(flow, d);
                } else if (fits(d)) {
                    fifo.add(segment);
                    fifoBytes += segment.bytes();
                }
            }
        }
        start();
    }

    /**
     * Whether the queue has room: any at all, not the segment's whole size, so that a TCP segment (several
     * packets here) does not lose every race for room to datagrams of one packet. It may overfill by one.
     */
    private boolean fits(Link.Queueing.DropTail queue) {
        return fifoBytes < queue.bytes();
    }

    /** Moves a reliable flow's segments into the FIFO while they fit; at the first that does not, it waits. */
    private void feed(Flow flow, Link.Queueing.DropTail queue) {
        while (!flow.stalled && !flow.queue.isEmpty()) {
            Segment s = flow.queue.peek();
            if (!fits(queue)) {
                flow.stalled = true;
                scheduler.at(scheduler.now() + flow.retryNanos.getAsLong(), () -> {
                    flow.stalled = false;
                    resume(flow);
                });
                return;
            }
            flow.queue.poll();
            flow.queuedBytes -= s.bytes();
            fifo.add(s);
            fifoBytes += s.bytes();
        }
    }

    /** A stalled flow tries again, under whatever queueing the link has now. */
    private void resume(Flow flow) {
        switch (host.link().queueing()) {
            case Link.Queueing.RoundRobin r -> {
                if (!flow.queue.isEmpty() && !flow.queued) {
                    flow.queued = true;
                    waiting.add(flow);
                }
            }
            case Link.Queueing.DropTail d -> feed(flow, d);
        }
        start();
    }

    private void start() {
        if (!busy) {
            freeAt = Math.max(freeAt, scheduler.now());
            next();
        }
    }

    private void next() {
        Segment s = fifo.poll();
        boolean fromFifo = s != null;
        if (s == null) {
            Flow flow;
            // A flow can be here with nothing left if the link switched to drop-tail meanwhile, which took it.
            while ((flow = waiting.poll()) != null && flow.queue.isEmpty()) flow.queued = false;
            if (flow == null) {
                busy = false;
                return;
            }
            s = flow.queue.poll();
            flow.queuedBytes -= s.bytes();
            if (flow.queue.isEmpty()) flow.queued = false;
            else waiting.add(flow);
        }
        busy = true;
        long done = freeAt + s.bytes() * 1_000_000_000L / host.link().uploadBytesPerSecond();
        freeAt = done;
        Segment sent = s;
        scheduler.at(done, () -> {
            if (fromFifo) fifoBytes -= sent.bytes();
            sent.departed().accept(done);
            next();
        });
    }
}
