package dev.torpeddo.engine.dht;

import dev.torpeddo.engine.internal.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Keeps a routing table honest: pings its questionable nodes at a bounded rate, so that each either answers and
 * is good again or fails and is evicted; and holds lookups back while the table has no good node to start from
 * but still has nodes to try, as just after a saved table was loaded, so that they do not start from nodes that
 * may be long gone. Thread-safe.
 */
final class NodeVerifier {
    /** Pings per tick at most: 40 a second on the node's 100 ms tick, a full table of 1280 in half a minute. */
    static final int PINGS_PER_TICK = 4;

    private record Waiter(CompletableFuture<Void> ready, long deadline) {}

    private final RoutingTable table;
    private final Clock clock;
    private final Duration maxWait;
    private final Consumer<CompactNode> ping;
    private final List<Waiter> waiting = new ArrayList<>();
    private boolean closed;

    /**
     * @param maxWait how long a lookup waits at most for a good node (a query timeout: by then the first pings
     *     have either been answered or failed)
     * @param ping sends a ping to a node; the node's replies and timeouts reach the table on their own
     */
    NodeVerifier(RoutingTable table, Clock clock, Duration maxWait, Consumer<CompactNode> ping) {
        this.table = table;
        this.clock = clock;
        this.maxWait = maxWait;
        this.ping = ping;
    }

    /** Called on every tick of the node's timer: pings the nodes that are due, releases lookups that may go. */
    void tick() {
        for (CompactNode node : table.dueForPing(PINGS_PER_TICK)) ping.accept(node);
        release();
    }

    /**
     * Completes when a lookup may start: at once if the table has a good node or nothing left to verify; otherwise
     * when a node answers, the last questionable one is gone, or {@code maxWait} has passed. Completes on the
     * thread that releases it.
     */
    CompletableFuture<Void> ready() {
        synchronized (this) {
            if (closed || !mustWait()) return CompletableFuture.completedFuture(null);
            Waiter w = new Waiter(new CompletableFuture<>(), clock.nanoTime() + maxWait.toNanos());
            waiting.add(w);
            return w.ready();
        }
    }

    /** A node answered one of our queries, so the table may now have a good node. */
    void answered() {
        release();
    }

    /** The node is closing: nobody waits any more (their queries will fail at once). */
    void close() {
        synchronized (this) {
            closed = true;
        }
        release();
    }

    private boolean mustWait() {
        return table.count(NodeState.GOOD) == 0 && table.count(NodeState.QUESTIONABLE) > 0;
    }

    private void release() {
        List<CompletableFuture<Void>> go = new ArrayList<>();
        synchronized (this) {
            if (waiting.isEmpty()) return;
            boolean everyone = closed || !mustWait();
            long now = clock.nanoTime();
            for (Iterator<Waiter> it = waiting.iterator(); it.hasNext(); ) {
                Waiter w = it.next();
                if (everyone || now - w.deadline() >= 0) {
                    go.add(w.ready());
                    it.remove();
                }
            }
        }
        go.forEach(f -> f.complete(null)); // outside the lock: the lookups start on this thread
    }
}
