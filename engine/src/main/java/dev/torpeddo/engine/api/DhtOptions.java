package dev.torpeddo.engine.api;

import dev.torpeddo.engine.dht.DhtConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Whether a session joins the mainline DHT (BEP 5), through which nodes it bootstraps, and where it keeps
 * its routing table between runs.
 *
 * @param bootstrap nodes to join through, of either address family; the well-known public routers by default
 * @param stateFile the node id and routing tables, saved on close and reused on start
 * @param ipv6 whether the node also joins the IPv6 DHT (BEP 32) where the session's UDP port reaches IPv6 (see
 *     {@code SessionConfig.listenAddress}); on by default
 */
public record DhtOptions(boolean enabled, List<InetSocketAddress> bootstrap, Optional<Path> stateFile, boolean ipv6) {
    public static final DhtOptions DEFAULT = new DhtOptions(true, DhtConfig.DEFAULT_BOOTSTRAP, Optional.empty());
    public static final DhtOptions DISABLED = new DhtOptions(false, List.of(), Optional.empty());

    public DhtOptions {
        bootstrap = List.copyOf(bootstrap);
    }

    /** Options with IPv6 on (where the port reaches it). */
    public DhtOptions(boolean enabled, List<InetSocketAddress> bootstrap, Optional<Path> stateFile) {
        this(enabled, bootstrap, stateFile, true);
    }

    /** A DHT that only knows the given nodes to start with (tests, private networks). */
    public static DhtOptions bootstrapFrom(List<InetSocketAddress> nodes) {
        return new DhtOptions(true, nodes, Optional.empty());
    }

    public DhtOptions withStateFile(Path file) {
        return new DhtOptions(enabled, bootstrap, Optional.of(file), ipv6);
    }

    /** These options with the IPv6 DHT on or off. */
    public DhtOptions withIpv6(boolean on) {
        return new DhtOptions(enabled, bootstrap, stateFile, on);
    }
}
