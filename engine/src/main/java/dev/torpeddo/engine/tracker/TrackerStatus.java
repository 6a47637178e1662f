package dev.torpeddo.engine.tracker;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One row of a torrent's tracker list, as a UI shows it. Times are relative to when {@link Announcer#status()} was
 * called because the engine's clock is monotonic, not wall time.
 *
 * @param uri the announce URL
 * @param tier the BEP 12 tier, 0 first
 * @param lastError why the last attempt on this tracker failed; empty once it answered again
 * @param sinceLastSuccess time since this tracker last answered, if it ever did
 * @param nextAnnounceIn time until the next announce, on the tracker that will be asked first
 * @param peers how many peers its last answer had
 * @param seeders seeders in its last answer, if reported
 * @param leechers leechers in its last answer, if reported
 * @param minInterval the least time between requests its last answer asked for, if it did
 */
public record TrackerStatus(
        URI uri,
        int tier,
        Optional<String> lastError,
        Optional<Duration> sinceLastSuccess,
        Optional<Duration> nextAnnounceIn,
        int peers,
        OptionalInt seeders,
        OptionalInt leechers,
        Optional<Duration> minInterval) {}
