package dev.torpeddo.engine.dht;

import dev.torpeddo.engine.internal.Addresses;
import dev.torpeddo.engine.internal.Clock;
import dev.torpeddo.engine.internal.Futures;
import dev.torpeddo.engine.metainfo.InfoHash;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
 * <p>On a port that reaches IPv6 as well ({@link DatagramPort#families()}), it is a node of the IPv6 DHT too
 * (BEP 32), under the same id: each family has its own routing table ({@link FamilyTable}), lookups run in each
 * family among its own nodes, peers found in either are merged, announces go to the closest nodes of each, and
 * the queries it sends while joining ask for both families' nodes ("want").
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
    private final Map<AddressFamily, FamilyTable> families = new EnumMap<>(AddressFamily.class);
    private final PeerStore peerStore;
    private final QueryRateLimiter limiter;
    private final QueryResponder responder;
    private final Transactions transactions;
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
        for (AddressFamily f : AddressFamily.values()) {
            families.put(
                    f,
                    FamilyTable.of(
                            f,
                            id,
                            clock,
                            config.queryTimeout(),
                            n -> Futures.ignore(query(n.address(), n.id(), t -> new KrpcMessage.Ping(t, id)))));
        }
        // Questionable until they answer; each into its own family's table.
        saved.ifPresent(s -> s.nodes().forEach(n -> table(n.unmapped().family()).add(n.unmapped())));
        this.peerStore = new PeerStore(clock, random);
        this.limiter = new QueryRateLimiter(config.rateLimits(), clock);
        this.responder = new QueryResponder(
                id,
                this::table,
                this::reach,
                new TokenManager(clock, config.random().secure("dht token secrets")),
                peerStore);
        this.transactions = new Transactions(clock, MAX_PENDING, random);
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

    /** Nodes in the routing tables, both families together. */
    public int routingTableSize() {
        return families.values().stream().mapToInt(f -> f.table().size()).sum();
    }

    /** Nodes in one family's routing table. */
    public int routingTableSize(AddressFamily family) {
        return table(family).size();
    }

    /** The address families this node takes part in: those its port reaches (none before it has started). */
    public Set<AddressFamily> families() {
        return reach();
    }

    private Set<AddressFamily> reach() {
        DatagramPort p = port;
        return p == null ? Set.of() : p.families();
    }

    private RoutingTable table(AddressFamily family) {
        return families.get(family).table();
    }

    private RoutingTable table(InetSocketAddress address) {
        return table(AddressFamily.of(address));
    }

    /**
     * Joins the network: asks the bootstrap nodes (and any nodes kept from last time) for nodes near our own
     * id, then looks our id up, in each family we take part in. Bootstrap nodes may be of either family; a
     * dual-stack node asks them for both families' nodes ("want"), so one IPv4 router can start its IPv6 table
     * too. Completes with the routing tables' size (both families); never fails.
     */
    public CompletableFuture<Integer> bootstrap() {
        Set<AddressFamily> reach = reach();
        Set<AddressFamily> want = reach.size() > 1 ? reach : Set.of();
        // Routers rarely belong in a routing table, but the nodes they name are where the lookups start.
        Map<AddressFamily, List<CompactNode>> learned = new EnumMap<>(AddressFamily.class);
        for (AddressFamily f : reach) learned.put(f, new CopyOnWriteArrayList<>());
        List<CompletableFuture<?>> asked = new ArrayList<>();
        for (InetSocketAddress router : config.bootstrap()) {
            InetSocketAddress resolved = Addresses.unmapped(
                    router.isUnresolved() ? new InetSocketAddress(router.getHostString(), router.getPort()) : router);
            if (resolved.isUnresolved()) {
                LOG.log(System.Logger.Level.INFO, "DHT bootstrap node {0} does not resolve", router);
                continue;
            }
            if (!reach.contains(AddressFamily.of(resolved))) continue; // our port cannot reach it
            asked.add(query(resolved, null, t -> new KrpcMessage.FindNode(t, id, id, want))
                    .thenAccept(response -> {
                        for (CompactNode n : response.nodes()) {
                            List<CompactNode> into = learned.get(n.unmapped().family());
                            if (into != null) into.add(n.unmapped());
                        }
                    }));
        }
        return CompletableFuture.allOf(
                        asked.stream().map(f -> f.exceptionally(e -> null)).toArray(CompletableFuture[]::new))
                .thenCompose(ignored -> CompletableFuture.allOf(reach.stream()
                        .map(f -> lookup(id, false, f, learned.get(f)))
                        .toArray(CompletableFuture[]::new)))
                .thenApply(result -> routingTableSize())
                .exceptionally(e -> routingTableSize())
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
        if (routingTableSize() > 0 || config.bootstrap().isEmpty()) return CompletableFuture.completedFuture(null);
        return bootstrap();
    }

    /**
     * Looks the torrent up in each family and completes with every peer the nodes on the way returned (possibly
     * none), IPv4 and IPv6 together.
     */
    public CompletableFuture<List<InetSocketAddress>> getPeers(InfoHash infoHash) {
        return findPeers(infoHash)
                .thenApply(results -> {
                    Set<InetSocketAddress> peers = new LinkedHashSet<>();
                    results.forEach(r -> peers.addAll(r.peers()));
                    return List.copyOf(peers);
                })
                .thenApplyAsync(Function.identity(), callbacks);
    }

    /**
     * The get_peers lookups behind {@link #getPeers} and {@link #announce}, one per family, completing on
     * whichever thread.
     */
    CompletableFuture<List<Lookup.Result>> findPeers(InfoHash infoHash) {
        return rejoinIfAlone().thenCompose(ignored -> {
            List<CompletableFuture<Lookup.Result>> each = reach().stream()
                    .map(f -> lookup(NodeId.of(infoHash), true, f, List.of()))
                    .toList();
            return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                    .thenApply(
                            done -> each.stream().map(CompletableFuture::join).toList());
        });
    }

    /**
     * Announces that we take part in the torrent on TCP {@code peerPort}: a get_peers lookup in each family,
     * then announce_peer with their tokens to the closest nodes that answered in each, who note the address we
     * reached them from. Completes with how many accepted, both families together.
     */
    public CompletableFuture<Integer> announce(InfoHash infoHash, int peerPort) {
        if (peerPort < 1 || peerPort > 0xffff) throw new IllegalArgumentException("port " + peerPort);
        return findPeers(infoHash)
                .thenCompose(results -> {
                    List<CompletableFuture<Boolean>> sent = new ArrayList<>();
                    for (Lookup.Responder r :
                            results.stream().flatMap(x -> x.closest().stream()).toList()) {
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

    /**
     * A lookup among {@code family}'s nodes that starts from its table's closest good nodes plus {@code named}
     * (nodes a bootstrap router has just named), with its closest questionable nodes as the lookup's fallback.
     * Without named nodes, it waits first for the table to have a good node if it has questionable ones being
     * verified (see {@link NodeVerifier#ready()}).
     */
    private CompletableFuture<Lookup.Result> lookup(
            NodeId target, boolean forPeers, AddressFamily family, List<CompactNode> named) {
        InfoHash hash = new InfoHash(target.bytes());
        FamilyTable half = families.get(family);
        RoutingTable table = half.table();
        CompletableFuture<Void> ready =
                named.isEmpty() ? half.verifier().ready() : CompletableFuture.completedFuture(null);
        return ready.thenCompose(ignored -> {
            List<CompactNode> good = table.closest(target, RoutingTable.K, NodeState.GOOD);
            List<CompactNode> fallback = table.closest(target, RoutingTable.K - good.size(), NodeState.QUESTIONABLE);
            Lookup lookup = new Lookup(
                    id,
                    target,
                    family,
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
            InetSocketAddress to, NodeId expected, Function<TransactionId, KrpcMessage.Query> build) {
        InetSocketAddress target = Addresses.unmapped(to); // its reply's sender is unmapped too, and must match
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

    private void received(byte[] data, InetSocketAddress from) {
        if (closed.get()) return;
        // A dual-stack socket may name an IPv4 sender by its mapped address: one host, one key, one table.
        InetSocketAddress source = Addresses.unmapped(from);
        RoutingTable table = table(source);
        if (!reach().contains(AddressFamily.of(source))) return; // a family we were told to stay out of
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
                    families.get(AddressFamily.of(source)).verifier().answered();
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
            if (p.expected() != null) table(Addresses.unmapped(p.target())).failed(p.expected());
            p.future().completeExceptionally(new TimeoutException("no DHT reply from " + p.target()));
        }
        for (FamilyTable f : families.values()) f.verifier().tick();
        if (clock.nanoTime() - nextMaintenance >= 0) {
            nextMaintenance = clock.nanoTime() + MAINTENANCE.toNanos();
            maintain();
        }
    }

    /** Refreshes quiet buckets, drops expired peers, saves the table. */
    private void maintain() {
        for (AddressFamily f : reach()) {
            for (NodeId target : table(f).refreshTargets(random)) {
                Futures.ignore(lookup(target, false, f, List.of()));
            }
        }
        peerStore.purgeExpired();
        save();
    }

    private void save() {
        stateFile.ifPresent(file -> {
            try {
                file.save(id, allNodes());
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
        for (FamilyTable f : families.values()) f.verifier().close();
        save();
        if (port != null) port.close();
        callbacks.close();
    }

    /** The peer store, for tests that check what others announced to this node. */
    PeerStore peerStore() {
        return peerStore;
    }

    /** Both tables' nodes, IPv4 first: what the state file keeps. */
    private List<CompactNode> allNodes() {
        List<CompactNode> all = new ArrayList<>();
        for (FamilyTable f : families.values()) all.addAll(f.table().nodes());
        return all;
    }

    /** What the routing tables think of a node (empty if it is in neither), for tests. */
    Optional<NodeState> nodeState(NodeId node) {
        for (FamilyTable f : families.values()) {
            Optional<NodeState> state = f.table().state(node);
            if (state.isPresent()) return state;
        }
        return Optional.empty();
    }

    /** Unique addresses of the nodes in the routing tables, for tests. */
    Set<InetSocketAddress> knownAddresses() {
        Set<InetSocketAddress> out = new LinkedHashSet<>();
        allNodes().forEach(n -> out.add(n.address()));
        return out;
    }
}
