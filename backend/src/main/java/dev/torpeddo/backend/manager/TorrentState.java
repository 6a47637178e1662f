package dev.torpeddo.backend.manager;

/**
 * What a torrent is doing as the manager shows it: the engine's states plus {@link #QUEUED} (waiting for a queue
 * slot) and a {@link #PAUSED} that also covers a magnet paused before its metadata arrived.
 */
public enum TorrentState {
    FETCHING_METADATA,
    CHECKING,
    DOWNLOADING,
    SEEDING,
    MOVING,
    /** Paused by the user (or by a share limit); the queue does not start it. */
    PAUSED,
    /** Waiting for a slot: the queue's limits are reached. */
    QUEUED,
    /** Stopped by a fault; the status's error says which. Out of space: resumed when space comes back. */
    ERROR;

    /** The wire name: lower case, as the JSON-RPC bridge shows it. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
