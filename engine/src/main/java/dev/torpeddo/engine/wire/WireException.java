package dev.torpeddo.engine.wire;

import java.io.IOException;

/** A peer broke the wire protocol: the connection must be closed. The message says what it did. */
public final class WireException extends IOException {
    public WireException(String message) {
        super(message);
    }
}
