package dev.torpeddo.engine.mse;

import java.io.IOException;

/** The peer broke the encrypted handshake: a bad key, no synchronisation point in time, a method we refuse. */
public final class MseException extends IOException {
    private static final long serialVersionUID = 1L;

    public MseException(String message) {
        super(message);
    }
}
