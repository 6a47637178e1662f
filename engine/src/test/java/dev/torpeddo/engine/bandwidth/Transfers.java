package dev.torpeddo.engine.bandwidth;

import java.util.ArrayList;
import java.util.List;

/** What a consumer was granted and when: the bytes a user would see cross the wire. */
final class Transfers {
    static final long SECOND = 1_000_000_000L;

    private record Grant(long nanos, long bytes) {}

    private final List<Grant> grants = new ArrayList<>();

    synchronized void add(long nanos, long bytes) {
        grants.add(new Grant(nanos, bytes));
    }

    /** Bytes granted in {@code [from, to)}. */
    synchronized long between(long from, long to) {
        long sum = 0;
        for (Grant g : grants) if (g.nanos >= from && g.nanos < to) sum += g.bytes;
        return sum;
    }

    synchronized int count() {
        return grants.size();
    }

    /** Every transfer of several consumers, merged. */
    static Transfers merged(List<Transfers> all) {
        Transfers m = new Transfers();
        for (Transfers t : all) {
            synchronized (t) {
                m.grants.addAll(t.grants);
            }
        }
        return m;
    }

    /**
     * The worst relative error of the bytes in any {@code window} within {@code [from, to]} against
     * {@code rate}, sliding by 10 ms.
     */
    synchronized double worstWindowError(long from, long to, long window, long rate) {
        double expected = (double) rate * window / SECOND;
        double worst = 0;
        for (long start = from; start + window <= to; start += SECOND / 100) {
            worst = Math.max(worst, Math.abs(between(start, start + window) - expected) / expected);
        }
        return worst;
    }
}
