package dev.torpeddo.engine.wire.ext;

/**
 * A peer sent a malformed or out-of-bounds extension message (BEP 9, BEP 11). The message is one line naming
 * the problem; the caller decides whether to ignore the message or drop the peer.
 */
public final class ExtensionException extends Exception {
    public ExtensionException(String message) {
        super(message);
    }
}
