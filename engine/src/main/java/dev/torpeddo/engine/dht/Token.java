package dev.torpeddo.engine.dht;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The opaque write token a node hands out with get_peers replies (BEP 5) and expects back in announce_peer, so
 * that only hosts that can receive at an address may announce it.
 */
public record Token(byte[] bytes) {
    /** Tokens of other implementations are opaque; this only stops a hostile node from making us store a lot. */
    public static final int MAX_LENGTH = 64;

    public Token {
        if (bytes.length > MAX_LENGTH) throw new IllegalArgumentException("token of " + bytes.length + " bytes");
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Token other && Arrays.equals(bytes, other.bytes);
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
