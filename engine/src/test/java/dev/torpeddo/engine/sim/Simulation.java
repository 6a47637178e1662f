package dev.torpeddo.engine.sim;

import dev.torpeddo.engine.api.DhtOptions;
import dev.torpeddo.engine.api.LsdOptions;
import dev.torpeddo.engine.api.SessionConfig;
import dev.torpeddo.engine.internal.Clock;
import dev.torpeddo.engine.storage.StorageFactory;
import dev.torpeddo.engine.torrent.Environment;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;

/**
 * A world for engine sessions to run in: simulated hosts on a {@link SimNetwork}, and virtual time that moves
 * only while a test runs the simulation and only when the engine has nothing left to do at the current
 * instant (see {@link Scheduler}). Sessions made with {@link #environment(SimHost)} use the simulated network
 * and clock; their files are real, in the directories the test gives them.
 *
 * <p>What repeats for a seed: the network (link delays, losses, each connection's random choices) and the
 * engine's own random choices (peer ids, piece order, optimistic unchokes, shuffles: each session's
 * {@link SeededRandomness} follows from the seed and its host). The interleaving of the engine's threads does
 * not, and it decides, say, which of two peers' blocks arrives first at one instant, so tests assert outcomes
 * a user would see, not exact traces.
 *
 * <pre>{@code
 * try (Simulation sim = new Simulation(42)) {
 *     SimHost a = sim.addHost(Link.of(1 << 20, Duration.ofMillis(20)));
 *     Session s = Session.start(sim.config(a), sim.environment(a));
 *     sim.runUntil("download complete", () -> handle.status().isComplete(), Duration.ofMinutes(5));
 * }
 * }</pre>
 */
public final class Simulation implements AutoCloseable {
    /** The port sessions listen on (TCP and UDP), the same on every host. */
    public static final int PEER_PORT = 6881;

    private final Scheduler scheduler;
    private final SimClock clock;
    private final SimNetwork network;
    private final long seed;

    public Simulation(long seed) {
        this(seed, Duration.ofMillis(5));
    }

    /** @param quantum the step virtual time moves in when the network is busy; finer is slower to run */
    public Simulation(long seed, Duration quantum) {
        this.seed = seed;
        this.scheduler = new Scheduler(quantum);
        this.clock = new SimClock(scheduler);
        this.network = new SimNetwork(scheduler, seed);
    }

    public SimHost addHost(Link link) {
        return network.addHost(link);
    }

    /**
     * The engine's outside world on {@code host}: its network, the virtual clock, real files, threads the
     * scheduler watches, and random choices seeded from the simulation's seed and the host's address.
     */
    public Environment environment(SimHost host) {
        long hostSeed =
                seed * 1_000_003L + java.util.Arrays.hashCode(host.address().getAddress());
        return new Environment(
                host.network(), StorageFactory.FILES, clock, scheduler.threads, new SeededRandomness(hostSeed));
    }

    /**
     * Starts a thread in the simulated world, for a test's own part in it (a scripted peer, a server): the
     * scheduler then waits for it as for the engine's threads. Threads that touch the simulation must all
     * start here or in the engine.
     */
    public Thread startThread(String name, Runnable task) {
        return scheduler.threads.startVirtual(name, task);
    }

    /**
     * A session listening on {@code host}, without local discovery or DHT (a test turns the DHT on), and
     * without uTP: the simulated UDP does not go through the hosts' links (their rates) yet, so uTP would
     * bypass them; a test of uTP turns it on.
     */
    public static SessionConfig config(SimHost host) {
        return SessionConfig.defaults()
                .with(b -> b.listenAddress(host.at(PEER_PORT))
                        .lsd(LsdOptions.DISABLED)
                        .dht(DhtOptions.DISABLED)
                        .hashThreads(1)
                        .diskThreads(1)
                        .utpIncoming(false)
                        .utpOutgoing(false));
    }

    public Clock clock() {
        return clock;
    }

    /** Virtual time since the simulation began. */
    public Duration elapsed() {
        return Duration.ofNanos(scheduler.now() - Scheduler.START_NANOS);
    }

    /** Runs {@code action} (under the simulation's lock: keep it short) once {@code after} has passed. */
    public void schedule(Duration after, Runnable action) {
        scheduler.schedule(after, action);
    }

    /** Lets {@code duration} of virtual time pass. */
    public void runFor(Duration duration) {
        long limit = scheduler.now() + duration.toNanos();
        while (scheduler.step(limit)) {
            // each step settles the engine and fires what is due
        }
        scheduler.settle();
    }

    /**
     * Runs until {@code done} holds (checked whenever the engine is quiet), or fails after {@code max} of
     * virtual time with {@code what} in the message.
     *
     * @return the virtual time it took
     */
    public Duration runUntil(String what, BooleanSupplier done, Duration max) {
        long start = scheduler.now();
        long limit = start + max.toNanos();
        while (true) {
            scheduler.settle();
            if (done.getAsBoolean()) return Duration.ofNanos(scheduler.now() - start);
            if (!scheduler.step(limit))
                throw new AssertionError("not " + what + " after " + max + " of simulated time");
        }
    }

    /**
     * Calls {@code task} on a thread of its own while virtual time runs (for calls that wait on the simulated
     * world, such as closing a session that says goodbye to its tracker), and returns its result.
     */
    public <T> T call(String what, Duration max, Callable<T> task) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread caller = startThread("sim-call", () -> {
            try {
                result.complete(task.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        try {
            runUntil(what, result::isDone, max);
        } catch (AssertionError e) {
            AssertionError stuck = new AssertionError(e.getMessage() + "; the call waits in:");
            stuck.setStackTrace(caller.getStackTrace());
            e.addSuppressed(stuck);
            throw e;
        }
        try {
            return result.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) throw cause;
            throw e;
        }
    }

    /** Closes {@code closeable} while virtual time runs. */
    public void shutDown(AutoCloseable closeable) throws Exception {
        call("closed", Duration.ofMinutes(2), () -> {
            closeable.close();
            return null;
        });
    }

    @Override
    public void close() {
        // Nothing to release: hosts and their sockets are plain objects. Sessions are closed by their tests.
    }
}
