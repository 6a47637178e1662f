package dev.torpeddo.engine.api;

import dev.torpeddo.engine.magnet.MagnetLink;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A magnet link to add to a {@code Session}. Adding returns at once; the torrent fetches its info
 * dictionary from peers in {@link TorrentState#FETCHING_METADATA}, then continues like a .torrent. Start from
 * {@link #of} and change what differs with {@link #with}.
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
        Objects.requireNonNull(magnet, "magnet");
        Objects.requireNonNull(downloadDir, "downloadDir");
        peers = List.copyOf(peers);
    }

    public static AddMagnet of(MagnetLink magnet, Path downloadDir) {
        return new AddMagnet(magnet, downloadDir, List.of(), false, true, false);
    }

    /**
     * A copy with the changes {@code edit} makes to a builder that starts from this request, naming only what
     * changes: {@code AddMagnet.of(link, dir).with(b -> b.stopAfterMetadata(true))}.
     */
    public AddMagnet with(Consumer<Builder> edit) {
        Builder b = new Builder(this);
        edit.accept(b);
        return b.build();
    }

    /** Mutable and short-lived: only {@link AddMagnet#with} hands one out. */
    public static final class Builder {
        private final MagnetLink magnet;
        private final Path downloadDir;
        private List<InetSocketAddress> peers;
        private boolean sequential;
        private boolean useTrackers;
        private boolean stopAfterMetadata;

        private Builder(AddMagnet a) {
            magnet = a.magnet;
            downloadDir = a.downloadDir;
            peers = a.peers;
            sequential = a.sequential;
            useTrackers = a.useTrackers;
            stopAfterMetadata = a.stopAfterMetadata;
        }

        private AddMagnet build() {
            return new AddMagnet(magnet, downloadDir, peers, sequential, useTrackers, stopAfterMetadata);
        }

        public Builder peers(List<InetSocketAddress> value) {
            peers = value;
            return this;
        }

        public Builder sequential(boolean value) {
            sequential = value;
            return this;
        }

        public Builder useTrackers(boolean value) {
            useTrackers = value;
            return this;
        }

        public Builder stopAfterMetadata(boolean value) {
            stopAfterMetadata = value;
            return this;
        }
    }
}
