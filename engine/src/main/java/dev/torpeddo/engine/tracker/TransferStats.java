package dev.torpeddo.engine.tracker;

/**
 * The byte counters an announce reports, pulled from the torrent just before each announce.
 *
 * @param uploaded bytes uploaded this session
 * @param downloaded bytes downloaded this session
 * @param left bytes still missing
 */
public record TransferStats(long uploaded, long downloaded, long left) {
    public TransferStats {
        if (uploaded < 0 || downloaded < 0 || left < 0) throw new IllegalArgumentException("negative byte count");
    }
}
