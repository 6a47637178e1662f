package dev.torpeddo.engine.sim;

import dev.torpeddo.engine.internal.Randomness;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * One session's random choices in a simulation, repeatable for a seed: each generator's stream follows from
 * the seed, its purpose, and how many generators were asked for that purpose before it (a torrent's picker
 * is the same whatever other torrents or threads did first). Secure ones are just as seeded: nothing in a
 * simulation is secret.
 */
final class SeededRandomness implements Randomness {
    private final long seed;
    private final Map<String, Integer> asked = new HashMap<>();

    SeededRandomness(long seed) {
        this.seed = seed;
    }

    @Override
    public synchronized RandomGenerator generator(String purpose) {
        int n = asked.merge(purpose, 1, Integer::sum);
        long mixed = new SplittableRandom(seed ^ ((long) purpose.hashCode() << 32 | n)).nextLong();
        return new Random(mixed); // java.util.Random: safe to share between threads, as the contract asks
    }

    @Override
    public RandomGenerator secure(String purpose) {
        return generator("secure " + purpose);
    }
}
