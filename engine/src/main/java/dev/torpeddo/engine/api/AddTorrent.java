package dev.torpeddo.engine.api;

import dev.torpeddo.engine.metainfo.Metainfo;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What to add to a {@code Session}. Start from {@link #of} and change what differs with the
 * {@code with…} methods.
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

    public AddTorrent withPeers(List<InetSocketAddress> value) {
        return new AddTorrent(
                metainfo,
                downloadDir,
                value,
                filePriorities,
                sequential,
                useTrackers,
                paused,
                resumeData,
                downloadLimit,
                uploadLimit);
    }

    public AddTorrent withFilePriorities(Map<Integer, Integer> value) {
        return new AddTorrent(
                metainfo,
                downloadDir,
                peers,
                value,
                sequential,
                useTrackers,
                paused,
                resumeData,
                downloadLimit,
                uploadLimit);
    }

    public AddTorrent withSequential(boolean value) {
        return new AddTorrent(
                metainfo,
                downloadDir,
                peers,
                filePriorities,
                value,
                useTrackers,
                paused,
                resumeData,
                downloadLimit,
                uploadLimit);
    }

    public AddTorrent withPaused(boolean value) {
        return new AddTorrent(
                metainfo,
                downloadDir,
                peers,
                filePriorities,
                sequential,
                useTrackers,
                value,
                resumeData,
                downloadLimit,
                uploadLimit);
    }

    public AddTorrent withTrackers(boolean value) {
        return new AddTorrent(
                metainfo,
                downloadDir,
                peers,
                filePriorities,
                sequential,
                value,
                paused,
                resumeData,
                downloadLimit,
                uploadLimit);
    }

    /** This torrent's own limits in bytes per second, 0 for none. */
    public AddTorrent withRateLimits(long download, long upload) {
        return new AddTorrent(
                metainfo,
                downloadDir,
                peers,
                filePriorities,
                sequential,
                useTrackers,
                paused,
                resumeData,
                download,
                upload);
    }

    public AddTorrent withResumeData(byte[] record) {
        return new AddTorrent(
                metainfo,
                downloadDir,
                peers,
                filePriorities,
                sequential,
                useTrackers,
                paused,
                Optional.of(record),
                downloadLimit,
                uploadLimit);
    }
}
