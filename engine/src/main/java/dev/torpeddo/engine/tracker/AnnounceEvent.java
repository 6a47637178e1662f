package dev.torpeddo.engine.tracker;

import java.util.Optional;

/** Why an announce is sent (BEP 3 {@code event}); {@link #NONE} is a regular re-announce. */
public enum AnnounceEvent {
    NONE(0, null),
    COMPLETED(1, "completed"),
    STARTED(2, "started"),
    STOPPED(3, "stopped");

    private final int udpCode;
    private final String httpName;

    AnnounceEvent(int udpCode, String httpName) {
        this.udpCode = udpCode;
        this.httpName = httpName;
    }

    /** The event number in a BEP 15 announce packet. */
    int udpCode() {
        return udpCode;
    }

    /** The HTTP {@code event} parameter value; empty for {@link #NONE}, which omits the parameter. */
    Optional<String> httpName() {
        return Optional.ofNullable(httpName);
    }
}
