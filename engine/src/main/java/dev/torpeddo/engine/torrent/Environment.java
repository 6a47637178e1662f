package dev.torpeddo.engine.torrent;

import dev.torpeddo.engine.internal.Clock;
import dev.torpeddo.engine.net.Network;
import dev.torpeddo.engine.storage.StorageFactory;

/**
 * What the engine uses of the outside world: sockets, files and time. Clients never see it (the session
 * uses the real ones); engine tests substitute a faulty disk, a manual clock or a simulated network.
 */
public record Environment(Network network, StorageFactory storage, Clock clock) {
    public static final Environment REAL = new Environment(Network.tcp(), StorageFactory.FILES, Clock.SYSTEM);

    public Environment withNetwork(Network value) {
        return new Environment(value, storage, clock);
    }

    public Environment withStorage(StorageFactory value) {
        return new Environment(network, value, clock);
    }

    public Environment withClock(Clock value) {
        return new Environment(network, storage, value);
    }
}
