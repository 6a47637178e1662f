package dev.torpeddo.engine.bandwidth;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * One direction of one connection: its {@link RateLimiter.Share} of each limiter it draws from, narrowest
 * first (its torrent's, then the session's). A grant is the smallest any of them gives; what a wider limiter
 * does not grant goes back to the narrower ones at once. Make one per connection and direction: the shares
 * remember what this connection has had, for fair turns. Used by one thread at a time.
 *
 * <p>Narrowest first matters: a connection holds its torrent's tokens while it waits for the session's, which
 * only delays its own torrent; the other order would hold session tokens hostage to one torrent's limit.
 */
public final class Bandwidth {
    /** No limiter at all: {@link #limit(InputStream)} and {@link #limit(OutputStream)} wrap nothing. */
    public static final Bandwidth UNLIMITED = new Bandwidth(new RateLimiter.Share[0]);

    private final RateLimiter.Share[] chain;

    private Bandwidth(RateLimiter.Share[] chain) {
        this.chain = chain;
    }

    /**
     * New shares of these limiters, the narrowest (a torrent's) first and the widest (the session's) last.
     */
    public static Bandwidth of(RateLimiter... narrowestFirst) {
        if (narrowestFirst.length == 0) return UNLIMITED;
        RateLimiter.Share[] chain = new RateLimiter.Share[narrowestFirst.length];
        for (int i = 0; i < chain.length; i++) chain[i] = narrowestFirst[i].newShare();
        return new Bandwidth(chain);
    }

    /** Whether no limiter of the chain has a limit right now. Lock-free. */
    public boolean isUnlimited() {
        for (RateLimiter.Share s : chain) {
            if (!s.limiter().isUnlimited()) return false;
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
        for (RateLimiter.Share s : chain) s.charge(used);
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
