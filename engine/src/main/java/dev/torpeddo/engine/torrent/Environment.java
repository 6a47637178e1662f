package dev.torpeddo.engine.torrent;

import dev.torpeddo.engine.internal.Clock;
import dev.torpeddo.engine.internal.Randomness;
import dev.torpeddo.engine.internal.Threads;
import dev.torpeddo.engine.net.Network;
import dev.torpeddo.engine.storage.StorageFactory;

/**
 * What the engine uses of the outside world: sockets, files, time, the threads it starts and its random
 * choices. Clients never see it (the session uses the real ones); engine tests substitute a faulty disk, a
 * manual clock, or a whole simulation (network, clock, threads it can watch, seeded randomness).
 */
public record Environment(Network network, StorageFactory storage, Clock clock, Threads threads, Randomness random) {
    public static final Environment REAL =
            new Environment(Network.tcp(), StorageFactory.FILES, Clock.SYSTEM, Threads.SYSTEM, Randomness.SYSTEM);

    /** The JDK's threads and randomness. */
    public Environment(Network network, StorageFactory storage, Clock clock) {
        this(network, storage, clock, Threads.SYSTEM, Randomness.SYSTEM);
    }

    public Environment withNetwork(Network value) {
        return new Environment(value, storage, clock, threads, random);
    }

    public Environment withStorage(StorageFactory value) {
        return new Environment(network, value, clock, threads, random);
    }

    public Environment withClock(Clock value) {
        return new Environment(network, storage, value, threads, random);
    }

    public Environment withThreads(Threads value) {
        return new Environment(network, storage, clock, value, random);
    }

    public Environment withRandom(Randomness value) {
        return new Environment(network, storage, clock, threads, value);
    }
}
