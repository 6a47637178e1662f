package dev.torpeddo.engine.torrent;

import dev.torpeddo.engine.metainfo.Metainfo;

/** Connects a torrent to its trackers: announces with its totals, feeds the peers back. Filled in on merge. */
final class TrackerLink {
    TrackerLink(Torrent torrent, Metainfo meta, TorrentContext ctx) {}

    void start() {}

    void completed() {}

    void stop() {}
}
