package dev.torpeddo.engine.dht;

import dev.torpeddo.engine.id.ByteIdentifier;

/**
 * The opaque "t" of a KRPC message: the querier picks it and the reply echoes it. Ours are 2 bytes; other
 * clients' may be longer, so any length up to {@link #MAX_LENGTH} is accepted.
 */
public final class TransactionId extends ByteIdentifier {
    public static final int MAX_LENGTH = 32;

    public TransactionId(byte[] bytes) {
        if (bytes.length > MAX_LENGTH) {
            throw new IllegalArgumentException("transaction id of " + bytes.length + " bytes");
        }
        super(bytes);
    }

    /** A 2-byte id holding {@code value} (taken modulo 65536). */
    public static TransactionId of(int value) {
        return new TransactionId(new byte[] {(byte) (value >>> 8), (byte) value});
    }
}
