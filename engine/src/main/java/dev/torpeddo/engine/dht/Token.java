package dev.torpeddo.engine.dht;

import dev.torpeddo.engine.id.ByteIdentifier;

/**
 * The opaque write token a node hands out with get_peers replies (BEP 5) and expects back in announce_peer, so
 * that only hosts that can receive at an address may announce it.
 */
public final class Token extends ByteIdentifier {
    /** Tokens of other implementations are opaque; this only stops a hostile node from making us store a lot. */
    public static final int MAX_LENGTH = 64;

    public Token(byte[] bytes) {
        if (bytes.length > MAX_LENGTH) throw new IllegalArgumentException("token of " + bytes.length + " bytes");
        super(bytes);
    }

    /** Ours are secrets: a forger must not learn one byte by byte from how fast a bad one is refused. */
    @Override
    protected boolean isSecret() {
        return true;
    }
}
