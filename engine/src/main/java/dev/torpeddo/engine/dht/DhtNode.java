package dev.torpeddo.engine.dht;

import dev.torpeddo.engine.internal.Clock;
import dev.torpeddo.engine.internal.Futures;
import dev.torpeddo.engine.metainfo.InfoHash;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * A mainline DHT node (BEP 5) on one UDP socket: it answers ping, find_node, get_peers and announce_peer
 * (rate-limited), keeps its routing table fresh, and finds and announces peers of torrents through iterative
 * {@link Lookup}s.
 *
 * <p>Nodes loaded from the state file are questionable until they answer: a {@link NodeVerifier} pings them in
 * the background, and lookups start from the nodes that answered (waiting, right after start, until the first
 * one has), so that a saved table full of nodes that have gone away does not slow them down.
 *
 * <p>Usage: {@code node.start()}, then {@link #getPeers} and {@link #announce}; {@link #close()} saves the
 * routing table when a state file is configured. Futures complete on a thread of their own, so callers may
 * block in their continuations.
 */
public final class DhtNode implements AutoCloseable {
    /** Outstanding queries at most; more fail at once. */
    static final int MAX_PENDING = 1024;

    static final Duration TICK = Duration.ofMillis(100);
    static final Duration MAINTENANCE = Duration.ofMinutes(1);

    private static final System.Logger LOG = System.getLogger(DhtNode.class.getName());

    private final DhtConfig config;
    private final Clock clock;
    private final Optional<RoutingTableFile> stateFile;
    private final NodeId id;
    private final RoutingTable table;
    private final PeerStore peerStore;
    private final QueryRateLimiter limiter;
    private final QueryResponder responder;
    private final Transactions transactions;
    private final NodeVerifier verifier;
    private final ExecutorService callbacks;
    private final RandomGenerator random;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile DatagramPort port;
    private boolean started;
    private Thread timer;
    private long nextMaintenance;

    /** A node that will open its own socket on {@link DhtConfig#bindAddress()}. */
    public DhtNode(DhtConfig config) {
        this(config, null);
    }

    /** A node on a socket supplied by the caller (e.g. shared with UDP trackers); it closes it on close. */
    public DhtNode(DhtConfig config, DatagramPort port) {
        this.config = config;
        this.clock = config.clock();
        this.port = port;
        this.stateFile = config.stateFile().map(RoutingTableFile::new);
        Optional<RoutingTableFile.Saved> saved = stateFile.flatMap(RoutingTableFile::load);
        this.random = config.random().generator("dht");
        this.callbacks = Executors.newThreadPerTaskExecutor(config.threads().virtual(""));
        this.id = saved.map(RoutingTableFile.Saved::id)
                .orElseGet(() -> NodeId.random(config.random().secure("dht node id")));
        this.table = new RoutingTable(id, clock);
        saved.ifPresent(s -> s.nodes().forEach(table::add)); // questionable until they answer
        this.peerStore = new PeerStore(clock, random);
        this.limiter = new QueryRateLimiter(config.rateLimits(), clock);
        this.responder = new QueryResponder(
                id, table, new TokenManager(clock, config.random().secure("dht token secrets")), peerStore);
        this.transactions = new Transactions(clock, MAX_PENDING, random);
        this.verifier = new NodeVerifier(
                table,
                clock,
                config.queryTimeout(),
                n -> Futures.ignore(query(n.address(), n.id(), t -> new KrpcMessage.Ping(t, id))));
        this.nextMaintenance = clock.nanoTime() + MAINTENANCE.toNanos();
    }

    /** Opens the socket (unless given one), starts answering and timing out queries, and begins to bootstrap. */
    public void start() throws IOException {
        start(true);
    }

    /** {@link #start()}; without {@code runTimer}, a test calls {@link #tick()} itself on a manual clock. */
    synchronized void start(boolean runTimer) throws IOException {
        if (started) throw new IllegalStateException("already started");
        started = true;
        if (port == null) port = ChannelDatagramPort.bind(config.bindAddress(), config.threads());
        port.start(this::received);
        if (runTimer) {
            timer = config.threads()
                    .startVirtual("dht-timer-" + port.localAddress().getPort(), this::timerLoop);
        }
        Futures.ignore(bootstrap()); // joining goes on in the background; callers may wait on bootstrap()
    }

    public NodeId id() {
        return id;
    }

    public InetSocketAddress localAddress() {
        return port.localAddress();
    }

    public int routingTableSize() {
        return table.size();
    }

    /**
     * Joins the network: asks the bootstrap nodes (and any nodes kept from last time) for nodes near our own
     * id, then looks our id up. Completes with the routing table's size; never fails.
     */
    public CompletableFuture<Integer> bootstrap() {
        // Routers rarely belong in a routing table, but the nodes they name are where the lookup starts.
        List<CompactNode> learned = new CopyOnWriteArrayList<>();
        List<CompletableFuture<?>> asked = new ArrayList<>();
        for (InetSocketAddress router : config.bootstrap()) {
            InetSocketAddress resolved =
                    router.isUnresolved() ? new InetSocketAddress(router.getHostString(), router.getPort()) : router;
            if (resolved.isUnresolved()) {
                LOG.log(System.Logger.Level.INFO, "DHT bootstrap node {0} does not resolve", router);
                continue;
            }
            asked.add(query(resolved, null, t -> new KrpcMessage.FindNode(t, id, id))
                    .thenAccept(response -> learned.addAll(response.nodes())));
        }
        return CompletableFuture.allOf(
                        asked.stream().map(f -> f.exceptionally(e -> null)).toArray(CompletableFuture[]::new))
                .thenCompose(ignored -> lookup(id, false, learned))
                .thenApply(result -> table.size())
                .exceptionally(e -> table.size())
                .thenApplyAsync(Function.identity(), callbacks);
    }

    private static List<CompactNode> concat(List<CompactNode> a, List<CompactNode> b) {
        List<CompactNode> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /**
     * With no usable node left (the bootstrap routers were down, or every node has failed since), a lookup
     * would have nobody to ask: join again through the bootstrap nodes first.
     */
    private CompletableFuture<?> rejoinIfAlone() {
        if (table.size() > 0 || config.bootstrap().isEmpty()) return CompletableFuture.completedFuture(null);
        return bootstrap();
    }

    /** Looks the torrent up and completes with every peer the nodes on the way returned (possibly none). */
    public CompletableFuture<List<InetSocketAddress>> getPeers(InfoHash infoHash) {
        return findPeers(infoHash).thenApply(Lookup.Result::peers).thenApplyAsync(Function.identity(), callbacks);
    }

    /** The get_peers lookup behind {@link #getPeers} and {@link #announce}, completing on whichever thread. */
    CompletableFuture<Lookup.Result> findPeers(InfoHash infoHash) {
        return rejoinIfAlone().thenCompose(ignored -> lookup(NodeId.of(infoHash), true));
    }

    /**
     * Announces that we take part in the torrent on TCP {@code peerPort}: a get_peers lookup, then announce_peer
     * with their tokens to the closest nodes that answered. Completes with how many accepted.
     */
    public CompletableFuture<Integer> announce(InfoHash infoHash, int peerPort) {
        if (peerPort < 1 || peerPort > 0xffff) throw new IllegalArgumentException("port " + peerPort);
        return findPeers(infoHash)
                .thenCompose(result -> {
                    List<CompletableFuture<Boolean>> sent = new ArrayList<>();
                    for (Lookup.Responder r : result.closest()) {
                        if (r.token().isEmpty()) continue;
                        Token token = r.token().get();
                        sent.add(query(
                                        r.node().address(),
                                        r.node().id(),
                                        t -> new KrpcMessage.AnnouncePeer(t, id, infoHash, peerPort, false, token))
                                .handle((response, failure) -> failure == null));
                    }
                    return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))
                            .thenApply(ignored -> (int) sent.stream()
                                    .filter(CompletableFuture::join)
                                    .count());
                })
                .thenApplyAsync(Function.identity(), callbacks);
    }

    /** Pings an address; completes with the id of the node there, or fails after the query timeout. */
    public CompletableFuture<NodeId> ping(InetSocketAddress address) {
        return query(address, null, t -> new KrpcMessage.Ping(t, id))
                .thenApply(KrpcMessage.Response::sender)
                .thenApplyAsync(Function.identity(), callbacks);
    }

    private CompletableFuture<Lookup.Result> lookup(NodeId target, boolean forPeers) {
        return lookup(target, forPeers, List.of());
    }

    /**
     * A lookup that starts from the table's closest good nodes plus {@code named} (nodes a bootstrap router has
     * just named), with its closest questionable nodes as the lookup's fallback. Without named nodes, it waits
     * first for the table to have a good node if it has questionable ones being verified (see {@link
     * NodeVerifier#ready()}).
     */
    private CompletableFuture<Lookup.Result> lookup(NodeId target, boolean forPeers, List<CompactNode> named) {
        InfoHash hash = new InfoHash(target.bytes());
        CompletableFuture<Void> ready = named.isEmpty() ? verifier.ready() : CompletableFuture.completedFuture(null);
        return ready.thenCompose(ignored -> {
            List<CompactNode> good = table.closest(target, RoutingTable.K, NodeState.GOOD);
            List<CompactNode> fallback = table.closest(target, RoutingTable.K - good.size(), NodeState.QUESTIONABLE);
            Lookup lookup = new Lookup(
                    id,
                    target,
                    node -> query(
                            node.address(),
                            node.id(),
                            t -> forPeers
                                    ? new KrpcMessage.GetPeers(t, id, hash)
                                    : new KrpcMessage.FindNode(t, id, target)));
            return lookup.start(concat(good, named), fallback);
        });
    }

    /** Sends a query; the future completes on the receiving thread with the reply, or fails on error or timeout. */
    private CompletableFuture<KrpcMessage.Response> query(
            InetSocketAddress target, NodeId expected, Function<TransactionId, KrpcMessage.Query> build) {
        if (closed.get()) return CompletableFuture.failedFuture(new IOException("the DHT node is closed"));
        Optional<Transactions.Pending> opened = transactions.open(target, expected, config.queryTimeout());
        if (opened.isEmpty())
            return CompletableFuture.failedFuture(new IOException("too many DHT queries outstanding"));
        Transactions.Pending p = opened.get();
        try {
            port.send(KrpcCodec.encode(build.apply(p.id())), target);
        } catch (IOException | RuntimeException e) {
            transactions.remove(p.id());
            p.future().completeExceptionally(e);
        }
        return p.future();
    }

    private void received(byte[] data, InetSocketAddress source) {
        if (closed.get()) return;
        KrpcMessage message;
        try {
            message = KrpcCodec.decode(data);
        } catch (KrpcException e) {
            LOG.log(System.Logger.Level.DEBUG, "dropped DHT packet from {0}: {1}", source, e.getMessage());
            return;
        }
        switch (message) {
            case KrpcMessage.Query q -> {
                if (q.sender().equals(id) || !limiter.allow(source.getAddress())) return;
                table.add(new CompactNode(q.sender(), source));
                send(responder.answer(q, source), source);
            }
            case KrpcMessage.Response r ->
                transactions.take(r.transactionId(), source).ifPresent(p -> {
                    table.seen(new CompactNode(r.sender(), source));
                    // Someone else now answers at the address we knew that node by: it is gone.
                    if (p.expected() != null && !p.expected().equals(r.sender())) table.failed(p.expected());
                    verifier.answered();
                    p.future().complete(r);
                });
            case KrpcMessage.ErrorReply e ->
                transactions
                        .take(e.transactionId(), source)
                        .ifPresent(p -> p.future()
                                .completeExceptionally(new KrpcException(
                                        "node " + source + " replied with error " + e.code() + ": " + e.message())));
        }
    }

    private void send(KrpcMessage message, InetSocketAddress target) {
        try {
            port.send(KrpcCodec.encode(message), target);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "DHT reply to {0} failed: {1}", target, e.toString());
        }
    }

    private void timerLoop() {
        while (!closed.get()) {
            try {
                clock.sleepMillis(TICK.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            tick();
        }
    }

    /** Times out queries, pings questionable nodes that are due, and runs maintenance once a minute. */
    void tick() {
        if (closed.get()) return;
        for (Transactions.Pending p : transactions.expire()) {
            if (p.expected() != null) table.failed(p.expected());
            p.future().completeExceptionally(new TimeoutException("no DHT reply from " + p.target()));
        }
        verifier.tick();
        if (clock.nanoTime() - nextMaintenance >= 0) {
            nextMaintenance = clock.nanoTime() + MAINTENANCE.toNanos();
            maintain();
        }
    }

    /** Refreshes quiet buckets, drops expired peers, saves the table. */
    private void maintain() {
        for (NodeId target : table.refreshTargets(random)) {
            Futures.ignore(lookup(target, false));
        }
        peerStore.purgeExpired();
        save();
    }

    private void save() {
        stateFile.ifPresent(file -> {
            try {
                file.save(id, table.nodes());
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot save DHT state to {0}: {1}", file.path(), e.toString());
            }
        });
    }

    /** Stops answering, fails outstanding queries, saves the routing table and closes the socket. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        Thread t;
        synchronized (this) {
            t = timer;
        }
        if (t != null) t.interrupt();
        for (Transactions.Pending p : transactions.drain()) {
            p.future().completeExceptionally(new IOException("the DHT node is closed"));
        }
        verifier.close();
        save();
        if (port != null) port.close();
        callbacks.close();
    }

    /** The peer store, for tests that check what others announced to this node. */
    PeerStore peerStore() {
        return peerStore;
    }

    /** What the routing table thinks of a node (empty if it is not in it), for tests. */
    Optional<NodeState> nodeState(NodeId node) {
        return table.state(node);
    }

    /** Unique addresses of the nodes in the routing table, for tests. */
    Set<InetSocketAddress> knownAddresses() {
        Set<InetSocketAddress> out = new LinkedHashSet<>();
        table.nodes().forEach(n -> out.add(n.address()));
        return out;
    }
}
