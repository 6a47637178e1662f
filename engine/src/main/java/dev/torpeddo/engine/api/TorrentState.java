package dev.torpeddo.engine.api;

/** What a torrent is doing, as a user sees it. */
public enum TorrentState {
    /** Added from a magnet link: finding peers and fetching the file list (info dictionary) from them. */
    FETCHING_METADATA,
    /** Verifying data already in the download directory. */
    CHECKING,
    /** Fetching pieces that are selected and missing. */
    DOWNLOADING,
    /** Everything selected is verified; serving others. */
    SEEDING,
    /** Its files are being moved to another directory; no transfers until that is done. */
    MOVING,
    /** Stopped by the user; no connections. */
    PAUSED,
    /** Stopped by a fault (disk full, I/O error); {@link TorrentStatus#error()} says which. */
    ERROR
}
