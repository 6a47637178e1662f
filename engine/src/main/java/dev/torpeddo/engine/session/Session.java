package dev.torpeddo.engine.session;

import dev.torpeddo.engine.api.AddMagnet;
import dev.torpeddo.engine.api.AddTorrent;
import dev.torpeddo.engine.api.DhtOptions;
import dev.torpeddo.engine.api.LsdOptions;
import dev.torpeddo.engine.api.SessionConfig;
import dev.torpeddo.engine.api.SessionStatus;
import dev.torpeddo.engine.api.TorrentEvent;
import dev.torpeddo.engine.api.TorrentState;
import dev.torpeddo.engine.api.TorrentStatus;
import dev.torpeddo.engine.bandwidth.RateLimiter;
import dev.torpeddo.engine.dht.DhtConfig;
import dev.torpeddo.engine.dht.DhtNode;
import dev.torpeddo.engine.internal.Futures;
import dev.torpeddo.engine.lsd.LocalDiscoveries;
import dev.torpeddo.engine.lsd.LsdGroup;
import dev.torpeddo.engine.lsd.MulticastLsdTransport;
import dev.torpeddo.engine.metainfo.InfoHash;
import dev.torpeddo.engine.metainfo.Metainfo;
import dev.torpeddo.engine.net.DualStackUdp;
import dev.torpeddo.engine.net.Network;
import dev.torpeddo.engine.net.UdpPort;
import dev.torpeddo.engine.net.UdpSocket;
import dev.torpeddo.engine.peer.PeerConnector;
import dev.torpeddo.engine.storage.DiskIo;
import dev.torpeddo.engine.torrent.ConnectionSlots;
import dev.torpeddo.engine.torrent.Environment;
import dev.torpeddo.engine.torrent.MetadataFetcher;
import dev.torpeddo.engine.torrent.Torrent;
import dev.torpeddo.engine.torrent.TorrentContext;
import dev.torpeddo.engine.tracker.TrackerTransport;
import dev.torpeddo.engine.utp.UtpFirstNetwork;
import dev.torpeddo.engine.utp.UtpLimits;
import dev.torpeddo.engine.utp.UtpStack;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * The engine's entry point: one listening port, shared disk and hashing threads, and the torrents. Later
 * layers (the TorrentManager, the JSON-RPC server) build on this API only.
 */
