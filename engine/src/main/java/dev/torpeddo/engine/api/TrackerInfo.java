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
 * @param status what the last announce to this tracker came to (scrapes never change it)
 * @param message the tracker's failure or warning text, or why we could not reach it
 * @param sinceLastSuccess time since this tracker last answered an announce, if it ever did
 * @param nextAnnounceIn time until this torrent's next announce (on the tracker asked first)
 * @param peers how many peers its last announce answer had
 * @param seeders seeders in the swarm, from the more recent of its last announce answer and its last scrape
 *     answer that reported them
 * @param leechers leechers in the swarm, likewise from the more recent of announce and scrape
 * @param downloaded how many times the torrent was downloaded completely, from its last scrape answer (announce
 *     answers do not say); empty until a scrape succeeded, and for trackers that cannot be scraped
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
        OptionalInt leechers,
        OptionalInt downloaded) {

    public enum Status {
        /** Not announced to yet (or the torrent has not started). */
        NOT_CONTACTED,
        /** Its last announce answer was a success. */
        WORKING,
        /** Its last announce failed: unreachable, timed out, or it refused with a message. */
        ERROR
    }

    public TrackerInfo {
        Objects.requireNonNull(uri);
        Objects.requireNonNull(status);
        Objects.requireNonNull(downloaded);
    }
}
