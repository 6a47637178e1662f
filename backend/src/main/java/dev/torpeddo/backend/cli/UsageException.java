package dev.torpeddo.backend.cli;

/** The command line was used wrongly: exit code 2, the message, and a pointer to the help. */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
