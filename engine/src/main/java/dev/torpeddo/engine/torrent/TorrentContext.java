package dev.torpeddo.engine.torrent;

import dev.torpeddo.engine.api.Encryption;
import dev.torpeddo.engine.api.SessionConfig;
import dev.torpeddo.engine.api.TorrentEvent;
import dev.torpeddo.engine.bandwidth.RateLimiter;
import dev.torpeddo.engine.dht.DhtNode;
import dev.torpeddo.engine.storage.DiskIo;
import dev.torpeddo.engine.tracker.TrackerTransport;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * What a torrent borrows from its session: settings, the outside world (sockets, files, time), identity, the shared disk and hashing threads, the
 * session-wide connection limit, the tracker clients (one HTTP client for all torrents), and where to
 * publish events, and the session's rate limiters (every connection draws from them). {@code encryption} is the
 * setting now (live, unlike {@code config}). {@code dht} is the node
 * running now: the user can switch the DHT off and on while torrents run.
 */
public record TorrentContext(
        SessionConfig config,
        Environment env,
        byte[] peerId,
        IntSupplier listenPort,
        DiskIo diskIo,
        ExecutorService hashPool,
        ConnectionSlots connectionSlots,
        TrackerTransport trackers,
        Supplier<Optional<DhtNode>> dht,
        Consumer<TorrentEvent> events,
        RateLimiter downloadLimit,
        RateLimiter uploadLimit,
        Supplier<Encryption> encryption) {}
