package dev.torpeddo.engine.sim;

import java.util.ArrayDeque;

/**
 * A host's upload link: one segment on the wire at a time, taken in turn from each connection that has
 * something to send (round robin), so a small request is not stuck behind another connection's megabytes,
 * as a real uplink's queueing interleaves flows. All state is guarded by the scheduler's lock.
 */
final class Uplink {
    private final Scheduler scheduler;
    private final SimHost host;
    private final ArrayDeque<Flow> waiting = new ArrayDeque<>();
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

    /** One connection's queue of segments. */
    static final class Flow {
        private final ArrayDeque<Segment> queue = new ArrayDeque<>();
        private boolean queued;
    }

    /** Bytes to send, and what happens once they have left (given the exact time they left). */
    record Segment(int bytes, java.util.function.LongConsumer departed) {}

    void send(Flow flow, Segment segment) {
        flow.queue.add(segment);
        if (!flow.queued) {
            flow.queued = true;
            waiting.add(flow);
        }
        if (!busy) {
            freeAt = Math.max(freeAt, scheduler.now());
            next();
        }
    }

    private void next() {
        Flow flow = waiting.poll();
        if (flow == null) {
            busy = false;
            return;
        }
        Segment s = flow.queue.poll();
        if (flow.queue.isEmpty()) flow.queued = false;
        else waiting.add(flow);
        busy = true;
        long done = freeAt + s.bytes() * 1_000_000_000L / host.link().uploadBytesPerSecond();
        freeAt = done;
        scheduler.at(done, () -> {
            s.departed().accept(done);
            next();
        });
    }
}
