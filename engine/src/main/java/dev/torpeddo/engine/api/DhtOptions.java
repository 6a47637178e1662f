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
 * @param bootstrap nodes to join through; the well-known public routers by default
 * @param stateFile the node id and routing table, saved on close and reused on start
 */
public record DhtOptions(boolean enabled, List<InetSocketAddress> bootstrap, Optional<Path> stateFile) {
    public static final DhtOptions DEFAULT = new DhtOptions(true, DhtConfig.DEFAULT_BOOTSTRAP, Optional.empty());
    public static final DhtOptions DISABLED = new DhtOptions(false, List.of(), Optional.empty());

    public DhtOptions {
        bootstrap = List.copyOf(bootstrap);
    }

    /** A DHT that only knows the given nodes to start with (tests, private networks). */
    public static DhtOptions bootstrapFrom(List<InetSocketAddress> nodes) {
        return new DhtOptions(true, nodes, Optional.empty());
    }

    public DhtOptions withStateFile(Path file) {
        return new DhtOptions(enabled, bootstrap, Optional.of(file));
    }
}
