package dev.torpeddo.backend.manager;

import java.net.InetSocketAddress;
import java.time.InstantSource;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * How a manager runs, beyond its saved settings.
 *
 * @param overrides changes to the saved settings for this run only, never saved (the command line's
 *     {@code --port}, {@code --no-dht}, rate limits)
 * @param dhtBootstrap DHT nodes to join through instead of the public routers (empty: the public ones)
 * @param restore which stored torrents to bring back at start (the desktop app: all; the command line: the
 *     one it was asked for)
 * @param clock wall time, for added/completed times, share limits, stalls and save intervals
 * @param housekeeping run the once-a-second housekeeping thread (tests turn it off and call
 *     {@link TorrentManager#housekeep()} themselves)
 */
public record ManagerOptions(
        UnaryOperator<Settings> overrides,
        List<InetSocketAddress> dhtBootstrap,
        Predicate<String> restore,
        InstantSource clock,
        boolean housekeeping) {

    public ManagerOptions {
        dhtBootstrap = List.copyOf(dhtBootstrap);
    }

    public static ManagerOptions defaults() {
        return new ManagerOptions(UnaryOperator.identity(), List.of(), id -> true, InstantSource.system(), true);
    }

    public ManagerOptions withOverrides(UnaryOperator<Settings> value) {
        return new ManagerOptions(value, dhtBootstrap, restore, clock, housekeeping);
    }

    public ManagerOptions withDhtBootstrap(List<InetSocketAddress> value) {
        return new ManagerOptions(overrides, value, restore, clock, housekeeping);
    }

    public ManagerOptions withRestore(Predicate<String> value) {
        return new ManagerOptions(overrides, dhtBootstrap, value, clock, housekeeping);
    }

    public ManagerOptions withClock(InstantSource value, boolean runHousekeeping) {
        return new ManagerOptions(overrides, dhtBootstrap, restore, value, runHousekeeping);
    }
}
