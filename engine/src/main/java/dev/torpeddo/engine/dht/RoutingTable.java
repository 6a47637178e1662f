package dev.torpeddo.engine.dht;

import dev.torpeddo.engine.internal.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The Kademlia routing table of BEP 5: k-buckets of at most {@link #K} nodes each. Bucket {@code i} holds the
 * nodes whose ids share exactly {@code i} leading bits with ours, except the last one, which holds everything
 * closer; only that last bucket (the one containing our own id) ever splits, so the table holds at most
 * 160 &times; 8 nodes, plus as many waiting in per-bucket replacement caches.
 *
 * <p>A full bucket takes a new node only in place of a bad one; otherwise the newcomer waits in the bucket's
 * replacement cache and moves in when a resident goes bad. Thread-safe.
 */
public final class RoutingTable {
    public static final int K = 8;
    /** A node unheard of for this long becomes questionable; a bucket untouched for this long needs a refresh. */
    public static final Duration QUIET_PERIOD = Duration.ofMinutes(15);
    /** Consecutive unanswered queries after which a node is bad. */
    public static final int MAX_FAILURES = 2;

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

    /** Notes that a node did not answer a query; after {@link #MAX_FAILURES} in a row it is bad and replaceable. */
    public synchronized void failed(NodeId id) {
        Bucket bucket = bucketFor(id);
        Entry e = bucket.find(id);
        if (e == null) {
            bucket.replacements.removeIf(r -> r.node.id().equals(id));
            return;
        }
        e.failures++;
        if (state(e) == NodeState.BAD && !bucket.replacements.isEmpty()) {
            Entry best = bucket.replacements.stream()
                    .max(Comparator.comparing((Entry r) -> r.everResponded).thenComparingLong(r -> r.lastSeen))
                    .orElseThrow();
            bucket.replacements.remove(best);
            bucket.entries.set(bucket.entries.indexOf(e), best);
            bucket.lastChanged = clock.nanoTime();
        }
    }

    /** The state of a node in the table, or empty if it is not in it. */
    public synchronized Optional<NodeState> state(NodeId id) {
        return Optional.ofNullable(bucketFor(id).find(id)).map(this::state);
    }

    /** Up to {@code n} nodes that are not bad, nearest to {@code target} first. */
    public synchronized List<CompactNode> closest(NodeId target, int n) {
        Comparator<NodeId> byDistance = NodeId.byDistanceTo(target);
        return buckets.stream()
                .flatMap(b -> b.entries.stream())
                .filter(e -> state(e) != NodeState.BAD)
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

    /** How many nodes the table holds, bad ones included. */
    public synchronized int size() {
        return buckets.stream().mapToInt(b -> b.entries.size()).sum();
    }

    public synchronized int bucketCount() {
        return buckets.size();
    }

    /** Up to {@code max} questionable nodes, least recently heard from first: the ones worth a ping. */
    public synchronized List<CompactNode> questionable(int max) {
        return buckets.stream()
                .flatMap(b -> b.entries.stream())
                .filter(e -> state(e) == NodeState.QUESTIONABLE)
                .sorted(Comparator.comparingLong(e -> e.lastSeen))
                .limit(max)
                .map(e -> e.node)
                .toList();
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
                if (!existing.node.address().equals(node.address())) {
                    if (state(existing) != NodeState.BAD) return true;
                    existing.node = node;
                    existing.everResponded = false;
                    existing.failures = 0;
                }
                existing.touch(responded, now);
                return true;
            }
            Entry fresh = bucket.takeReplacement(node.id()).orElseGet(() -> new Entry(node));
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
            for (int i = 0; i < bucket.entries.size(); i++) {
                if (state(bucket.entries.get(i)) == NodeState.BAD) {
                    bucket.entries.set(i, fresh);
                    bucket.lastChanged = now;
                    return true;
                }
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
        if (e.failures >= MAX_FAILURES) return NodeState.BAD;
        boolean recent = clock.nanoTime() - e.lastSeen < QUIET_PERIOD.toNanos();
        return e.everResponded && recent ? NodeState.GOOD : NodeState.QUESTIONABLE;
    }

    /** One node and what we know of its liveness. */
    private static final class Entry {
        CompactNode node;
        long lastSeen;
        boolean everResponded;
        int failures;

        Entry(CompactNode node) {
            this.node = node;
        }

        void touch(boolean responded, long now) {
            if (responded) {
                everResponded = true;
                failures = 0;
                lastSeen = now;
            } else if (everResponded || lastSeen == 0) {
                // Queries from a node that never answered us do not make it good, but do date its first sighting.
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
