package dev.torpeddo.engine.api;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Session-wide settings with sensible defaults. Change some with {@link #with}, which names only what
 * changes: {@code SessionConfig.defaults().with(b -> b.listenPort(0).downloadLimit(8 << 20))}. Most can
 * also be changed on a running session ({@code Session.configure}).
 *
 * @param listenAddress where to accept peers (port 0 picks a free port)
 * @param maxPeersPerTorrent connections per torrent, incoming and outgoing together
 * @param maxPeers connections for the whole session
 * @param uploadSlots peers unchoked at once per torrent, including the optimistic one
 * @param maxRequestsPerPeer outstanding block requests we keep in flight to one peer (pipeline depth)
 * @param maxQueuedRequestsFromPeer requests a peer may queue with us before we reject more
 * @param diskThreads threads for disk writes and reads
 * @param hashThreads threads for SHA-1 verification
 * @param connectTimeout how long a TCP connect may take
 * @param handshakeTimeout how long the whole BitTorrent handshake may take once connected (both ways), so a
 *     peer trickling it a byte at a time cannot hold a dial slot or a socket (68 bytes each way and one round
 *     trip, or with MSE two more round trips and at most about 1.2 KB more each way: 5 s by default, shorter
 *     than libtorrent's 10 s; a plain retry after a failed encrypted one gets a deadline of its own)
 * @param idleTimeout a peer that sends nothing for this long is dropped
 * @param keepAliveInterval we send a keep-alive after this long without writing
 * @param chokeInterval how often the choker reconsiders whom to unchoke
 * @param banAfterHashFailures a peer that alone sent this many bad pieces is banned
 * @param downloadLimit bytes per second for the whole session, 0 for no limit
 * @param uploadLimit bytes per second for the whole session, 0 for no limit
 * @param lsd Local Service Discovery (BEP 14) on the LAN
 * @param dht the mainline DHT (BEP 5), on the same UDP port number as the TCP listen port
 * @param pex peer exchange (BEP 11) with peers that speak it; off, we neither offer nor take addresses (private
 *     torrents never do)
 * @param alsoListenOn more local addresses to accept peers on, at the listen address's port (its port 0 picks
 *     one free port for all), like libtorrent's {@code listen_interfaces}. The default wildcard listener is
 *     dual-stack where the system allows it and needs none; a host bound to {@code 127.0.0.1} adds {@code ::1}
 *     here to take IPv6 peers too
 * @param encryption MSE/PE for peer connections (see {@link Encryption}); changing it applies to the next
 *     handshake, dialled or incoming
 * @param utpIncoming answer peers that connect over uTP (BEP 29) on the UDP port
 * @param utpOutgoing dial peers over uTP first (TCP when that fails), as libtorrent does
 */
public record SessionConfig(
        InetSocketAddress listenAddress,
        int maxPeersPerTorrent,
        int maxPeers,
        int uploadSlots,
        int maxRequestsPerPeer,
        int maxQueuedRequestsFromPeer,
        int diskThreads,
        int hashThreads,
        Duration connectTimeout,
        Duration handshakeTimeout,
        Duration idleTimeout,
        Duration keepAliveInterval,
        Duration chokeInterval,
        int banAfterHashFailures,
        long downloadLimit,
        long uploadLimit,
        LsdOptions lsd,
        DhtOptions dht,
        boolean pex,
        List<InetAddress> alsoListenOn,
        Encryption encryption,
        boolean utpIncoming,
        boolean utpOutgoing) {

    public SessionConfig {
        Objects.requireNonNull(listenAddress, "listenAddress");
        Objects.requireNonNull(lsd, "lsd");
        Objects.requireNonNull(dht, "dht");
        alsoListenOn = List.copyOf(alsoListenOn);
        Objects.requireNonNull(encryption, "encryption");
        positive("maxPeersPerTorrent", maxPeersPerTorrent);
        positive("maxPeers", maxPeers);
        positive("uploadSlots", uploadSlots);
        positive("maxRequestsPerPeer", maxRequestsPerPeer);
        positive("maxQueuedRequestsFromPeer", maxQueuedRequestsFromPeer);
        positive("diskThreads", diskThreads);
        positive("hashThreads", hashThreads);
        positive("banAfterHashFailures", banAfterHashFailures);
        for (Duration d :
                new Duration[] {connectTimeout, handshakeTimeout, idleTimeout, keepAliveInterval, chokeInterval})
            if (d == null || d.isNegative() || d.isZero())
                throw new IllegalArgumentException("durations must be positive");
        if (downloadLimit < 0 || uploadLimit < 0) throw new IllegalArgumentException("rate limits must be >= 0");
    }

    private static void positive(String name, int value) {
        if (value <= 0) throw new IllegalArgumentException(name + " must be positive, not " + value);
    }

    public static SessionConfig defaults() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new SessionConfig(
                new InetSocketAddress(6881),
                60,
                500,
                4,
                500,
                500,
                Math.min(4, Math.max(2, cores)),
                Math.max(1, cores),
                Duration.ofSeconds(10),
                Duration.ofSeconds(5),
                Duration.ofSeconds(120),
                Duration.ofSeconds(60),
                Duration.ofSeconds(10),
                3,
                0,
                0,
                LsdOptions.DEFAULT,
                DhtOptions.DEFAULT,
                true,
                List.of(),
                Encryption.PREFER,
                true,
                true);
    }

    /** Every address peers reach us on: {@link #listenAddress()}, then {@link #alsoListenOn()} at its port. */
    public List<InetSocketAddress> listenAddresses() {
        List<InetSocketAddress> all = new ArrayList<>();
        all.add(listenAddress);
        for (InetAddress host : alsoListenOn) all.add(new InetSocketAddress(host, listenAddress.getPort()));
        return List.copyOf(all);
    }

    /** A copy with the changes {@code edit} makes to a builder that starts from this configuration. */
    public SessionConfig with(Consumer<Builder> edit) {
        Builder b = new Builder(this);
        edit.accept(b);
        return b.build();
    }

    /** Mutable and short-lived: only {@link SessionConfig#with} hands one out. */
    public static final class Builder {
        private InetSocketAddress listenAddress;
        private int maxPeersPerTorrent;
        private int maxPeers;
        private int uploadSlots;
        private int maxRequestsPerPeer;
        private int maxQueuedRequestsFromPeer;
        private int diskThreads;
        private int hashThreads;
        private Duration connectTimeout;
        private Duration handshakeTimeout;
        private Duration idleTimeout;
        private Duration keepAliveInterval;
        private Duration chokeInterval;
        private int banAfterHashFailures;
        private long downloadLimit;
        private long uploadLimit;
        private LsdOptions lsd;
        private DhtOptions dht;
        private boolean pex;
        private List<InetAddress> alsoListenOn;
        private Encryption encryption;
        private boolean utpIncoming;
        private boolean utpOutgoing;

        private Builder(SessionConfig c) {
            listenAddress = c.listenAddress;
            maxPeersPerTorrent = c.maxPeersPerTorrent;
            maxPeers = c.maxPeers;
            uploadSlots = c.uploadSlots;
            maxRequestsPerPeer = c.maxRequestsPerPeer;
            maxQueuedRequestsFromPeer = c.maxQueuedRequestsFromPeer;
            diskThreads = c.diskThreads;
            hashThreads = c.hashThreads;
            connectTimeout = c.connectTimeout;
            handshakeTimeout = c.handshakeTimeout;
            idleTimeout = c.idleTimeout;
            keepAliveInterval = c.keepAliveInterval;
            chokeInterval = c.chokeInterval;
            banAfterHashFailures = c.banAfterHashFailures;
            downloadLimit = c.downloadLimit;
            uploadLimit = c.uploadLimit;
            lsd = c.lsd;
            dht = c.dht;
            pex = c.pex;
            alsoListenOn = c.alsoListenOn;
            encryption = c.encryption;
            utpIncoming = c.utpIncoming;
            utpOutgoing = c.utpOutgoing;
        }

        private SessionConfig build() {
            return new SessionConfig(
                    listenAddress,
                    maxPeersPerTorrent,
                    maxPeers,
                    uploadSlots,
                    maxRequestsPerPeer,
                    maxQueuedRequestsFromPeer,
                    diskThreads,
                    hashThreads,
                    connectTimeout,
                    handshakeTimeout,
                    idleTimeout,
                    keepAliveInterval,
                    chokeInterval,
                    banAfterHashFailures,
                    downloadLimit,
                    uploadLimit,
                    lsd,
                    dht,
                    pex,
                    alsoListenOn,
                    encryption,
                    utpIncoming,
                    utpOutgoing);
        }

        public Builder listenAddress(InetSocketAddress value) {
            listenAddress = value;
            return this;
        }

        /** Keeps the listen address's host, changes its port. */
        public Builder listenPort(int port) {
            listenAddress = new InetSocketAddress(listenAddress.getAddress(), port);
            return this;
        }

        public Builder maxPeersPerTorrent(int value) {
            maxPeersPerTorrent = value;
            return this;
        }

        public Builder maxPeers(int value) {
            maxPeers = value;
            return this;
        }

        public Builder uploadSlots(int value) {
            uploadSlots = value;
            return this;
        }

        public Builder maxRequestsPerPeer(int value) {
            maxRequestsPerPeer = value;
            return this;
        }

        public Builder maxQueuedRequestsFromPeer(int value) {
            maxQueuedRequestsFromPeer = value;
            return this;
        }

        public Builder diskThreads(int value) {
            diskThreads = value;
            return this;
        }

        public Builder hashThreads(int value) {
            hashThreads = value;
            return this;
        }

        public Builder connectTimeout(Duration value) {
            connectTimeout = value;
            return this;
        }

        public Builder handshakeTimeout(Duration value) {
            handshakeTimeout = value;
            return this;
        }

        public Builder idleTimeout(Duration value) {
            idleTimeout = value;
            return this;
        }

        public Builder keepAliveInterval(Duration value) {
            keepAliveInterval = value;
            return this;
        }

        public Builder chokeInterval(Duration value) {
            chokeInterval = value;
            return this;
        }

        public Builder banAfterHashFailures(int value) {
            banAfterHashFailures = value;
            return this;
        }

        /** Bytes per second for the whole session, 0 for no limit. */
        public Builder downloadLimit(long value) {
            downloadLimit = value;
            return this;
        }

        /** Bytes per second for the whole session, 0 for no limit. */
        public Builder uploadLimit(long value) {
            uploadLimit = value;
            return this;
        }

        public Builder lsd(LsdOptions value) {
            lsd = value;
            return this;
        }

        public Builder dht(DhtOptions value) {
            dht = value;
            return this;
        }

        /** Peer exchange (BEP 11) on or off; applies to torrents added afterwards. */
        public Builder pex(boolean value) {
            pex = value;
            return this;
        }

        /** More local addresses to listen on at the same port, e.g. {@code ::1} beside {@code 127.0.0.1}. */
        public Builder alsoListenOn(List<InetAddress> value) {
            alsoListenOn = value;
            return this;
        }

        /** MSE/PE: prefer (the default), require, or disable. */
        public Builder encryption(Encryption value) {
            encryption = value;
            return this;
        }

        /** Peers may connect to us over uTP; live. */
        public Builder utpIncoming(boolean value) {
            utpIncoming = value;
            return this;
        }

        /** We dial over uTP first; live, for dials from then on. */
        public Builder utpOutgoing(boolean value) {
            utpOutgoing = value;
            return this;
        }
    }
}