public final class Session implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Session.class.getName());

    private volatile SessionConfig config;
    private final Environment env;
    private final byte[] peerId;
    private final IncomingConnections incoming;
    private final DiskIo diskIo;
    private final ExecutorService hashPool;
    private final ConnectionSlots connectionSlots;
    private final RateLimiter downloadLimit;
    private final RateLimiter uploadLimit;
    private TrackerTransport trackerTransport;
    private UdpSocket udp;
    private volatile DhtNode dht;
    private SharedDhtPort dhtPort;
    private UtpStack utp;
    private Network peerNetwork;
    private final ConcurrentHashMap<InfoHash, TorrentHandle> torrents = new ConcurrentHashMap<>();
    private final EventDispatcher events;
    private volatile LocalDiscoveries lsd;
    private volatile boolean closed;
    // Totals of torrents no longer in the session, so the session's totals never go backwards.
    private final java.util.concurrent.atomic.AtomicLong removedDownloaded =
            new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong removedUploaded = new java.util.concurrent.atomic.AtomicLong();

    private Session(SessionConfig config, Environment env, List<Network.Listener> listeners) {
        this.config = config;
        this.env = env;
        this.peerId = newPeerId(env.random());
        this.events = new EventDispatcher(env.threads());
        this.diskIo = new DiskIo(config.diskThreads(), 1024, env.threads());
        this.hashPool =
                Executors.newFixedThreadPool(config.hashThreads(), env.threads().platformDaemons("hash-", 0));
        this.connectionSlots = new ConnectionSlots(config.maxPeers());
        this.downloadLimit = new RateLimiter(env.clock(), config.downloadLimit());
        this.uploadLimit = new RateLimiter(env.clock(), config.uploadLimit());
        PeerConnector connector = new PeerConnector(
                env.network(),
                peerId,
                config.connectTimeout(),
                config.handshakeTimeout(),
                env.clock(),
                () -> this.config.encryption(),
                env.random().secure("mse"));
        this.incoming = new IncomingConnections(listeners, connector, torrents, env.threads());
        this.peerNetwork = env.network();
        this.trackerTransport = TrackerTransport.defaults()
                .withEnvironment(env.clock(), env.threads(), env.random())
                .withNetwork(env.network())
                .withIpv6(this::announcedIpv6);
    }

    /** Our IPv6 address for HTTP trackers' {@code ipv6=}, looked up at each announce (addresses come and go). */
    private Optional<InetAddress> announcedIpv6() {
        List<InetSocketAddress> listening = incoming.listeners().stream()
                .map(Network.Listener::localAddress)
                .toList();
        return AnnouncedIpv6.pick(listening, AnnouncedIpv6::interfaceAddresses);
    }

    /**
     * Starts a session listening on {@link SessionConfig#listenAddresses()}.
     *
     * @throws java.net.BindException when the port is taken
     */
    public static Session start(SessionConfig config) throws IOException {
        return start(config, Environment.REAL);
    }

    /** For engine tests: a session on a simulated network, a faulty disk or a manual clock. */
    @SuppressWarnings("exports") // Environment is not exported: only the engine's own tests call this
    public static Session start(SessionConfig config, Environment env) throws IOException {
        Session s = new Session(config, env, listen(env.network(), config));
        s.incoming.start();
        s.startUdp();
        s.startLocalDiscovery();
        return s;
    }

    /**
     * A listening socket on each of the configured addresses, all at one port: the first address's (its port 0
     * picks a free one). One that cannot bind closes those already open.
     */
    private static List<Network.Listener> listen(Network network, SessionConfig config) throws IOException {
        List<Network.Listener> open = new java.util.ArrayList<>();
        try {
            open.add(network.listen(config.listenAddress()));
            int port = open.getFirst().localAddress().getPort();
            for (InetSocketAddress at :
                    config.listenAddresses().subList(1, config.listenAddresses().size()))
                open.add(network.listen(new InetSocketAddress(at.getAddress(), port)));
        } catch (IOException | RuntimeException e) {
            try {
                IncomingConnections.closeAll(open);
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
        return open;
    }

    /**
     * One UDP port, numbered like the TCP one, for UDP trackers and the DHT. Without it (port taken) trackers
     * fall back to a socket per exchange and the DHT stays off.
     */
    private void startUdp() {
        try {
            udp = UdpSocket.open(
                    DualStackUdp.bind(
                            env.network(),
                            new InetSocketAddress(config.listenAddress().getAddress(), listenPort())),
                    env.threads());
        } catch (IOException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "UDP port {0} unavailable ({1}): no DHT",
                    listenPort(),
                    e.getMessage());
            return;
        }
        trackerTransport = trackerTransport.withUdp(udp.demux().trackerEndpoints());
        startUtp();
        dhtPort = new SharedDhtPort(udp, config.dht().ipv6());
        startDht(config.dht());
    }

    /**
     * uTP (BEP 29) on the shared UDP port: incoming connections join the TCP ones' handshake path, and peers
     * are dialled over uTP first while the settings say so (both switches are read live).
     */
    private void startUtp() {
        utp = new UtpStack(
                udp,
                udp::localAddress,
                UtpLimits.DEFAULT,
                env.clock(),
                env.threads(),
                env.random().generator("utp"));
        utp.acceptIncoming(config.utpIncoming());
        udp.demux().onUtp(utp::received);
        incoming.acceptUtp(utp);
        peerNetwork = new UtpFirstNetwork(env.network(), utp, () -> config.utpOutgoing());
    }

    /** Starts a DHT node on the shared UDP port (none without one, or when the options say off). */
    private void startDht(DhtOptions options) {
        if (!options.enabled() || dhtPort == null) return;
        dhtPort.allowIpv6(options.ipv6());
        DhtConfig dhtConfig = DhtConfig.of(udp.localAddress())
                .withBootstrap(options.bootstrap())
                .withEnvironment(env.clock(), env.threads(), env.random());
        if (options.stateFile().isPresent())
            dhtConfig = dhtConfig.withStateFile(options.stateFile().get());
        DhtNode node = new DhtNode(dhtConfig, dhtPort);
        try {
            node.start();
            Futures.ignore(node.bootstrap()); // joins in the background; torrents look up once it has
            dht = node;
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "DHT off: {0}", e.getMessage());
        }
    }

    /** The settings in force now. */
    public SessionConfig config() {
        return config;
    }

    /**
     * Applies new settings to the running session. Live: the global rate limits (within a tenth of a second), connection limits (peers beyond a
     * lowered limit are dropped as they come and go), upload slots and the per-torrent peer limit for every
     * torrent, and the listen port, TCP and UDP alike (the old ports close once the new ones are open;
     * trackers hear the new port at once, the DHT keeps its routing table and answers on the new port), and
     * the DHT, LSD and PEX switches (a DHT switched off saves its routing table; switched on, every public
     * torrent announces at once; PEX switched on is offered to peers that connect from then on), and the
     * encryption setting (each handshake from then on, dialled or incoming; connections made stay as they are). Not live,
     * they apply to the next session: thread counts, and DHT and LSD options other than on or off.
     *
     * @throws java.net.BindException when the new port is taken (for TCP or UDP); nothing changes then
     */
    public synchronized void configure(SessionConfig next) throws IOException {
        if (closed) throw new IllegalStateException("session is closed");
        SessionConfig before = config;
        boolean moved = !next.listenAddresses().equals(before.listenAddresses());
        if (moved) {
            List<Network.Listener> fresh = listen(env.network(), next);
            // The UDP port (DHT, UDP trackers) follows the TCP one; both are bound before either moves, so
            // a port taken for UDP changes nothing either.
            List<UdpPort> freshUdp = null;
            if (udp != null) {
                try {
                    freshUdp = DualStackUdp.bind(
                            env.network(),
                            new InetSocketAddress(
                                    next.listenAddress().getAddress(),
                                    fresh.getFirst().localAddress().getPort()));
                } catch (IOException e) {
                    IncomingConnections.closeAll(fresh);
                    throw e;
                }
            }
            incoming.switchTo(fresh);
            if (freshUdp != null) udp.rebind(freshUdp);
        }
        config = next;
        if (utp != null) utp.acceptIncoming(next.utpIncoming());
        connectionSlots.resize(next.maxPeers());
        downloadLimit.setRate(next.downloadLimit());
        uploadLimit.setRate(next.uploadLimit());
        for (TorrentHandle h : torrents()) {
            Torrent t = h.torrent();
            if (t == null) continue;
            if (next.uploadSlots() != before.uploadSlots()) t.controls().setUploadSlots(next.uploadSlots());
            if (next.maxPeersPerTorrent() != before.maxPeersPerTorrent())
                t.controls().setMaxPeers(next.maxPeersPerTorrent());
            if (moved) t.controls().listenPortChanged();
        }
        if (moved) restartLocalDiscovery();
        switchDiscovery(before, next);
    }

    /** DHT, LSD and PEX switched on or off while torrents run. */
    private void switchDiscovery(SessionConfig before, SessionConfig next) {
        if (next.dht().enabled() && dht == null) {
            startDht(next.dht());
            if (dht != null) for (TorrentHandle h : torrents()) forceDht(h); // announce at once, not in 15 min
        } else if (!next.dht().enabled() && dht != null) {
            DhtNode old = dht;
            dht = null;
            old.close(); // saves the routing table for the next start
        }
        if (next.lsd().enabled() && lsd == null) startLocalDiscoveryForAll();
        else if (!next.lsd().enabled()) stopLocalDiscovery();
        if (next.pex() != before.pex()) {
            for (TorrentHandle h : torrents()) {
                Torrent t = h.torrent();
                if (t != null) t.controls().setPex(next.pex());
            }
        }
    }

    private static void forceDht(TorrentHandle h) {
        Torrent t = h.torrent();
        if (t != null) t.controls().dhtStarted();
    }

    /**
     * Bytes free for an unprivileged user on the file system that holds {@code dir} (or would hold it: the
     * nearest existing ancestor is asked), for a "free space" figure next to a save path.
     *
     * @throws IOException if no ancestor exists or the file system cannot tell
     */
    public static long freeSpace(java.nio.file.Path dir) throws IOException {
        java.nio.file.Path at = dir.toAbsolutePath().normalize();
        while (at != null && !java.nio.file.Files.exists(at)) at = at.getParent();
        if (at == null) throw new IOException("no existing directory above " + dir);
        return java.nio.file.Files.getFileStore(at).getUsableSpace();
    }

    /** Totals, rates and where the session listens, over every torrent. */
    public SessionStatus status() {
        long downRate = 0, upRate = 0, down = removedDownloaded.get(), up = removedUploaded.get();
        int peers = 0;
        List<TorrentHandle> all = torrents();
        for (TorrentHandle h : all) {
            TorrentStatus t = h.status();
            downRate += t.transfer().downloadRate();
            upRate += t.transfer().uploadRate();
            down += t.transfer().downloaded();
            up += t.transfer().uploaded();
            peers += t.peers().connected();
        }
        List<InetSocketAddress> addresses = incoming.listeners().stream()
                .map(Network.Listener::localAddress)
                .toList();
        List<InetSocketAddress> udpAddresses = udp == null ? List.of() : udp.localAddresses();
        return new SessionStatus(
                downRate,
                upRate,
                down,
                up,
                all.size(),
                peers,
                dht == null ? 0 : dht.routingTableSize(),
                addresses,
                config.downloadLimit(),
                config.uploadLimit(),
                udpAddresses);
    }

    private void startLocalDiscovery() {
        LsdOptions lsdConfig = config.lsd();
        if (!lsdConfig.enabled()) return;
        try {
            NetworkInterface nif = lsdInterface(lsdConfig);
            if (nif == null) {
                LOG.log(System.Logger.Level.DEBUG, "local discovery off: no multicast-capable network interface");
                return;
            }
            List<MulticastLsdTransport> transports = lsdTransports(nif, lsdConfig, this::acceptsPeersOver);
            if (transports.isEmpty()) return;
            lsd = LocalDiscoveries.start(
                    transports,
                    listenPort(),
                    this::isPrivate,
                    this::peerFoundLocally,
                    env.clock(),
                    env.threads(),
                    env.random());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "local discovery off: {0}", e.getMessage());
        }
    }

    /** LSD announces our port: after a port change it starts over with the new one and every torrent. */
    private void restartLocalDiscovery() {
        if (lsd == null) return;
        stopLocalDiscovery();
        startLocalDiscoveryForAll();
    }

    /** Starts LSD and announces every torrent already in the session (public ones; private ones never). */
    private void startLocalDiscoveryForAll() {
        startLocalDiscovery();
        for (TorrentHandle h : torrents()) announceLocally(h.infoHash(), isPrivate(h.infoHash()));
    }

    private void stopLocalDiscovery() {
        LocalDiscoveries old = lsd;
        if (old == null) return;
        lsd = null;
        try {
            old.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing local discovery: {0}", e.getMessage());
        }
    }

    private static NetworkInterface lsdInterface(LsdOptions c) throws IOException {
        if (c.interfaceName().isPresent())
            return NetworkInterface.getByName(c.interfaceName().get());
        for (NetworkInterface nif : NetworkInterface.networkInterfaces().toList()) {
            boolean addressed = nif.inetAddresses().findAny().isPresent();
            if (nif.isUp() && nif.supportsMulticast() && !nif.isLoopback() && addressed) return nif;
        }
        return null;
    }

    /**
     * A transport for each LSD group the interface can join: the IPv4 group where it has an IPv4 address, the
     * IPv6 group where it has an IPv6 one (a link-local address is enough). One that fails (no multicast route:
     * loopback has none for IPv6) leaves the other. Only families we accept peers over: peers answer an
     * announce by dialling the address it came from.
     */
    private static List<MulticastLsdTransport> lsdTransports(
            NetworkInterface nif, LsdOptions c, java.util.function.Predicate<Class<?>> acceptsPeersOver) {
        List<MulticastLsdTransport> open = new java.util.ArrayList<>();
        for (LsdGroup group : LsdGroup.values()) {
            Class<?> family = group == LsdGroup.IPV4 ? java.net.Inet4Address.class : java.net.Inet6Address.class;
            if (!acceptsPeersOver.test(family) || nif.inetAddresses().noneMatch(family::isInstance)) continue;
            try {
                open.add(MulticastLsdTransport.open(nif, group, c.port(), c.hops()));
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "local discovery on {0} off: {1}", group, e.getMessage());
            }
        }
        return open;
    }

    /** Whether a listener takes peers of this address family: one bound to such an address, or a wildcard one. */
    private boolean acceptsPeersOver(Class<?> family) {
        return incoming.listeners().stream()
                .map(l -> l.localAddress().getAddress())
                .anyMatch(a -> a.isAnyLocalAddress() || family.isInstance(a));
    }

    private boolean isPrivate(InfoHash hash) {
        TorrentHandle h = torrents.get(hash);
        return h != null && h.metainfo().map(Metainfo::isPrivate).orElse(false);
    }

    private void peerFoundLocally(InfoHash hash, InetSocketAddress peer) {
        TorrentHandle h = torrents.get(hash);
        if (h != null && !isPrivate(hash)) h.addLocalPeer(peer);
    }

    private void announceLocally(InfoHash hash, boolean isPrivate) {
        LocalDiscoveries d = lsd;
        if (d != null && !isPrivate) d.add(hash);
    }

    /** The port peers reach us on. */
    public int listenPort() {
        return incoming.listeners().getFirst().localAddress().getPort();
    }

    public byte[] peerId() {
        return peerId.clone();
    }

    /**
     * Adds a torrent and starts it: existing data is checked first, then it downloads or seeds.
     *
     * @throws IllegalStateException if a torrent with the same info-hash is already in the session
     */
    public TorrentHandle add(AddTorrent params) throws IOException {
        if (closed) throw new IllegalStateException("session is closed");
        InfoHash hash = params.metainfo().infoHash();
        if (torrents.containsKey(hash)) throw new IllegalStateException("torrent " + hash + " is already added");
        Torrent torrent = new Torrent(params, context());
        TorrentHandle handle = new TorrentHandle(torrent, this, params.downloadDir());
        if (torrents.putIfAbsent(hash, handle) != null) {
            throw new IllegalStateException("torrent " + hash + " is already added");
        }
        publish(new TorrentEvent.Added(hash, params.metainfo().name()));
        torrent.start();
        announceLocally(hash, params.metainfo().isPrivate());
        return handle;
    }

    /**
     * Adds a magnet link and returns at once: the handle is in {@link TorrentState#FETCHING_METADATA} while
     * peers are found and asked for the info dictionary; then it continues like a .torrent (announced by a
     * {@link TorrentEvent.MetadataReceived} event), or pauses if {@link AddMagnet#stopAfterMetadata()}.
     *
     * @throws IllegalStateException if a torrent with the same info-hash is already in the session
     */
    public TorrentHandle addMagnet(AddMagnet params) {
        if (closed) throw new IllegalStateException("session is closed");
        InfoHash hash = params.magnet().infoHash();
        if (torrents.containsKey(hash)) throw new IllegalStateException("torrent " + hash + " is already added");
        TorrentHandle[] self = new TorrentHandle[1];
        MetadataFetcher fetcher = new MetadataFetcher(
                params.magnet(),
                params.peers(),
                params.useTrackers(),
                context(),
                (meta, known) -> metadataArrived(self[0], params, meta, known));
        TorrentHandle handle = new TorrentHandle(fetcher, this, params.downloadDir());
        self[0] = handle;
        if (torrents.putIfAbsent(hash, handle) != null) {
            throw new IllegalStateException("torrent " + hash + " is already added");
        }
        publish(new TorrentEvent.Added(hash, fetcher.displayName()));
        fetcher.start();
        announceLocally(hash, false); // a magnet cannot know yet; a private one is dropped once known
        return handle;
    }

    private void metadataArrived(TorrentHandle handle, AddMagnet params, Metainfo meta, List<InetSocketAddress> known) {
        List<InetSocketAddress> peers = new java.util.ArrayList<>(known);
        peers.addAll(params.peers());
        AddTorrent add = AddTorrent.of(meta, params.downloadDir())
                .with(b -> b.peers(peers)
                        .sequential(params.sequential())
                        .useTrackers(params.useTrackers())
                        .paused(params.stopAfterMetadata()));
        Torrent torrent;
        try {
            torrent = new Torrent(add, context());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "{0}: cannot open storage: {1}", meta.name(), e.getMessage());
            publish(new TorrentEvent.Failed(
                    meta.infoHash(), "cannot open " + params.downloadDir() + ": " + e.getMessage()));
            return;
        }
        if (closed || !handle.promote(torrent)) {
            torrent.stop();
            return;
        }
        if (meta.isPrivate() && lsd != null) lsd.remove(meta.infoHash());
        publish(new TorrentEvent.MetadataReceived(
                meta.infoHash(), meta.name(), meta.files().size(), meta.totalLength()));
        torrent.start();
    }

    private TorrentContext context() {
        return new TorrentContext(
                config,
                env.withNetwork(peerNetwork),
                peerId,
                this::listenPort,
                diskIo,
                hashPool,
                connectionSlots,
                trackerTransport,
                () -> Optional.ofNullable(dht),
                events::publish,
                downloadLimit,
                uploadLimit,
                () -> config.encryption());
    }

    public Optional<TorrentHandle> find(InfoHash hash) {
        return Optional.ofNullable(torrents.get(hash));
    }

    public List<TorrentHandle> torrents() {
        return List.copyOf(torrents.values());
    }

    void remove(TorrentHandle handle) {
        TorrentStatus last = handle.status();
        if (torrents.remove(handle.infoHash(), handle) && handle.stopForRemoval()) {
            removedDownloaded.addAndGet(last.transfer().downloaded());
            removedUploaded.addAndGet(last.transfer().uploaded());
            if (lsd != null) lsd.remove(handle.infoHash());
            publish(new TorrentEvent.Removed(handle.infoHash()));
        }
    }

    /** Registers a listener for events of every torrent; it runs on engine threads and must be quick. */
    public void addListener(Consumer<TorrentEvent> listener) {
        events.addListener(listener);
    }

    public void removeListener(Consumer<TorrentEvent> listener) {
        events.removeListener(listener);
    }

    private void publish(TorrentEvent event) {
        events.publish(event);
    }

    /** Stops every torrent (telling trackers), closes the port and the disk threads. Idempotent. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        try {
            incoming.close();
            if (lsd != null) lsd.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        // Torrents finish hashing and writing what they verified before their files close; all at once, on
        // threads of the session's own (so a simulation knows them).
        List<Thread> stopping = new java.util.ArrayList<>();
        for (TorrentHandle h : torrents.values())
            stopping.add(env.threads().startVirtual("stop-" + h.infoHash().hex().substring(0, 8), h::stopForRemoval));
        for (Thread t : stopping) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        torrents.clear();
        hashPool.shutdown();
        diskIo.close();
        if (dht != null) dht.close(); // saves the routing table when a state file is configured
        if (utp != null) utp.close();
        if (udp != null) {
            try {
                udp.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        events.close();
    }

    private static byte[] newPeerId(dev.torpeddo.engine.internal.Randomness random) {
        // Azureus-style client prefix so other clients can show "Torpeddo 0.1.0".
        byte[] id = new byte[20];
        byte[] prefix = "-TP0100-".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(prefix, 0, id, 0, prefix.length);
        String alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        RandomGenerator r = random.secure("peer id");
        for (int i = prefix.length; i < 20; i++) id[i] = (byte) alphabet.charAt(r.nextInt(alphabet.length()));
        return id;
    }
}
