package dev.torpeddo.backend.manager;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How to add a torrent. Start from {@link #defaults()} and change what differs with {@link #with}.
 *
 * @param savePath where its files go; empty for the settings' default save path
 * @param paused add it paused (existing data is still checked)
 * @param filePriorities file index to priority 0..7 (0: skip); for a magnet, applied once its files are known
 * @param stopAfterMetadata for a magnet: pause once the file list is known, so files can be chosen first
 * @param peers peers to connect to directly, besides the trackers', DHT's and others'
 * @param useTrackers announce to the torrent's trackers
 */
public record AddOptions(
        Optional<Path> savePath,
        boolean paused,
        Map<Integer, Integer> filePriorities,
        boolean stopAfterMetadata,
        boolean sequential,
        boolean firstLastPieces,
        String category,
        List<String> tags,
        List<InetSocketAddress> peers,
        boolean useTrackers) {

    public AddOptions {
        Objects.requireNonNull(savePath, "savePath");
        filePriorities = Map.copyOf(filePriorities);
        Objects.requireNonNull(category, "category");
        tags = List.copyOf(tags);
        peers = List.copyOf(peers);
        filePriorities.forEach((file, prio) -> {
            if (file < 0) throw new IllegalArgumentException("no file " + file);
            if (prio < 0 || prio > 7) throw new IllegalArgumentException("priority " + prio + " not in 0..7");
        });
    }

    public static AddOptions defaults() {
        return new AddOptions(Optional.empty(), false, Map.of(), false, false, false, "", List.of(), List.of(), true);
    }

    public AddOptions with(Consumer<Builder> edit) {
        Builder b = new Builder(this);
        edit.accept(b);
        return new AddOptions(
                b.savePath,
                b.paused,
                b.filePriorities,
                b.stopAfterMetadata,
                b.sequential,
                b.firstLastPieces,
                b.category,
                b.tags,
                b.peers,
                b.useTrackers);
    }

    /** Mutable and short-lived: only {@link AddOptions#with} hands one out. */
    public static final class Builder {
        private Optional<Path> savePath;
        private boolean paused;
        private Map<Integer, Integer> filePriorities;
        private boolean stopAfterMetadata;
        private boolean sequential;
        private boolean firstLastPieces;
        private String category;
        private List<String> tags;
        private List<InetSocketAddress> peers;
        private boolean useTrackers;

        private Builder(AddOptions o) {
            savePath = o.savePath;
            paused = o.paused;
            filePriorities = o.filePriorities;
            stopAfterMetadata = o.stopAfterMetadata;
            sequential = o.sequential;
            firstLastPieces = o.firstLastPieces;
            category = o.category;
            tags = o.tags;
            peers = o.peers;
            useTrackers = o.useTrackers;
        }

        public Builder savePath(Path value) {
            savePath = Optional.of(value);
            return this;
        }

        public Builder paused(boolean value) {
            paused = value;
            return this;
        }

        public Builder filePriorities(Map<Integer, Integer> value) {
            filePriorities = value;
            return this;
        }

        public Builder stopAfterMetadata(boolean value) {
            stopAfterMetadata = value;
            return this;
        }

        public Builder sequential(boolean value) {
            sequential = value;
            return this;
        }

        public Builder firstLastPieces(boolean value) {
            firstLastPieces = value;
            return this;
        }

        public Builder category(String value) {
            category = value;
            return this;
        }

        public Builder tags(List<String> value) {
            tags = value;
            return this;
        }

        public Builder peers(List<InetSocketAddress> value) {
            peers = value;
            return this;
        }

        public Builder useTrackers(boolean value) {
            useTrackers = value;
            return this;
        }
    }
}
