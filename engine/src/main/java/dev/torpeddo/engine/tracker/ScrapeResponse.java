package dev.torpeddo.engine.tracker;

/**
 * A tracker's counters for one torrent.
 *
 * @param complete seeders
 * @param incomplete leechers
 * @param downloaded how many times the torrent was completely downloaded
 */
public record ScrapeResponse(int complete, int incomplete, int downloaded) {}
