package dev.torpeddo.engine.dht;

import dev.torpeddo.engine.internal.Clock;
import dev.torpeddo.engine.internal.Randomness;
import dev.torpeddo.engine.internal.Threads;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link DhtNode} runs.
 *
 * @param bindAddress where the node's own UDP socket listens (ignored when a {@link DatagramPort} is given)
 * @param bootstrap nodes asked first when joining; none by default (see {@link #DEFAULT_BOOTSTRAP})
 * @param queryTimeout how long a query waits for its reply before the node counts as failed
 * @param rateLimits how many incoming queries are answered
 * @param stateFile where the node id and routing table are kept across restarts, if anywhere
 * @param clock the source of time
 * @param threads starts the node's threads
 * @param random node id, refresh targets, transaction ids, peer samples, token secrets
 */
public record DhtConfig(
        InetSocketAddress bindAddress,
        List<InetSocketAddress> bootstrap,
        Duration queryTimeout,
        RateLimits rateLimits,
        Optional<Path> stateFile,
        Clock clock,
        Threads threads,
        Randomness random) {

    /**
     * Well-known public bootstrap routers, for a session to use on the real network. Unresolved: they are looked
     * up when a node starts, never at class loading. Tests must not use them.
     */
    public static final List<InetSocketAddress> DEFAULT_BOOTSTRAP = List.of(
            InetSocketAddress.createUnresolved("router.bittorrent.com", 6881),
            InetSocketAddress.createUnresolved("dht.transmissionbt.com", 6881),
            InetSocketAddress.createUnresolved("router.utorrent.com", 6881),
            InetSocketAddress.createUnresolved("dht.libtorrent.org", 25401));

    public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(2);

    public DhtConfig {
        Objects.requireNonNull(bindAddress);
        bootstrap = List.copyOf(bootstrap);
        if (queryTimeout.isNegative() || queryTimeout.isZero())
            throw new IllegalArgumentException("query timeout must be positive");
        Objects.requireNonNull(rateLimits);
        Objects.requireNonNull(stateFile);
        Objects.requireNonNull(clock);
        Objects.requireNonNull(threads);
        Objects.requireNonNull(random);
    }

    /** No bootstrap nodes, no state file, default timeout and limits, the system clock, JDK threads and randomness. */
    public static DhtConfig of(InetSocketAddress bindAddress) {
        return new DhtConfig(
                bindAddress,
                List.of(),
                DEFAULT_QUERY_TIMEOUT,
                RateLimits.DEFAULT,
                Optional.empty(),
                Clock.SYSTEM,
                Threads.SYSTEM,
                Randomness.SYSTEM);
    }

    public DhtConfig withBootstrap(List<InetSocketAddress> nodes) {
        return new DhtConfig(bindAddress, nodes, queryTimeout, rateLimits, stateFile, clock, threads, random);
    }

    public DhtConfig withQueryTimeout(Duration timeout) {
        return new DhtConfig(bindAddress, bootstrap, timeout, rateLimits, stateFile, clock, threads, random);
    }

    public DhtConfig withRateLimits(RateLimits limits) {
        return new DhtConfig(bindAddress, bootstrap, queryTimeout, limits, stateFile, clock, threads, random);
    }

    public DhtConfig withStateFile(Path file) {
        return new DhtConfig(
                bindAddress, bootstrap, queryTimeout, rateLimits, Optional.of(file), clock, threads, random);
    }

    public DhtConfig withClock(Clock c) {
        return new DhtConfig(bindAddress, bootstrap, queryTimeout, rateLimits, stateFile, c, threads, random);
    }

    /** The clock, threads and randomness of an engine {@code Environment}. */
    public DhtConfig withEnvironment(Clock c, Threads t, Randomness r) {
        return new DhtConfig(bindAddress, bootstrap, queryTimeout, rateLimits, stateFile, c, t, r);
    }
}
