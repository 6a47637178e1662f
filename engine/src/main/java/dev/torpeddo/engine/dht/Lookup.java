package dev.torpeddo.engine.dht;

import dev.torpeddo.engine.internal.Addresses;
import dev.torpeddo.engine.internal.Futures;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * One iterative Kademlia lookup (BEP 5): ask the {@link #ALPHA} closest not yet asked nodes at a time, learn
 * closer nodes from their replies, and finish once the {@link RoutingTable#K} closest nodes that answered have
 * all been asked, i.e. when no reply brings anyone closer. get_peers lookups also collect peers and the write
 * tokens of the nodes that answered.
 *
 * <p>It starts from seeds that answered recently. Fallback nodes (ones not heard from for a while, such as those
 * loaded from a saved table) are asked only while nothing better is left to ask and nobody has answered yet: they
 * get a lookup off the ground when there is nothing else, but a dead one never holds up a lookup that is going.
 *
 * <p>Bounded against hostile replies: at most {@link #MAX_CANDIDATES} candidates are kept (the farthest are
 * forgotten), one candidate per address, and at most {@link #MAX_QUERIES} queries are sent.
 */
final class Lookup {
    static final int ALPHA = 3;
    static final int MAX_CANDIDATES = 64;
    static final int MAX_QUERIES = 200;
    static final int MAX_PEERS = 1000;

    /** Sends the lookup's query to one node. */
    @FunctionalInterface
    interface Querier {
        CompletableFuture<KrpcMessage.Response> query(CompactNode node);
    }

    /** A node that answered, with the token it gave (get_peers only). */
    record Responder(CompactNode node, Optional<Token> token) {}

    /** What a finished lookup found: peers (get_peers only) and the closest nodes that answered, nearest first. */
    record Result(List<InetSocketAddress> peers, List<Responder> closest) {}

    private enum State {
        NEW,
        WAITING,
        ANSWERED,
        FAILED
    }

    private static final class Candidate {
        final CompactNode node;
        /** Known only from our own table's questionable nodes, not from a recent answer. */
        boolean fallback;

        State state = State.NEW;
        Optional<Token> token = Optional.empty();

        Candidate(CompactNode node, boolean fallback) {
            this.node = node;
            this.fallback = fallback;
        }
    }

    private final NodeId self;
    private final AddressFamily family;
    private final Querier querier;
    private final TreeMap<NodeId, Candidate> candidates;
    private final Set<InetSocketAddress> addresses = new HashSet<>();
    private final Set<InetSocketAddress> peers = new LinkedHashSet<>();
    private final CompletableFuture<Result> result = new CompletableFuture<>();
    private int inFlight;
    private int sent;
    private boolean anyAnswer;

    /** A lookup of {@code target} among IPv4 nodes; {@code self} is never queried. */
    Lookup(NodeId self, NodeId target, Querier querier) {
        this(self, target, AddressFamily.IPV4, querier);
    }

    /**
     * A lookup of {@code target} among the nodes of {@code family} only (BEP 32: each family's lookup walks its
     * own nodes; the other family's, which a reply may carry, are left out); {@code self} is never queried.
     */
    Lookup(NodeId self, NodeId target, AddressFamily family, Querier querier) {
        this.self = self;
        this.family = family;
        this.querier = querier;
        this.candidates = new TreeMap<>(NodeId.byDistanceTo(target));
    }

    /** Starts from {@code seeds} alone; completes when done. */
    CompletableFuture<Result> start(Collection<CompactNode> seeds) {
        return start(seeds, List.of());
    }

    /**
     * Starts from {@code seeds} (the routing table's closest good nodes, say), with {@code fallback} nodes (its
     * closest questionable ones) to try only when nothing better is left; completes when done.
     */
    CompletableFuture<Result> start(Collection<CompactNode> seeds, Collection<CompactNode> fallback) {
        synchronized (this) {
            seeds.forEach(n -> offer(n, false));
            fallback.forEach(n -> offer(n, true));
        }
        step();
        return result;
    }

    private void offer(CompactNode named, boolean fallback) {
        CompactNode node = named.unmapped();
        if (node.id().equals(self) || node.address().getPort() == 0 || node.family() != family) return;
        Candidate known = candidates.get(node.id());
        if (known != null) {
            // A node that someone has just named is as fresh as any other.
            if (!fallback && known.node.address().equals(node.address())) known.fallback = false;
            return;
        }
        if (addresses.contains(node.address())) return;
        candidates.put(node.id(), new Candidate(node, fallback));
        addresses.add(node.address());
        while (candidates.size() > MAX_CANDIDATES) {
            Candidate farthest = candidates.pollLastEntry().getValue();
            addresses.remove(farthest.node.address());
            // A forgotten candidate that is still being asked stays counted until its reply or timeout.
        }
    }

    /** Sends what may be sent now, or finishes; queries go out outside the lock. */
    private void step() {
        List<Candidate> toAsk = new ArrayList<>();
        Result done = null;
        synchronized (this) {
            if (result.isDone()) return;
            int window = 0;
            boolean unasked = false;
            List<Candidate> fallbacks = new ArrayList<>();
            for (Candidate c : candidates.values()) {
                if (c.state == State.FAILED) continue;
                if (c.state == State.NEW && c.fallback) {
                    // No place among the K closest for them: they are only for when nothing else is left, and
                    // out of the running once anyone has answered.
                    if (!anyAnswer) fallbacks.add(c);
                    continue;
                }
                if (window++ == RoutingTable.K) break;
                if (c.state == State.NEW && !ask(c, toAsk)) unasked = true;
            }
            // Nothing better to ask nor to wait for: try the fallback nodes, nearest first.
            if (toAsk.isEmpty() && inFlight == 0) {
                for (Candidate c : fallbacks) {
                    if (!ask(c, toAsk)) unasked = true;
                }
            }
            if (toAsk.isEmpty() && inFlight == 0 && (!unasked || sent >= MAX_QUERIES)) done = finish();
        }
        if (done != null) {
            result.complete(done);
            return;
        }
        for (Candidate c : toAsk) {
            CompletableFuture<KrpcMessage.Response> reply;
            try {
                reply = querier.query(c.node);
            } catch (RuntimeException e) {
                reply = CompletableFuture.failedFuture(e);
            }
            Futures.whenDone(reply, (response, failure) -> answered(c, response));
        }
    }

    /** Marks {@code c} asked and adds it to {@code toAsk} if the limits allow; returns whether they did. */
    private boolean ask(Candidate c, List<Candidate> toAsk) {
        if (inFlight >= ALPHA || sent >= MAX_QUERIES) return false;
        c.state = State.WAITING;
        inFlight++;
        sent++;
        toAsk.add(c);
        return true;
    }

    private void answered(Candidate c, KrpcMessage.Response response) {
        synchronized (this) {
            inFlight--;
            if (response == null) {
                c.state = State.FAILED;
            } else {
                c.state = State.ANSWERED;
                anyAnswer = true;
                c.token = response.token();
                response.nodes().forEach(n -> offer(n, false));
                for (InetSocketAddress peer : response.values()) {
                    if (peers.size() < MAX_PEERS) peers.add(Addresses.unmapped(peer));
                }
            }
        }
        step();
    }

    private Result finish() {
        List<Responder> closest = candidates.values().stream()
                .filter(c -> c.state == State.ANSWERED)
                .limit(RoutingTable.K)
                .map(c -> new Responder(c.node, c.token))
                .toList();
        return new Result(List.copyOf(peers), closest);
    }
}
