package dev.torpeddo.engine.dht;

import dev.torpeddo.engine.internal.Clock;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;

/**
 * Our outstanding queries, by 2-byte transaction id. A reply only counts if it comes from the address the query
 * went to, so a third party cannot answer for a node; the table is bounded, so a node under load fails new
 * queries at once instead of growing. Thread-safe.
 */
final class Transactions {
    /** Pending query: where it went, whom we expect (null for bootstrap routers), when it times out. */
    record Pending(
            TransactionId id,
            InetSocketAddress target,
            NodeId expected,
            long deadline,
            CompletableFuture<KrpcMessage.Response> future) {}

    private final Clock clock;
    private final int max;
    private final RandomGenerator random;
    private final Map<TransactionId, Pending> pending = new HashMap<>();

    Transactions(Clock clock, int max, RandomGenerator random) {
        this.clock = clock;
        this.random = random;
        this.max = max;
    }

    /** Registers a query, or returns empty when too many are outstanding. */
    synchronized Optional<Pending> open(InetSocketAddress target, NodeId expected, Duration timeout) {
        if (pending.size() >= max) return Optional.empty();
        TransactionId id;
        do {
            id = TransactionId.of(random.nextInt(0x10000));
        } while (pending.containsKey(id));
        Pending p = new Pending(id, target, expected, clock.nanoTime() + timeout.toNanos(), new CompletableFuture<>());
        pending.put(id, p);
        return Optional.of(p);
    }

    /** Removes and returns the query that {@code id} from {@code source} answers, if there is one. */
    synchronized Optional<Pending> take(TransactionId id, InetSocketAddress source) {
        Pending p = pending.get(id);
        if (p == null || !p.target().equals(source)) return Optional.empty();
        pending.remove(id);
        return Optional.of(p);
    }

    /** Removes a query whose send failed. */
    synchronized void remove(TransactionId id) {
        pending.remove(id);
    }

    /** Removes and returns every query past its deadline. */
    synchronized List<Pending> expire() {
        long now = clock.nanoTime();
        List<Pending> expired = new ArrayList<>();
        for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (now - p.deadline() >= 0) {
                expired.add(p);
                it.remove();
            }
        }
        return expired;
    }

    /** Removes and returns every outstanding query. */
    synchronized List<Pending> drain() {
        List<Pending> all = new ArrayList<>(pending.values());
        pending.clear();
        return all;
    }

    synchronized int size() {
        return pending.size();
    }
}
