package dev.torpeddo.engine.api;

import dev.torpeddo.engine.metainfo.Metainfo;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What to add to a {@code Session}. Start from {@link #of} and change what differs with {@link #with}:
 * {@code AddTorrent.of(meta, dir).with(b -> b.useTrackers(false).paused(true))}.
 *
 * @param downloadDir where the torrent's files live; nothing is ever written outside it
 * @param peers peers to connect to directly, besides what trackers return
 * @param filePriorities file index to priority 0..7 (0 skips the file); files not listed get 4, or what the
 *     resume record says
 * @param sequential download pieces in order (for previewing media) instead of rarest first
 * @param useTrackers announce to the torrent's trackers
 * @param paused check existing data, then stay paused until {@code TorrentHandle.resume()}
 * @param resumeData a resume record the torrent exported earlier ({@code TorrentHandle.saveResumeData()}):
 *     pieces it recorded are trusted if the files have not changed since, so only the rest is hashed; its
 *     priorities, totals, times, trackers and peers carry on. A record that is damaged, another torrent's or
 *     contradicted by the files means a full check, never trust.
 * @param downloadLimit this torrent's own download limit in bytes per second, 0 for none (or the resume
 *     record's); the session's limit applies on top
 * @param uploadLimit this torrent's own upload limit in bytes per second, 0 for none (or the record's)
 */
public record AddTorrent(
        Metainfo metainfo,
        Path downloadDir,
        List<InetSocketAddress> peers,
        Map<Integer, Integer> filePriorities,
        boolean sequential,
        boolean useTrackers,
        boolean paused,
        Optional<byte[]> resumeData,
        long downloadLimit,
        long uploadLimit) {

    public AddTorrent {
        Objects.requireNonNull(metainfo, "metainfo");
        Objects.requireNonNull(downloadDir, "downloadDir");
        peers = List.copyOf(peers);
        filePriorities = Map.copyOf(filePriorities);
        filePriorities.forEach((file, prio) -> {
            if (file < 0 || file >= metainfo.files().size()) throw new IllegalArgumentException("no file " + file);
            if (prio < 0 || prio > 7) throw new IllegalArgumentException("priority " + prio + " not in 0..7");
        });
        resumeData = resumeData.map(byte[]::clone);
        if (downloadLimit < 0 || uploadLimit < 0) throw new IllegalArgumentException("rate limits must be >= 0");
    }

    public static AddTorrent of(Metainfo metainfo, Path downloadDir) {
        return new AddTorrent(metainfo, downloadDir, List.of(), Map.of(), false, true, false, Optional.empty(), 0, 0);
    }

    @Override
    public Optional<byte[]> resumeData() {
        return resumeData.map(byte[]::clone);
    }

    /**
     * A copy with the changes {@code edit} makes to a builder that starts from this request, naming only what
     * changes: {@code AddTorrent.of(meta, dir).with(b -> b.paused(true).resumeData(record))}. The result is
     * checked as any {@code AddTorrent} is.
     */
    public AddTorrent with(Consumer<Builder> edit) {
        Builder b = new Builder(this);
        edit.accept(b);
        return b.build();
    }

    /** Mutable and short-lived: only {@link AddTorrent#with} hands one out. */
    public static final class Builder {
        private final Metainfo metainfo;
        private final Path downloadDir;
        private List<InetSocketAddress> peers;
        private Map<Integer, Integer> filePriorities;
        private boolean sequential;
        private boolean useTrackers;
        private boolean paused;
        private Optional<byte[]> resumeData;
        private long downloadLimit;
        private long uploadLimit;

        private Builder(AddTorrent a) {
            metainfo = a.metainfo;
            downloadDir = a.downloadDir;
            peers = a.peers;
            filePriorities = a.filePriorities;
            sequential = a.sequential;
            useTrackers = a.useTrackers;
            paused = a.paused;
            resumeData = a.resumeData;
            downloadLimit = a.downloadLimit;
            uploadLimit = a.uploadLimit;
        }

        private AddTorrent build() {
            return new AddTorrent(
                    metainfo,
                    downloadDir,
                    peers,
                    filePriorities,
                    sequential,
                    useTrackers,
                    paused,
                    resumeData,
                    downloadLimit,
                    uploadLimit);
        }

        public Builder peers(List<InetSocketAddress> value) {
            peers = value;
            return this;
        }

        /** File index to priority 0..7 (0 skips the file); replaces any given before. */
        public Builder filePriorities(Map<Integer, Integer> value) {
            filePriorities = value;
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

        public Builder paused(boolean value) {
            paused = value;
            return this;
        }

        /** A resume record the torrent exported earlier ({@code TorrentHandle.saveResumeData()}). */
        public Builder resumeData(byte[] record) {
            resumeData = Optional.of(record);
            return this;
        }

        /** This torrent's own download limit in bytes per second, 0 for none. */
        public Builder downloadLimit(long value) {
            downloadLimit = value;
            return this;
        }

        /** This torrent's own upload limit in bytes per second, 0 for none. */
        public Builder uploadLimit(long value) {
            uploadLimit = value;
            return this;
        }
    }
}
