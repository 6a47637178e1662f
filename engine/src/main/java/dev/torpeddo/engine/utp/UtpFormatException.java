package dev.torpeddo.engine.utp;

import java.io.IOException;

/** A datagram that is not a well-formed uTP packet. */
public final class UtpFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public UtpFormatException(String message) {
        super(message);
    }
}
