package dev.torpeddo.backend.manager;

import dev.torpeddo.engine.api.SessionStatus;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The whole manager at one moment: totals and rates, where it listens, the DHT, and how many torrents are in
 * each state.
 *
 * @param listenAddresses each listening socket as {@code tcp://HOST:PORT} or {@code udp://HOST:PORT}, IPv6 in
 *     brackets, TCP first
 * @param storeProblem the last failure writing the state directory (disk full, permissions), empty if none
 */
public record SessionSnapshot(
        long downloadRate,
        long uploadRate,
        long downloaded,
        long uploaded,
        int torrents,
        int peers,
        int dhtNodes,
        List<String> listenAddresses,
        long downloadLimit,
        long uploadLimit,
        String storeProblem) {

    static SessionSnapshot of(SessionStatus s, Collection<ManagedTorrent> torrents, Optional<String> storeProblem) {
        return new SessionSnapshot(
                s.downloadRate(),
                s.uploadRate(),
                s.downloadedBytes(),
                s.uploadedBytes(),
                torrents.size(),
                s.peers(),
                s.dhtNodes(),
                java.util.stream.Stream.concat(
                                s.listenAddresses().stream().map(a -> "tcp://" + AddressText.format(a)),
                                s.udpAddresses().stream().map(a -> "udp://" + AddressText.format(a)))
                        .toList(),
                s.downloadLimit(),
                s.uploadLimit(),
                storeProblem.orElse(""));
    }
}
