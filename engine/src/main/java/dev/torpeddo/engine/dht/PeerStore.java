package dev.torpeddo.engine.dht;

import dev.torpeddo.engine.internal.Clock;
import dev.torpeddo.engine.internal.Randomness;
import dev.torpeddo.engine.metainfo.InfoHash;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The peers other nodes announced to us (announce_peer), served back in get_peers replies. Bounded in every
 * direction: at most {@code maxTorrents} torrents (the least recently announced one goes first), at most
 * {@code maxPeersPerTorrent} peers each (the oldest announcement goes first), and entries expire after
 * {@link #PEER_TTL} unless announced again. Thread-safe.
 */
public final class PeerStore {
    public static final int DEFAULT_MAX_TORRENTS = 2000;
    public static final int DEFAULT_MAX_PEERS_PER_TORRENT = 100;
    /** Peers in one get_peers reply: 50 compact IPv4 peers keep the packet well under 1500 bytes. */
    public static final int MAX_VALUES = 50;

    public static final Duration PEER_TTL = Duration.ofMinutes(30);

    private final Clock clock;
    private final RandomGenerator random;
    private final int maxTorrents;
    private final int maxPeersPerTorrent;
    /** Insertion order doubles as recency: an announce moves its torrent and peer to the end. */
    private final LinkedHashMap<InfoHash, LinkedHashMap<InetSocketAddress, Long>> torrents = new LinkedHashMap<>();

    public PeerStore(Clock clock) {
        this(clock, Randomness.SHARED_THREAD_LOCAL);
    }

    /** @param random picks the peers handed out when there are more than fit */
    public PeerStore(Clock clock, RandomGenerator random) {
        this(clock, DEFAULT_MAX_TORRENTS, DEFAULT_MAX_PEERS_PER_TORRENT, random);
    }

    public PeerStore(Clock clock, int maxTorrents, int maxPeersPerTorrent) {
        this(clock, maxTorrents, maxPeersPerTorrent, Randomness.SHARED_THREAD_LOCAL);
    }

    private PeerStore(Clock clock, int maxTorrents, int maxPeersPerTorrent, RandomGenerator random) {
        if (maxTorrents < 1 || maxPeersPerTorrent < 1) throw new IllegalArgumentException("limits must be positive");
        this.clock = clock;
        this.random = random;
        this.maxTorrents = maxTorrents;
        this.maxPeersPerTorrent = maxPeersPerTorrent;
    }

    public synchronized void announce(InfoHash infoHash, InetSocketAddress peer) {
        LinkedHashMap<InetSocketAddress, Long> peers = torrents.remove(infoHash);
        if (peers == null) {
            peers = new LinkedHashMap<>();
            if (torrents.size() >= maxTorrents) torrents.pollFirstEntry();
        }
        torrents.put(infoHash, peers);
        peers.remove(peer);
        peers.put(peer, clock.nanoTime() + PEER_TTL.toNanos());
        if (peers.size() > maxPeersPerTorrent) peers.pollFirstEntry();
    }

    /** Up to {@code max} live peers of the torrent, a random choice when there are more. */
    public synchronized List<InetSocketAddress> peers(InfoHash infoHash, int max) {
        LinkedHashMap<InetSocketAddress, Long> peers = torrents.get(infoHash);
        if (peers == null) return List.of();
        dropExpired(peers);
        if (peers.isEmpty()) {
            torrents.remove(infoHash);
            return List.of();
        }
        List<InetSocketAddress> all = new ArrayList<>(peers.keySet());
        if (all.size() > max) {
            Collections.shuffle(all, random);
            all = all.subList(0, max);
        }
        return List.copyOf(all);
    }

    public synchronized int torrentCount() {
        return torrents.size();
    }

    /** Forgets every expired entry (peers are also dropped lazily when asked for). */
    public synchronized void purgeExpired() {
        for (Iterator<LinkedHashMap<InetSocketAddress, Long>> it =
                        torrents.values().iterator();
                it.hasNext(); ) {
            LinkedHashMap<InetSocketAddress, Long> peers = it.next();
            dropExpired(peers);
            if (peers.isEmpty()) it.remove();
        }
    }

    private void dropExpired(Map<InetSocketAddress, Long> peers) {
        long now = clock.nanoTime();
        peers.values().removeIf(expiry -> now - expiry >= 0);
    }
}
