package dev.torpeddo.engine.lsd;

/** A Local Service Discovery message that is malformed or over its limits; the message says why, in one line. */
public final class LsdException extends Exception {
    public LsdException(String message) {
        super(message);
    }
}
