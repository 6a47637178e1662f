package dev.torpeddo.engine.api;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * A snapshot of the whole session, cheap to take.
 *
 * @param downloadRate piece payload received by all torrents, bytes per second
 * @param uploadRate piece payload sent by all torrents, bytes per second
 * @param downloadedBytes piece payload received since the session started
 * @param uploadedBytes piece payload sent since the session started
 * @param torrents torrents in the session
 * @param peers connected peers, all torrents together
 * @param dhtNodes nodes in the DHT routing tables, IPv4 and IPv6 (BEP 32) together (0 when the DHT is off)
 * @param listenAddresses where peers reach us over TCP: each listening socket, the configured listen address's
 *     first (a wildcard one is dual-stack where the system allows it)
 * @param downloadLimit the session's download limit in bytes per second, 0 for none
 * @param uploadLimit the session's upload limit in bytes per second, 0 for none
 * @param udpAddresses the UDP port (DHT, UDP trackers) when it is open: one socket, or one per family
 */
public record SessionStatus(
        long downloadRate,
        long uploadRate,
        long downloadedBytes,
        long uploadedBytes,
        int torrents,
        int peers,
        int dhtNodes,
        List<InetSocketAddress> listenAddresses,
        long downloadLimit,
        long uploadLimit,
        List<InetSocketAddress> udpAddresses) {

    public SessionStatus {
        listenAddresses = List.copyOf(listenAddresses);
        udpAddresses = List.copyOf(udpAddresses);
    }
}
