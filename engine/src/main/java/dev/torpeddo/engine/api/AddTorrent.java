package dev.torpeddo.engine.api;

import dev.torpeddo.engine.metainfo.Metainfo;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What to add to a {@code Session}.
 *
 * @param downloadDir where the torrent's files live; nothing is ever written outside it
 * @param peers peers to connect to directly, besides what trackers return
 * @param filePriorities file index to priority 0..7 (0 skips the file); files not listed get 4
 * @param sequential download pieces in order (for previewing media) instead of rarest first
 * @param useTrackers announce to the torrent's trackers
 * @param paused check existing data, then stay paused until {@code TorrentHandle.resume()}
 */
public record AddTorrent(
        Metainfo metainfo,
        Path downloadDir,
        List<InetSocketAddress> peers,
        Map<Integer, Integer> filePriorities,
        boolean sequential,
        boolean useTrackers,
        boolean paused) {

    public AddTorrent {
        peers = List.copyOf(peers);
        filePriorities = Map.copyOf(filePriorities);
        filePriorities.forEach((file, prio) -> {
            if (file < 0 || file >= metainfo.files().size()) throw new IllegalArgumentException("no file " + file);
            if (prio < 0 || prio > 7) throw new IllegalArgumentException("priority " + prio + " not in 0..7");
        });
    }

    public static AddTorrent of(Metainfo metainfo, Path downloadDir) {
        return new AddTorrent(metainfo, downloadDir, List.of(), Map.of(), false, true, false);
    }

    public AddTorrent withPeers(List<InetSocketAddress> peers) {
        return new AddTorrent(metainfo, downloadDir, peers, filePriorities, sequential, useTrackers, paused);
    }

    public AddTorrent withFilePriorities(Map<Integer, Integer> priorities) {
        return new AddTorrent(metainfo, downloadDir, peers, priorities, sequential, useTrackers, paused);
    }

    public AddTorrent withSequential(boolean sequential) {
        return new AddTorrent(metainfo, downloadDir, peers, filePriorities, sequential, useTrackers, paused);
    }

    public AddTorrent withPaused(boolean paused) {
        return new AddTorrent(metainfo, downloadDir, peers, filePriorities, sequential, useTrackers, paused);
    }

    public AddTorrent withTrackers(boolean useTrackers) {
        return new AddTorrent(metainfo, downloadDir, peers, filePriorities, sequential, useTrackers, paused);
    }
}
