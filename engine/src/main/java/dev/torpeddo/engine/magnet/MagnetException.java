package dev.torpeddo.engine.magnet;

/** A magnet link that cannot be used; the message is one line naming what is wrong with it. */
public final class MagnetException extends Exception {
    public MagnetException(String message) {
        super(message);
    }
}
