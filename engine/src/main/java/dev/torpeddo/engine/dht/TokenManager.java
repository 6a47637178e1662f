package dev.torpeddo.engine.dht;

import dev.torpeddo.engine.internal.Clock;
import java.net.InetAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Issues and checks announce tokens (BEP 5): a token is the truncated SHA-1 of a secret and the requester's IP,
 * so nothing needs storing per requester. The secret changes every five minutes and tokens of the previous
 * secret are still accepted, so a token lives between five and ten minutes. Thread-safe.
 */
public final class TokenManager {
    public static final Duration ROTATION = Duration.ofMinutes(5);
    static final int TOKEN_LENGTH = 8;

    private final Clock clock;
    private final RandomGenerator random;
    private byte[] current;
    private byte[] previous;
    private long rotatedAt;

    public TokenManager(Clock clock) {
        this(clock, new SecureRandom());
    }

    /** @param random the source of the secrets: a secure one but in a simulation */
    public TokenManager(Clock clock, RandomGenerator random) {
        this.clock = clock;
        this.random = random;
        this.current = freshSecret();
        this.previous = freshSecret();
        this.rotatedAt = clock.nanoTime();
    }

    /** The token to hand to {@code ip} with a get_peers reply. */
    public synchronized Token tokenFor(InetAddress ip) {
        rotate();
        return token(current, ip);
    }

    /** Whether {@code token} is one we gave {@code ip} within the last two secrets. */
    public synchronized boolean isValid(Token token, InetAddress ip) {
        rotate();
        // Token equality takes constant time: a token is a small secret a forger could otherwise probe byte by byte.
        return token.equals(token(current, ip)) || token.equals(token(previous, ip));
    }

    private void rotate() {
        long steps = (clock.nanoTime() - rotatedAt) / ROTATION.toNanos();
        if (steps <= 0) return;
        previous = steps == 1 ? current : freshSecret();
        current = freshSecret();
        rotatedAt += steps * ROTATION.toNanos();
    }

    private byte[] freshSecret() {
        byte[] s = new byte[16];
        random.nextBytes(s);
        return s;
    }

    private static Token token(byte[] secret, InetAddress ip) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(secret);
            sha1.update(ip.getAddress());
            return new Token(Arrays.copyOf(sha1.digest(), TOKEN_LENGTH));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }
}
