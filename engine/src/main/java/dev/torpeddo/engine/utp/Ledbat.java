package dev.torpeddo.engine.utp;

/**
 * LEDBAT congestion control (RFC 6817 as BEP 29 and libtorrent apply it): the window grows while the one-way
 * queuing delay stays under the 100 ms target and shrinks once it goes over, so a uTP flow backs off before a
 * TCP flow on the same bottleneck sees loss. The queuing delay is a delay sample minus the base delay, the
 * smallest sample over the last minutes (kept per minute so a clock drifting or a route changing ages out).
 * Like libtorrent it starts in slow start (the window grows by the bytes acked until the delay reaches the
 * target, a loss, or the threshold), halves the window on a loss at most once per 100 ms, and never goes
 * below one packet. Pure: the caller passes the time and the samples.
 */
public final class Ledbat {
    static final long TARGET_MICROS = 100_000;
    /** The most the window grows per round trip at zero delay (libtorrent's gain factor). */
    static final long GAIN_BYTES = 3000;

    private static final long MINUTE_MICROS = 60_000_000L;
    private static final int HISTORY_MINUTES = 10;
    private static final long LOSS_INTERVAL_MICROS = 100_000;

    private final int mss;
    private final long maxWindow;
    private double window;
    private boolean slowStart = true;
    private long slowStartThreshold;
    private final long[] minuteMinimum = new long[HISTORY_MINUTES];
    private int minuteIndex;
    private long minuteStart = Long.MIN_VALUE;
    private long nextLossAllowed = Long.MIN_VALUE;
    private long lastDelay;

    /**
     * @param mss one packet's payload: the initial window is two, the floor one
     * @param maxWindow the window never grows past this many bytes
     */
    public Ledbat(int mss, long maxWindow) {
        this.mss = mss;
        this.maxWindow = maxWindow;
        this.window = 2.0 * mss;
        java.util.Arrays.fill(minuteMinimum, Long.MAX_VALUE);
    }

    /** The congestion window in bytes. */
    public long window() {
        return (long) window;
    }

    public boolean inSlowStart() {
        return slowStart;
    }

    /** The last queuing delay measured, microseconds. */
    public long queuingDelay() {
        return lastDelay;
    }

    /**
     * Takes one ack.
     *
     * @param ackedBytes payload bytes this ack newly acknowledged
     * @param delaySample the peer's one-way delay sample of our packets (its timestamp difference), microseconds
     *     as an unsigned 32-bit value; 0 when it had none
     * @param inFlight bytes in flight before this ack
     * @param saturated whether the sender had more to send than the window allowed (else the window stays)
     * @param now microseconds on the caller's clock
     */
    public void onAck(int ackedBytes, long delaySample, long inFlight, boolean saturated, long now) {
        if (ackedBytes <= 0 || inFlight <= 0) return;
        long delay = 0;
        if (delaySample > 0) {
            delay = Math.max(0, delaySample - baseDelay(delaySample, now));
            lastDelay = delay;
        }
        if (delay >= TARGET_MICROS && slowStart) {
            slowStartThreshold = (long) window / 2;
            slowStart = false;
        }
        if (!saturated) return;
        double windowFactor = (double) ackedBytes / inFlight;
        double delayFactor = (double) (TARGET_MICROS - delay) / TARGET_MICROS;
        double gain = windowFactor * delayFactor * GAIN_BYTES;
        if (slowStart) {
            if (slowStartThreshold != 0 && window + ackedBytes > slowStartThreshold) slowStart = false;
            else gain = Math.max(gain, ackedBytes);
        }
        window = Math.min((double) maxWindow, Math.max(mss, window + gain));
    }

    /** A packet was lost (three duplicate acks, selective acks past it): halve, at most once per 100 ms. */
    public void onLoss(long now) {
        if (now < nextLossAllowed) return;
        nextLossAllowed = now + LOSS_INTERVAL_MICROS;
        window = Math.max(mss, window / 2);
        if (slowStart) {
            slowStartThreshold = (long) window;
            slowStart = false;
        }
    }

    /** The retransmission timer fired: nothing is getting through, so start again from one packet. */
    public void onTimeout() {
        window = mss;
        slowStart = true;
    }

    /** Records a sample in this minute's minimum and returns the smallest over the history. */
    private long baseDelay(long sample, long now) {
        if (minuteStart == Long.MIN_VALUE || now - minuteStart >= MINUTE_MICROS) {
            minuteIndex = (minuteIndex + 1) % HISTORY_MINUTES;
            minuteMinimum[minuteIndex] = Long.MAX_VALUE;
            minuteStart = now;
        }
        minuteMinimum[minuteIndex] = Math.min(minuteMinimum[minuteIndex], sample);
        long base = Long.MAX_VALUE;
        for (long m : minuteMinimum) base = Math.min(base, m);
        return base;
    }
}
