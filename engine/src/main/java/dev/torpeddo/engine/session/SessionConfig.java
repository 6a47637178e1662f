package dev.torpeddo.engine.session;

import dev.torpeddo.engine.internal.Clock;
import dev.torpeddo.engine.lsd.LsdConfig;
import dev.torpeddo.engine.net.Network;
import dev.torpeddo.engine.storage.StorageFactory;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Session-wide settings with sensible defaults; change one with the {@code with…} methods.
 *
 * @param listenAddress where to accept peers (port 0 picks a free port)
 * @param maxPeersPerTorrent connections per torrent, incoming and outgoing together
 * @param maxPeers connections for the whole session
 * @param uploadSlots peers unchoked at once per torrent, including the optimistic one
 * @param maxRequestsPerPeer outstanding block requests we keep in flight to one peer (pipeline depth)
 * @param maxQueuedRequestsFromPeer requests a peer may queue with us before we reject more
 * @param diskThreads threads for disk writes and reads
 * @param hashThreads threads for SHA-1 verification
 * @param storage how torrents open their files (tests substitute faulty disks)
 * @param lsd Local Service Discovery (BEP 14) on the LAN
 * @param dht the mainline DHT (BEP 5), on the same UDP port number as the TCP listen port
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
        Duration idleTimeout,
        Duration keepAliveInterval,
        Duration chokeInterval,
        int banAfterHashFailures,
        Network network,
        StorageFactory storage,
        LsdConfig lsd,
        DhtOptions dht,
        Clock clock) {

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
                Duration.ofSeconds(120),
                Duration.ofSeconds(60),
                Duration.ofSeconds(10),
                3,
                Network.tcp(),
                StorageFactory.FILES,
                LsdConfig.DEFAULT,
                DhtOptions.DEFAULT,
                Clock.SYSTEM);
    }

    public SessionConfig withListenAddress(InetSocketAddress value) {
        return new SessionConfig(
                value,
                maxPeersPerTorrent,
                maxPeers,
                uploadSlots,
                maxRequestsPerPeer,
                maxQueuedRequestsFromPeer,
                diskThreads,
                hashThreads,
                connectTimeout,
                idleTimeout,
                keepAliveInterval,
                chokeInterval,
                banAfterHashFailures,
                network,
                storage,
                lsd,
                dht,
                clock);
    }

    public SessionConfig withListenPort(int port) {
        return withListenAddress(new InetSocketAddress(listenAddress.getAddress(), port));
    }

    public SessionConfig withUploadSlots(int value) {
        return new SessionConfig(
                listenAddress,
                maxPeersPerTorrent,
                maxPeers,
                value,
                maxRequestsPerPeer,
                maxQueuedRequestsFromPeer,
                diskThreads,
                hashThreads,
                connectTimeout,
                idleTimeout,
                keepAliveInterval,
                chokeInterval,
                banAfterHashFailures,
                network,
                storage,
                lsd,
                dht,
                clock);
    }

    public SessionConfig withMaxQueuedRequestsFromPeer(int value) {
        return new SessionConfig(
                listenAddress,
                maxPeersPerTorrent,
                maxPeers,
                uploadSlots,
                maxRequestsPerPeer,
                value,
                diskThreads,
                hashThreads,
                connectTimeout,
                idleTimeout,
                keepAliveInterval,
                chokeInterval,
                banAfterHashFailures,
                network,
                storage,
                lsd,
                dht,
                clock);
    }

    public SessionConfig withChokeInterval(Duration value) {
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
                idleTimeout,
                keepAliveInterval,
                value,
                banAfterHashFailures,
                network,
                storage,
                lsd,
                dht,
                clock);
    }

    public SessionConfig withIdleTimeout(Duration value) {
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
                value,
                keepAliveInterval,
                chokeInterval,
                banAfterHashFailures,
                network,
                storage,
                lsd,
                dht,
                clock);
    }

    public SessionConfig withNetwork(Network value) {
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
                idleTimeout,
                keepAliveInterval,
                chokeInterval,
                banAfterHashFailures,
                value,
                storage,
                lsd,
                dht,
                clock);
    }

    public SessionConfig withStorage(StorageFactory value) {
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
                idleTimeout,
                keepAliveInterval,
                chokeInterval,
                banAfterHashFailures,
                network,
                value,
                lsd,
                dht,
                clock);
    }

    public SessionConfig withLsd(LsdConfig value) {
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
                idleTimeout,
                keepAliveInterval,
                chokeInterval,
                banAfterHashFailures,
                network,
                storage,
                value,
                dht,
                clock);
    }

    public SessionConfig withDht(DhtOptions value) {
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
                idleTimeout,
                keepAliveInterval,
                chokeInterval,
                banAfterHashFailures,
                network,
                storage,
                lsd,
                value,
                clock);
    }
}
