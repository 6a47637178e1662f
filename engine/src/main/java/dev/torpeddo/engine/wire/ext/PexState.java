package dev.torpeddo.engine.wire.ext;

import dev.torpeddo.engine.internal.Clock;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What we have told one peer through peer exchange (BEP 11), and so what to tell it next: the peers we are
 * connected to now that it has not heard of, and those it heard of that are gone. At most one message per
 * {@link #INTERVAL}, with at most {@link #MAX_ADDED} added and {@link #MAX_DROPPED} dropped peers; whatever
 * does not fit waits for the next message. Not thread-safe: one per connection, used under its owner's lock.
 */
public final class PexState {
    public static final Duration INTERVAL = Duration.ofSeconds(60);
    public static final int MAX_ADDED = 50;
    public static final int MAX_DROPPED = 50;

    private final Clock clock;
    private final InetSocketAddress recipient;
    /** The peers this recipient believes we are connected to, by what we have sent it. */
    private final Set<InetSocketAddress> told = new LinkedHashSet<>();

    private long lastSentNanos;
    private boolean sentAny;

    /** @param recipient the peer the messages go to, never listed to itself */
    public PexState(Clock clock, InetSocketAddress recipient) {
        this.clock = clock;
        this.recipient = recipient;
    }

    /**
     * The message to send now, given the peers we are connected to, or empty if it is too soon after the last
     * one or there is no news. Sending is assumed: the result is recorded as told.
     */
    public Optional<PexMessage> nextMessage(Collection<PexPeer> connectedNow) {
        long now = clock.nanoTime();
        if (sentAny && now - lastSentNanos < INTERVAL.toNanos()) return Optional.empty();
        Map<InetSocketAddress, PexPeer> current = new LinkedHashMap<>();
        for (PexPeer peer : connectedNow) {
            if (!peer.address().equals(recipient)) current.putIfAbsent(peer.address(), peer);
        }
        List<PexPeer> added = new ArrayList<>();
        for (PexPeer peer : current.values()) {
            if (added.size() == MAX_ADDED) break;
            if (!told.contains(peer.address())) added.add(peer);
        }
        List<InetSocketAddress> dropped = new ArrayList<>();
        for (InetSocketAddress address : told) {
            if (dropped.size() == MAX_DROPPED) break;
            if (!current.containsKey(address)) dropped.add(address);
        }
        if (added.isEmpty() && dropped.isEmpty()) return Optional.empty();
        added.forEach(peer -> told.add(peer.address()));
        dropped.forEach(told::remove);
        lastSentNanos = now;
        sentAny = true;
        return Optional.of(new PexMessage(added, dropped));
    }
}
