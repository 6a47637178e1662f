package dev.torpeddo.engine.resume;

/** A resume record that cannot be used as it is: malformed, over a limit or inconsistent. One line says why. */
public final class ResumeException extends Exception {
    public ResumeException(String message) {
        super(message);
    }
}
