package dev.torpeddo.engine.tracker;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A tracker's successful answer to an announce.
 *
 * @param interval how long to wait before the next regular announce, already clamped to sane bounds
 * @param minInterval the shortest allowed gap between announces, if the tracker gave one (never above interval)
 * @param peers peer addresses, IPv4 and IPv6 mixed, duplicates and port-0 entries removed
 * @param seeders peers with the whole torrent, if reported
 * @param leechers peers still downloading, if reported
 * @param warningMessage a non-fatal message to show the user
 * @param trackerId an opaque id to send back on later announces (HTTP only)
 */
public record AnnounceResponse(
        Duration interval,
        Optional<Duration> minInterval,
        List<InetSocketAddress> peers,
        OptionalInt seeders,
        OptionalInt leechers,
        Optional<String> warningMessage,
        Optional<String> trackerId) {

    /** Bounds for intervals: trackers asking for less would have us hammer them, more would starve us. */
    static final Duration MIN_INTERVAL = Duration.ofSeconds(60);

    static final Duration MAX_INTERVAL = Duration.ofHours(2);
    /** Used when a tracker sends no usable interval. */
    static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(30);

    public AnnounceResponse {
        peers = List.copyOf(peers);
    }

    /** Clamps a tracker's interval in seconds; a missing or non-positive value means the default. */
    static Duration clampInterval(long seconds) {
        if (seconds <= 0) return DEFAULT_INTERVAL;
        Duration d = Duration.ofSeconds(seconds);
        if (d.compareTo(MIN_INTERVAL) < 0) return MIN_INTERVAL;
        if (d.compareTo(MAX_INTERVAL) > 0) return MAX_INTERVAL;
        return d;
    }

    /** A min interval is only honoured up to the regular interval, and ignored when non-positive. */
    static Optional<Duration> clampMinInterval(long seconds, Duration interval) {
        if (seconds <= 0) return Optional.empty();
        Duration d = Duration.ofSeconds(Math.min(seconds, MAX_INTERVAL.toSeconds()));
        return Optional.of(d.compareTo(interval) > 0 ? interval : d);
    }
}
