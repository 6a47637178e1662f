package dev.torpeddo.engine.dht;

import dev.torpeddo.engine.internal.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * The Kademlia routing table of BEP 5: k-buckets of at most {@link #K} nodes each. Bucket {@code i} holds the
 * nodes whose ids share exactly {@code i} leading bits with ours, except the last one, which holds everything
 * closer; only that last bucket (the one containing our own id) ever splits, so the table holds at most
 * 160 &times; 8 nodes, plus as many waiting in per-bucket replacement caches.
 *
 * <p>Nodes are good while they answer us, questionable after a quiet spell, and bad once they fail to answer: a
 * bad node is evicted at once, and the best node waiting in its bucket's replacement cache (where newcomers to a
 * full bucket wait) takes its place. Thread-safe.
 */
public final class RoutingTable {
    public static final int K = 8;
    /** A node unheard of for this long becomes questionable; a bucket untouched for this long needs a refresh. */
    public static final Duration QUIET_PERIOD = Duration.ofMinutes(15);
    /**
     * Consecutive unanswered queries after which a node that has answered us before is bad. One that never has
     * (loaded from a saved table, or it only queried us) is bad at its first failure: nothing vouches for it.
     */
    public static final int MAX_FAILURES = 2;
    /** A questionable node is pinged at most this often. */
    public static final Duration PING_INTERVAL = Duration.ofMinutes(1);

    private final NodeId self;
    private final Clock clock;
    private final List<Bucket> buckets = new ArrayList<>();

    public RoutingTable(NodeId self, Clock clock) {
        this.self = self;
        this.clock = clock;
        buckets.add(new Bucket(clock.nanoTime()));
    }

    public NodeId self() {
        return self;
    }

    /**
     * Notes a node we heard from without it answering a query of ours (it queried us, or it was loaded from a
     * saved table). A known node that has answered before is refreshed; an unknown one enters as questionable.
     *
     * @return whether the node is now in the table (not just in a replacement cache)
     */
    public synchronized boolean add(CompactNode node) {
        return insert(node, false);
    }

    /** Notes that a node answered one of our queries: it becomes good (and enters the table if there is room). */
    public synchronized boolean seen(CompactNode node) {
        return insert(node, true);
    }

    /**
     * Notes that a node did not answer a query. Once it is bad (see {@link #MAX_FAILURES}) it is evicted, and the
     * best waiting replacement, if any, takes its place.
     */
    public synchronized void failed(NodeId id) {
        Bucket bucket = bucketFor(id);
        Entry e = bucket.find(id);
        if (e == null) {
            bucket.replacements.removeIf(r -> r.node.id().equals(id));
            return;
        }
        e.failures++;
        if (e.everResponded && e.failures < MAX_FAILURES) return;
        int index = bucket.entries.indexOf(e);
        Optional<Entry> best = bucket.replacements.stream()
                .max(Comparator.comparing((Entry r) -> r.everResponded).thenComparingLong(r -> r.lastSeen));
        if (best.isPresent()) {
            bucket.replacements.remove(best.get());
            bucket.entries.set(index, best.get());
        } else {
            bucket.entries.remove(index);
        }
        bucket.lastChanged = clock.nanoTime();
    }

    /** The state of a node in the table, or empty if it is not in it. */
    public synchronized Optional<NodeState> state(NodeId id) {
        return Optional.ofNullable(bucketFor(id).find(id)).map(this::state);
    }

    /**
     * Up to {@code n} nodes near {@code target}: the nearest good ones, nearest first, then as many of the nearest
     * questionable ones as it takes to make up {@code n}.
     */
    public synchronized List<CompactNode> closest(NodeId target, int n) {
        List<CompactNode> good = closest(target, n, NodeState.GOOD);
        if (good.size() == n) return good;
        List<CompactNode> all = new ArrayList<>(good);
        all.addAll(closest(target, n - good.size(), NodeState.QUESTIONABLE));
        return all;
    }

    /** Up to {@code n} nodes in {@code state}, nearest to {@code target} first. */
    public synchronized List<CompactNode> closest(NodeId target, int n, NodeState state) {
        return nearest(target, n, e -> state(e) == state);
    }

    private List<CompactNode> nearest(NodeId target, int n, Predicate<Entry> which) {
        if (n <= 0) return List.of();
        Comparator<NodeId> byDistance = NodeId.byDistanceTo(target);
        return buckets.stream()
                .flatMap(b -> b.entries.stream())
                .filter(which)
                .map(e -> e.node)
                .sorted(Comparator.comparing(CompactNode::id, byDistance))
                .limit(n)
                .toList();
    }

    /** Every node in the table (not the replacement caches), in bucket order. */
    public synchronized List<CompactNode> nodes() {
        return buckets.stream()
                .flatMap(b -> b.entries.stream())
                .map(e -> e.node)
                .toList();
    }

    /** How many nodes the table holds (not counting replacement caches). */
    public synchronized int size() {
        return buckets.stream().mapToInt(b -> b.entries.size()).sum();
    }

    /** How many nodes of the table are in {@code state}. */
    public synchronized int count(NodeState state) {
        return (int) buckets.stream()
                .flatMap(b -> b.entries.stream())
                .filter(e -> state(e) == state)
                .count();
    }

