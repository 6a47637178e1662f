package dev.torpeddo.engine.internal;

import java.security.SecureRandom;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * Where the engine's random choices come from, so that a simulation can make them repeat for a seed. Each
 * user asks once, naming its purpose (a seeded implementation derives its stream from the name).
 * Generators are safe to use from several threads.
 */
public interface Randomness {
    /** For ordinary choices: piece ties, optimistic unchokes, shuffles, ids nobody needs to guess. */
    RandomGenerator generator(String purpose);

    /** For what must not be guessed (token secrets, salts, keys): {@link SecureRandom} unless simulated. */
    RandomGenerator secure(String purpose);

    Randomness SYSTEM = new Randomness() {
        @Override
        public RandomGenerator generator(String purpose) {
            return SHARED_THREAD_LOCAL;
        }

        @Override
        public RandomGenerator secure(String purpose) {
            return new SecureRandom();
        }
    };

    /**
     * {@link ThreadLocalRandom} of whichever thread calls (a {@code ThreadLocalRandom.current()} must not
     * be kept and shared between threads, this may).
     */
    RandomGenerator SHARED_THREAD_LOCAL = new RandomGenerator() {
        @Override
        public long nextLong() {
            return ThreadLocalRandom.current().nextLong();
        }

        @Override
        public int nextInt() {
            return ThreadLocalRandom.current().nextInt();
        }

        @Override
        public int nextInt(int bound) {
            return ThreadLocalRandom.current().nextInt(bound);
        }
    };
}
