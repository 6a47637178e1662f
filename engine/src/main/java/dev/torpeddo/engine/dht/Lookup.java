package dev.torpeddo.engine.dht;

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
        State state = State.NEW;
        Optional<Token> token = Optional.empty();

        Candidate(CompactNode node) {
            this.node = node;
        }
    }

    private final NodeId self;
    private final Querier querier;
    private final TreeMap<NodeId, Candidate> candidates;
    private final Set<InetSocketAddress> addresses = new HashSet<>();
    private final Set<InetSocketAddress> peers = new LinkedHashSet<>();
    private final CompletableFuture<Result> result = new CompletableFuture<>();
    private int inFlight;
    private int sent;

    /** A lookup of {@code target}; {@code self} is never queried. */
    Lookup(NodeId self, NodeId target, Querier querier) {
        this.self = self;
        this.querier = querier;
        this.candidates = new TreeMap<>(NodeId.byDistanceTo(target));
    }

    /** Starts from {@code seeds} (usually the routing table's closest nodes) and completes when done. */
    CompletableFuture<Result> start(Collection<CompactNode> seeds) {
        synchronized (this) {
            seeds.forEach(this::offer);
        }
        step();
        return result;
    }

    private void offer(CompactNode node) {
        if (node.id().equals(self) || node.address().getPort() == 0) return;
        if (candidates.containsKey(node.id()) || addresses.contains(node.address())) return;
        candidates.put(node.id(), new Candidate(node));
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
            for (Candidate c : candidates.values()) {
                if (c.state == State.FAILED) continue;
                if (window++ == RoutingTable.K) break;
                if (c.state == State.NEW) {
                    if (inFlight < ALPHA && sent < MAX_QUERIES) {
                        c.state = State.WAITING;
                        inFlight++;
                        sent++;
                        toAsk.add(c);
                    } else {
                        unasked = true;
                    }
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

    private void answered(Candidate c, KrpcMessage.Response response) {
        synchronized (this) {
            inFlight--;
            if (response == null) {
                c.state = State.FAILED;
            } else {
                c.state = State.ANSWERED;
                c.token = response.token();
                response.nodes().forEach(this::offer);
                for (InetSocketAddress peer : response.values()) {
                    if (peers.size() < MAX_PEERS) peers.add(peer);
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