    public synchronized int bucketCount() {
        return buckets.size();
    }

    /**
     * Up to {@code max} questionable nodes not pinged within {@link #PING_INTERVAL}, least recently heard from
     * first: the ones to ping now, whose answer or silence will make them good or bad. They count as pinged from
     * now on.
     */
    public synchronized List<CompactNode> dueForPing(int max) {
        long now = clock.nanoTime();
        List<Entry> due = buckets.stream()
                .flatMap(b -> b.entries.stream())
                .filter(e -> state(e) == NodeState.QUESTIONABLE && now - e.pingedAt >= PING_INTERVAL.toNanos())
                .sorted(Comparator.comparingLong(e -> e.lastSeen))
                .limit(max)
                .toList();
        due.forEach(e -> e.pingedAt = now);
        return due.stream().map(e -> e.node).toList();
    }

    /**
     * Random targets inside every bucket that has not changed for {@link #QUIET_PERIOD}, for a find_node
     * lookup each (BEP 5 bucket refresh). The buckets count as refreshed from now on.
     */
    public synchronized List<NodeId> refreshTargets(RandomGenerator random) {
        long now = clock.nanoTime();
        List<NodeId> targets = new ArrayList<>();
        for (int i = 0; i < buckets.size(); i++) {
            Bucket b = buckets.get(i);
            if (now - b.lastChanged >= QUIET_PERIOD.toNanos()) {
                targets.add(self.randomWithPrefix(i, random));
                b.lastChanged = now;
            }
        }
        return targets;
    }

    private boolean insert(CompactNode node, boolean responded) {
        if (node.id().equals(self)) return false;
        long now = clock.nanoTime();
        while (true) {
            int index = indexOf(node.id());
            Bucket bucket = buckets.get(index);
            Entry existing = bucket.find(node.id());
            if (existing != null) {
                // A different address for a known id is ignored while the known one works: ids are cheap to
                // claim, so a newcomer must not be able to redirect a good node's traffic.
                // The known one is evicted once it fails to answer; then the new address may come in.
                if (!existing.node.address().equals(node.address())) return true;
                existing.touch(responded, now);
                return true;
            }
            Entry fresh = bucket.takeReplacement(node.id()).orElseGet(() -> new Entry(node, now));
            fresh.node = node;
            fresh.touch(responded, now);
            if (bucket.entries.size() < K) {
                bucket.entries.add(fresh);
                bucket.lastChanged = now;
                return true;
            }
            if (index == buckets.size() - 1 && buckets.size() < NodeId.BITS) {
                split();
                continue;
            }
            bucket.addReplacement(fresh);
            return false;
        }
    }

    /** Splits the last bucket: nodes sharing one more bit with us move to a new last bucket. */
    private void split() {
        int depth = buckets.size() - 1;
        Bucket old = buckets.get(depth);
        Bucket deeper = new Bucket(clock.nanoTime());
        old.lastChanged = deeper.lastChanged;
        buckets.add(deeper);
        old.entries.removeIf(e -> self.commonPrefixBits(e.node.id()) > depth && deeper.entries.add(e));
        old.replacements.removeIf(e -> self.commonPrefixBits(e.node.id()) > depth && deeper.replacements.add(e));
    }

    private int indexOf(NodeId id) {
        return Math.min(self.commonPrefixBits(id), buckets.size() - 1);
    }

    private Bucket bucketFor(NodeId id) {
        return buckets.get(indexOf(id));
    }

    private NodeState state(Entry e) {
        boolean recent = clock.nanoTime() - e.lastSeen < QUIET_PERIOD.toNanos();
        return e.everResponded && recent ? NodeState.GOOD : NodeState.QUESTIONABLE;
    }

    /** One node and what we know of its liveness. */
    private static final class Entry {
        CompactNode node;
        long lastSeen;
        boolean everResponded;
        int failures;
        long pingedAt;

        Entry(CompactNode node, long now) {
            this.node = node;
            this.lastSeen = now; // its first sighting, whether or not it answered
            this.pingedAt = now - PING_INTERVAL.toNanos(); // due at once should it be questionable
        }

        void touch(boolean responded, long now) {
            if (responded) {
                everResponded = true;
                failures = 0;
                lastSeen = now;
            } else if (everResponded) {
                // Queries from a node that never answered us do not make it good.
                lastSeen = now;
            }
        }
    }

    /** Up to K nodes and up to K replacements. */
    private static final class Bucket {
        final List<Entry> entries = new ArrayList<>(K);
        final List<Entry> replacements = new ArrayList<>(K);
        long lastChanged;

        Bucket(long now) {
            this.lastChanged = now;
        }

        Entry find(NodeId id) {
            for (Entry e : entries) {
                if (e.node.id().equals(id)) return e;
            }
            return null;
        }

        Optional<Entry> takeReplacement(NodeId id) {
            for (Entry e : replacements) {
                if (e.node.id().equals(id)) {
                    replacements.remove(e);
                    return Optional.of(e);
                }
            }
            return Optional.empty();
        }

        void addReplacement(Entry e) {
            if (replacements.size() == K) replacements.removeFirst();
            replacements.add(e);
        }
    }
}
