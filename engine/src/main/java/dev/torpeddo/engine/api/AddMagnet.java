package dev.torpeddo.engine.api;

import dev.torpeddo.engine.magnet.MagnetLink;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

/**
 * A magnet link to add to a {@code Session}. Adding returns at once; the torrent fetches its info
 * dictionary from peers in {@link TorrentState#FETCHING_METADATA}, then continues like a .torrent.
 *
 * @param peers peers to connect to directly, besides the magnet's {@code x.pe} peers and the trackers'
 * @param stopAfterMetadata pause once the file list is known, so the user can choose files first
 */
public record AddMagnet(
        MagnetLink magnet,
        Path downloadDir,
        List<InetSocketAddress> peers,
        boolean sequential,
        boolean useTrackers,
        boolean stopAfterMetadata) {

    public AddMagnet {
        peers = List.copyOf(peers);
    }

    public static AddMagnet of(MagnetLink magnet, Path downloadDir) {
        return new AddMagnet(magnet, downloadDir, List.of(), false, true, false);
    }

    public AddMagnet withPeers(List<InetSocketAddress> peers) {
        return new AddMagnet(magnet, downloadDir, peers, sequential, useTrackers, stopAfterMetadata);
    }

    public AddMagnet withTrackers(boolean useTrackers) {
        return new AddMagnet(magnet, downloadDir, peers, sequential, useTrackers, stopAfterMetadata);
    }

    public AddMagnet withStopAfterMetadata(boolean stop) {
        return new AddMagnet(magnet, downloadDir, peers, sequential, useTrackers, stop);
    }

    public AddMagnet withSequential(boolean sequential) {
        return new AddMagnet(magnet, downloadDir, peers, sequential, useTrackers, stopAfterMetadata);
    }
}
