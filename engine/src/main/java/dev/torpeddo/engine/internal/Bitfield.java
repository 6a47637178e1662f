package dev.torpeddo.engine.internal;

import java.util.Arrays;

/**
 * A fixed-size set of piece indexes with the BitTorrent wire layout (bit 7 of byte 0 is piece 0). Not
 * thread-safe: owners guard it with their own lock.
 */
public final class Bitfield {
    private final int size;
    private final long[] words;
    private int cardinality;

    public Bitfield(int size) {
        if (size < 0) throw new IllegalArgumentException("negative size");
        this.size = size;
        this.words = new long[(size + 63) >>> 6];
    }

    /** A bitfield with every bit set. */
    public static Bitfield full(int size) {
        Bitfield b = new Bitfield(size);
        for (int i = 0; i < size; i++) b.set(i);
        return b;
    }

    /**
     * Parses the wire form; the length must be exactly {@code ceil(size/8)} and the spare bits at the end
     * must be clear (BEP 3), otherwise {@link IllegalArgumentException}.
     */
    public static Bitfield fromWire(byte[] bytes, int size) {
        if (bytes.length != (size + 7) / 8) {
            throw new IllegalArgumentException(
                    "bitfield of " + bytes.length + " bytes for " + size + " pieces (expected " + (size + 7) / 8 + ")");
        }
        Bitfield b = new Bitfield(size);
        for (int i = 0; i < bytes.length * 8; i++) {
            if ((bytes[i >>> 3] & (0x80 >>> (i & 7))) != 0) {
                if (i >= size) throw new IllegalArgumentException("spare bits set in bitfield");
                b.set(i);
            }
        }
        return b;
    }

    public byte[] toWire() {
        byte[] out = new byte[(size + 7) / 8];
        for (int i = nextSetBit(0); i >= 0; i = nextSetBit(i + 1)) {
            out[i >>> 3] |= (byte) (0x80 >>> (i & 7));
        }
        return out;
    }

    public int size() {
        return size;
    }

    public boolean get(int i) {
        check(i);
        return (words[i >>> 6] & (1L << i)) != 0;
    }

    /** Sets bit {@code i}; returns whether it was clear before. */
    public boolean set(int i) {
        check(i);
        long mask = 1L << i;
        if ((words[i >>> 6] & mask) != 0) return false;
        words[i >>> 6] |= mask;
        cardinality++;
        return true;
    }

    /** Clears bit {@code i}; returns whether it was set before. */
    public boolean clear(int i) {
        check(i);
        long mask = 1L << i;
        if ((words[i >>> 6] & mask) == 0) return false;
        words[i >>> 6] &= ~mask;
        cardinality--;
        return true;
    }

    public int cardinality() {
        return cardinality;
    }

    public boolean isComplete() {
        return cardinality == size;
    }

    public boolean isEmpty() {
        return cardinality == 0;
    }

    /** The first set bit at or after {@code from}, or -1. */
    public int nextSetBit(int from) {
        if (from >= size) return -1;
        int w = from >>> 6;
        long word = words[w] & (-1L << from);
        while (true) {
            if (word != 0) {
                int i = (w << 6) + Long.numberOfTrailingZeros(word);
                return i < size ? i : -1;
            }
            if (++w == words.length) return -1;
            word = words[w];
        }
    }

    /** The first clear bit at or after {@code from}, or -1. */
    public int nextClearBit(int from) {
        for (int i = from; i < size; i++) {
            if (!get(i)) return i;
        }
        return -1;
    }

    public Bitfield copy() {
        Bitfield b = new Bitfield(size);
        System.arraycopy(words, 0, b.words, 0, words.length);
        b.cardinality = cardinality;
        return b;
    }

    private void check(int i) {
        if (i < 0 || i >= size) throw new IndexOutOfBoundsException("piece " + i + " of " + size);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bitfield b && b.size == size && Arrays.equals(b.words, words);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(words) * 31 + size;
    }

    @Override
    public String toString() {
        return "Bitfield[" + cardinality + "/" + size + "]";
    }
}
