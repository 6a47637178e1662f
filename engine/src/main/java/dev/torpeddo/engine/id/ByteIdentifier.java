package dev.torpeddo.engine.id;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A value that is nothing but a short string of bytes (an info-hash, a DHT node id, a token). It keeps its bytes
 * behind defensive copies, so an instance never changes, and gives equality by content, hashing and hex;
 * subclasses add only what is theirs (length checks, distances, ...).
 *
 * <p>Two identifiers are equal only if they are of the same class: a node id never equals the info-hash with the
 * same 20 bytes. A subclass that holds a secret compares in constant time ({@link #isSecret()}).
 */
public abstract class ByteIdentifier {
    private final byte[] bytes;

    /** Copies {@code bytes}: the caller may reuse its array. */
    protected ByteIdentifier(byte[] bytes) {
        this.bytes = bytes.clone();
    }

    /** A copy of the bytes. */
    public final byte[] bytes() {
        return bytes.clone();
    }

    public final int length() {
        return bytes.length;
    }

    /** One byte, for subclasses' arithmetic without copying the whole array. */
    protected final byte byteAt(int index) {
        return bytes[index];
    }

    /** Lower-case hex, two digits a byte. */
    public final String hex() {
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * Whether {@link #equals} must take as long wherever two values differ, because the bytes are a secret that
     * an attacker could otherwise guess one byte at a time by timing our answers.
     */
    protected boolean isSecret() {
        return false;
    }

    // Same class only: a NodeId equal to an InfoHash would break every map that holds either. Subclasses are final.
    @SuppressWarnings("EqualsGetClass")
    @Override
    public final boolean equals(Object o) {
        if (this == o) return true;
        if (o == null || o.getClass() != getClass()) return false;
        byte[] other = ((ByteIdentifier) o).bytes;
        return isSecret() ? MessageDigest.isEqual(bytes, other) : Arrays.equals(bytes, other);
    }

    @Override
    public final int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public final String toString() {
        return hex();
    }
}
