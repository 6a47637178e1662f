package dev.torpeddo.engine.dht;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The opaque "t" of a KRPC message: the querier picks it and the reply echoes it. Ours are 2 bytes; other
 * clients' may be longer, so any length up to {@link #MAX_LENGTH} is accepted.
 */
public record TransactionId(byte[] bytes) {
    public static final int MAX_LENGTH = 32;

    public TransactionId {
        if (bytes.length > MAX_LENGTH) {
            throw new IllegalArgumentException("transaction id of " + bytes.length + " bytes");
        }
        bytes = bytes.clone();
    }

    /** A 2-byte id holding {@code value} (taken modulo 65536). */
    public static TransactionId of(int value) {
        return new TransactionId(new byte[] {(byte) (value >>> 8), (byte) value});
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransactionId other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(bytes);
    }
}
