package dev.torpeddo.engine.session;

import dev.torpeddo.engine.internal.Clock;
import dev.torpeddo.engine.net.Network;
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
                Clock.SYSTEM);
    }

    public SessionConfig withListenAddress(InetSocketAddress address) {
        return new SessionConfig(address, maxPeersPerTorrent, maxPeers, uploadSlots, maxRequestsPerPeer,
                maxQueuedRequestsFromPeer, diskThreads, hashThreads, connectTimeout, idleTimeout,
                keepAliveInterval, chokeInterval, banAfterHashFailures, network, clock);
    }

    public SessionConfig withListenPort(int port) {
        return withListenAddress(new InetSocketAddress(listenAddress.getAddress(), port));
    }

    public SessionConfig withUploadSlots(int slots) {
        return new SessionConfig(listenAddress, maxPeersPerTorrent, maxPeers, slots, maxRequestsPerPeer,
                maxQueuedRequestsFromPeer, diskThreads, hashThreads, connectTimeout, idleTimeout,
                keepAliveInterval, chokeInterval, banAfterHashFailures, network, clock);
    }

    public SessionConfig withChokeInterval(Duration interval) {
        return new SessionConfig(listenAddress, maxPeersPerTorrent, maxPeers, uploadSlots, maxRequestsPerPeer,
                maxQueuedRequestsFromPeer, diskThreads, hashThreads, connectTimeout, idleTimeout,
                keepAliveInterval, interval, banAfterHashFailures, network, clock);
    }

    public SessionConfig withIdleTimeout(Duration idle) {
        return new SessionConfig(listenAddress, maxPeersPerTorrent, maxPeers, uploadSlots, maxRequestsPerPeer,
                maxQueuedRequestsFromPeer, diskThreads, hashThreads, connectTimeout, idle,
                keepAliveInterval, chokeInterval, banAfterHashFailures, network, clock);
    }

    public SessionConfig withNetwork(Network network) {
        return new SessionConfig(listenAddress, maxPeersPerTorrent, maxPeers, uploadSlots, maxRequestsPerPeer,
                maxQueuedRequestsFromPeer, diskThreads, hashThreads, connectTimeout, idleTimeout,
                keepAliveInterval, chokeInterval, banAfterHashFailures, network, clock);
    }
}
