package dev.torpeddo.engine.api;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One row of a torrent's tracker list, as a UI shows it. Times are relative to when the row was taken:
 * the engine's clock is monotonic, not wall time.
 *
 * @param uri the announce URL
 * @param tier the BEP 12 tier, 0 first
 * @param status what the last exchange with this tracker came to
 * @param message the tracker's failure or warning text, or why we could not reach it
 * @param sinceLastSuccess time since this tracker last answered, if it ever did
 * @param nextAnnounceIn time until this torrent's next announce (on the tracker asked first)
 * @param peers how many peers its last answer had
 * @param seeders seeders in the swarm, from its last answer, if reported
 * @param leechers leechers in the swarm, from its last answer, if reported
 */
public record TrackerInfo(
        URI uri,
        int tier,
        Status status,
        Optional<String> message,
        Optional<Duration> sinceLastSuccess,
        Optional<Duration> nextAnnounceIn,
        int peers,
        OptionalInt seeders,
        OptionalInt leechers) {

    public enum Status {
        /** Not asked yet (or the torrent has not started). */
        NOT_CONTACTED,
        /** Its last answer was a success. */
        WORKING,
        /** Its last attempt failed: unreachable, timed out, or it refused with a message. */
        ERROR
    }

    public TrackerInfo {
        Objects.requireNonNull(uri);
        Objects.requireNonNull(status);
    }
}
