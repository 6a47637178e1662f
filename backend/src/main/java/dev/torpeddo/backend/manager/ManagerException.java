package dev.torpeddo.backend.manager;

/** A request the manager refuses, with a message for the user: bad input, an unknown id, not enough space. */
public final class ManagerException extends Exception {
    /** What kind of refusal, so the JSON-RPC bridge can map it to an error code. */
    public enum Kind {
        INVALID_INPUT,
        INVALID_MAGNET,
        INVALID_TORRENT,
        UNKNOWN_TORRENT,
        NOT_ENOUGH_SPACE,
        NOT_READY,
        IO
    }

    private final Kind kind;

    public ManagerException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
