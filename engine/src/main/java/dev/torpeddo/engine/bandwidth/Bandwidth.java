package dev.torpeddo.engine.bandwidth;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;

/**
 * The limiters one direction of one connection draws from, narrowest first: its torrent's, then the
 * session's. A grant is the smallest any of them gives; what a wider limiter does not grant goes back to the
 * narrower ones at once.
 *
 * <p>Narrowest first matters: a connection holds its torrent's tokens while it waits for the session's, which
 * only delays its own torrent; the other order would hold session tokens hostage to one torrent's limit.
 */
public final class Bandwidth {
    /** No limiter at all: {@link #limit(InputStream)} and {@link #limit(OutputStream)} wrap nothing. */
    public static final Bandwidth UNLIMITED = new Bandwidth(new RateLimiter[0]);

    private final RateLimiter[] chain;

    private Bandwidth(RateLimiter[] chain) {
        this.chain = chain;
    }

    /** A chain of limiters, the narrowest (a torrent's) first and the widest (the session's) last. */
    public static Bandwidth of(RateLimiter... narrowestFirst) {
        RateLimiter[] chain = narrowestFirst.clone();
        for (RateLimiter l : chain) Objects.requireNonNull(l);
        return chain.length == 0 ? UNLIMITED : new Bandwidth(chain);
    }

    /** Whether no limiter of the chain has a limit right now. Lock-free. */
    public boolean isUnlimited() {
        for (RateLimiter l : chain) {
            if (!l.isUnlimited()) return false;
        }
        return true;
    }

    /**
     * Waits for every limiter in turn and grants between 1 and {@code wanted} bytes.
     *
     * @throws InterruptedException if interrupted while waiting (nothing is then granted)
     */
    public int acquire(int wanted) throws InterruptedException {
        int granted = wanted;
        int i = 0;
        try {
            for (; i < chain.length; i++) {
                int g = chain[i].acquire(granted);
                if (g < granted) giveBackBefore(i, granted - g);
                granted = g;
            }
        } catch (InterruptedException e) {
            giveBackBefore(i, granted);
            throw e;
        }
        return granted;
    }

    /** Returns granted bytes that were not used to every limiter of the chain. */
    public void giveBack(int unused) {
        giveBackBefore(chain.length, unused);
    }

    /** Counts bytes used without {@link #acquire} in every limiter that has a limit. */
    public void charge(long used) {
        for (RateLimiter l : chain) l.charge(used);
    }

    /**
     * {@code in}, reading from the underlying stream only what this chain grants (so that TCP flow control
     * slows the sender), or {@code in} itself for {@link #UNLIMITED}.
     */
    public InputStream limit(InputStream in) {
        return chain.length == 0 ? in : new LimitedInputStream(in, this);
    }

    /** {@code out}, writing in granted chunks, or {@code out} itself for {@link #UNLIMITED}. */
    public OutputStream limit(OutputStream out) {
        return chain.length == 0 ? out : new LimitedOutputStream(out, this);
    }

    private void giveBackBefore(int end, int unused) {
        for (int j = 0; j < end; j++) chain[j].giveBack(unused);
    }
}
