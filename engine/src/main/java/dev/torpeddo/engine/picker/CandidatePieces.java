package dev.torpeddo.engine.picker;

import dev.torpeddo.engine.internal.Bitfield;
import java.util.Arrays;
import java.util.function.IntPredicate;
import java.util.random.RandomGenerator;

/**
 * The pieces we want but have not started, grouped in buckets by (priority, availability) so that the rarest
 * piece of the highest priority is found without looking at every piece. Moving a piece between buckets (a HAVE
 * message, a priority change) is O(1). Also keeps one bitset per priority for index-ordered (sequential) picks.
 * Not thread-safe.
 */
final class CandidatePieces {
    static final int MAX_PRIORITY = 7;

    private final RandomGenerator random;
    private final int[] position; // index inside its bucket, -1 when not a candidate
    private final byte[] keyPriority;
    private final int[] keyAvailability;
    private final Bucket[][] buckets = new Bucket[MAX_PRIORITY + 1][]; // [priority][availability]
    private final Bitfield[] members = new Bitfield[MAX_PRIORITY + 1];
    private int count;

    CandidatePieces(int pieceCount, RandomGenerator random) {
        this.random = random;
        this.position = new int[pieceCount];
        Arrays.fill(position, -1);
        this.keyPriority = new byte[pieceCount];
        this.keyAvailability = new int[pieceCount];
        for (int p = 1; p <= MAX_PRIORITY; p++) {
            buckets[p] = new Bucket[0];
            members[p] = new Bitfield(pieceCount);
        }
    }

    boolean contains(int piece) {
        return position[piece] >= 0;
    }

    int count() {
        return count;
    }

    /** Candidates at least one connected peer has; {@code seedsPresent} makes every candidate available. */
    int availableCount(boolean seedsPresent) {
        if (seedsPresent) return count;
        int unavailable = 0;
        for (int p = 1; p <= MAX_PRIORITY; p++) {
            if (buckets[p].length > 0 && buckets[p][0] != null) unavailable += buckets[p][0].size;
        }
        return count - unavailable;
    }

    /** Adds or moves {@code piece}; priority 0 means "not wanted", so the piece leaves the set. */
    void put(int piece, int priority, int availability) {
        if (contains(piece)) {
            if (keyPriority[piece] == priority && keyAvailability[piece] == availability) return;
            remove(piece);
        }
        if (priority == 0) return;
        Bucket b = bucket(priority, availability);
        position[piece] = b.size;
        b.items[b.size++] = piece;
        // Swap with a random member so bucket order does not follow piece order (random tie-breaking).
        int other = random.nextInt(b.size);
        b.swap(other, b.size - 1, position);
        keyPriority[piece] = (byte) priority;
        keyAvailability[piece] = availability;
        members[priority].set(piece);
        count++;
    }

    void remove(int piece) {
        int pos = position[piece];
        if (pos < 0) return;
        Bucket b = buckets[keyPriority[piece]][keyAvailability[piece]];
        b.swap(pos, b.size - 1, position);
        b.size--;
        position[piece] = -1;
        members[keyPriority[piece]].clear(piece);
        count--;
    }

    /**
     * The highest-priority, then rarest piece that {@code peerHas}, ties broken at random; -1 if none. Cost:
     * the candidates passed over because the peer lacks them, plus one look at each empty bucket.
     */
    int rarest(IntPredicate peerHas, int minAvailability) {
        for (int p = MAX_PRIORITY; p >= 1; p--) {
            Bucket[] row = buckets[p];
            for (int a = minAvailability; a < row.length; a++) {
                Bucket b = row[a];
                if (b == null || b.size == 0) continue;
                int start = random.nextInt(b.size);
                for (int k = 0; k < b.size; k++) {
                    int piece = b.items[(start + k) % b.size];
                    if (peerHas.test(piece)) return piece;
                }
            }
        }
        return -1;
    }

    /**
     * Like {@link #rarest} but walks the peer's own pieces instead: cheaper when the peer has few of them.
     * Ties are broken by reservoir sampling.
     */
    int rarestOf(Bitfield peerPieces) {
        int best = -1;
        int ties = 0;
        for (int i = peerPieces.nextSetBit(0); i >= 0; i = peerPieces.nextSetBit(i + 1)) {
            if (!contains(i)) continue;
            int cmp = best < 0 ? -1 : compare(i, best);
            if (cmp < 0) {
                best = i;
                ties = 1;
            } else if (cmp == 0 && random.nextInt(++ties) == 0) {
                best = i;
            }
        }
        return best;
    }

    /** A uniformly random piece of the highest priority the peer has; -1 if none. O(candidates). */
    int randomOf(IntPredicate peerHas) {
        for (int p = MAX_PRIORITY; p >= 1; p--) {
            int chosen = -1;
            int seen = 0;
            Bitfield m = members[p];
            for (int i = m.nextSetBit(0); i >= 0; i = m.nextSetBit(i + 1)) {
                if (peerHas.test(i) && random.nextInt(++seen) == 0) chosen = i;
            }
            if (chosen >= 0) return chosen;
        }
        return -1;
    }

    /** The highest-priority, then lowest-index piece the peer has; -1 if none (sequential download). */
    int lowest(IntPredicate peerHas) {
        for (int p = MAX_PRIORITY; p >= 1; p--) {
            Bitfield m = members[p];
            for (int i = m.nextSetBit(0); i >= 0; i = m.nextSetBit(i + 1)) {
                if (peerHas.test(i)) return i;
            }
        }
        return -1;
    }

    /** Negative when {@code a} should be picked before {@code b}: higher priority, then rarer. */
    private int compare(int a, int b) {
        int byPriority = Integer.compare(keyPriority[b], keyPriority[a]);
        return byPriority != 0 ? byPriority : Integer.compare(keyAvailability[a], keyAvailability[b]);
    }

    private Bucket bucket(int priority, int availability) {
        Bucket[] row = buckets[priority];
        if (availability >= row.length) {
            row = Arrays.copyOf(row, Math.max(availability + 1, row.length * 2));
            buckets[priority] = row;
        }
        if (row[availability] == null) row[availability] = new Bucket();
        Bucket b = row[availability];
        if (b.size == b.items.length) b.items = Arrays.copyOf(b.items, Math.max(8, b.size * 2));
        return b;
    }

    /** An unordered set of piece indexes with O(1) insert and swap-remove. */
    private static final class Bucket {
        int[] items = new int[8];
        int size;

        void swap(int i, int j, int[] position) {
            int a = items[i];
            int b = items[j];
            items[i] = b;
            items[j] = a;
            position[b] = i;
            position[a] = j;
        }
    }
}
