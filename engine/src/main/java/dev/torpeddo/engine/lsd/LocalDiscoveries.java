package dev.torpeddo.engine.lsd;

import dev.torpeddo.engine.internal.Clock;
import dev.torpeddo.engine.internal.Randomness;
import dev.torpeddo.engine.internal.Threads;
import dev.torpeddo.engine.metainfo.InfoHash;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Local Service Discovery on each group the host can use: the IPv4 one and the IPv6 one (BEP 14 names both),
 * one {@link LocalDiscovery} per group, so a peer on the link that speaks only one family still finds us.
 * Torrents are added to and removed from all of them alike.
 */
public final class LocalDiscoveries implements AutoCloseable {
    private final List<LocalDiscovery> running;

    private LocalDiscoveries(List<LocalDiscovery> running) {
        this.running = List.copyOf(running);
    }

    /** Starts discovery on each transport (one per group), which it then owns. */
    public static LocalDiscoveries start(
            List<? extends LsdTransport> transports,
            int listenPort,
            Predicate<InfoHash> isPrivate,
            LocalDiscovery.PeerListener listener,
            Clock clock,
            Threads threads,
            Randomness random) {
        if (transports.isEmpty()) throw new IllegalArgumentException("no LSD transport");
        List<LocalDiscovery> started = new ArrayList<>();
        for (LsdTransport t : transports)
            started.add(LocalDiscovery.start(t, listenPort, isPrivate, listener, clock, threads, random));
        return new LocalDiscoveries(started);
    }

    /** The groups we announce to, in the order the transports were given. */
    public List<LocalDiscovery> each() {
        return running;
    }

    public void add(InfoHash infoHash) {
        for (LocalDiscovery d : running) d.add(infoHash);
    }

    public void remove(InfoHash infoHash) {
        for (LocalDiscovery d : running) d.remove(infoHash);
    }

    /** Closes every group's discovery, even when one fails to close; the first failure is thrown. */
    @Override
    public void close() throws IOException {
        IOException failed = null;
        for (LocalDiscovery d : running) {
            try {
                d.close();
            } catch (IOException e) {
                if (failed == null) failed = e;
                else failed.addSuppressed(e);
            }
        }
        if (failed != null) throw failed;
    }
}
