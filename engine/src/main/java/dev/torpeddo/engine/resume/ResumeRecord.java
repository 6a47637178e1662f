package dev.torpeddo.engine.resume;

import dev.torpeddo.engine.internal.Bitfield;
import dev.torpeddo.engine.metainfo.AnnounceUrl;
import dev.torpeddo.engine.metainfo.InfoHash;
import dev.torpeddo.engine.metainfo.PathSanitizer;
import dev.torpeddo.engine.metainfo.TorrentLimits;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a torrent needs to carry on after a restart without checking its data again, plus what the user set
 * and what it has done so far. Stored with {@link ResumeCodec}; judged against the files with
 * {@link ResumeCheck}.
 *
 * <p>{@link #pieces()} must only hold pieces that are on disk for sure, so a record is made in this order:
 * (1) take the pieces whose writes have completed, (2) flush (fsync) the torrent's storage, (3) stat its
 * files into {@link #disk()}, (4) build the record from (1) and (3). A crash can then lose only pieces that are
 * not recorded; and whatever is written after (3), by us or by anyone else, changes a file's modification time
 * or size, which {@link ResumeCheck} notices.
 *
 * <p>Peers and trackers are hints, so what the format cannot hold is dropped rather than refused (see
 * {@link #peers()} and {@link #trackerTiers()}); anything else out of range is a programming error
 * ({@link IllegalArgumentException}). The stored format's version is {@link #FORMAT_VERSION}: it belongs to
 * the encoding, not to the value, since a record in memory always has the current shape.
 *
 * @param infoHash the torrent this record belongs to
 * @param pieces the verified pieces whose data had been flushed to disk; its size is the piece count
 * @param filePriorities one priority per file, in file order, 0 (skip) to {@link #MAX_PRIORITY}
 * @param disk every file's stat (and the part file's) right after the flush; as many files as priorities
 * @param totals bytes moved over the torrent's whole life
 * @param times how long it has run and when things happened
 * @param options the user's per-torrent settings
 * @param savePath the download directory, as the user gave it (not resolved or normalized)
 * @param trackerTiers tracker URLs grouped in tiers (BEP 12), as the user left them; at most
 *     {@link #MAX_TRACKERS} URLs in all. URLs that {@link AnnounceUrl#tracker} would not accept back as they are,
 *     or longer than {@link #MAX_URL_BYTES} in UTF-8, are dropped, and so are the tiers left empty.
 * @param peers addresses of peers known to the torrent, best first: the first {@link #MAX_PEERS} distinct
 *     usable ones are kept (unresolved addresses and port 0 are dropped), IPv4-mapped IPv6 addresses become
 *     IPv4 and IPv6 scopes are dropped (the compact form has neither), then IPv4 peers are listed before IPv6
 *     ones (the order in which they are stored)
 * @param name a display name the user gave the torrent, if any; not empty
 * @param renamedPaths the files the user renamed (or moved to another folder) inside the download directory: file
 *     index to path components, only for files whose path differs from the metainfo's (storage's
 *     {@code FileLayout.renamedPaths()}). Each path is one a torrent could have had: 1 to {@link #MAX_PATH_DEPTH}
 *     components, each left unchanged by {@link PathSanitizer} and not starting with {@code .torpeddo-}; at most
 *     {@link #MAX_RENAMED_BYTES} in all ('/'-joined, UTF-8). Whether they collide is for the storage to judge,
 *     which knows the other files' paths.
 */
public record ResumeRecord(
        InfoHash infoHash,
        Bitfield pieces,
        List<Integer> filePriorities,
        DiskSnapshot disk,
        Totals totals,
        Times times,
        Options options,
        String savePath,
        List<List<URI>> trackerTiers,
        List<InetSocketAddress> peers,
        Optional<String> name,
        Map<Integer, List<String>> renamedPaths) {

    /** The version of the stored format that {@link ResumeCodec} writes and reads. */
    public static final int FORMAT_VERSION = 1;
    /** The highest file priority (the picker's range: 0 skips a file, 7 is the most urgent). */
    public static final int MAX_PRIORITY = 7;
    /** As many pieces as the metainfo parser accepts by default. */
    public static final int MAX_PIECES = TorrentLimits.DEFAULT.maxPieces();
    /** As many files as the metainfo parser accepts by default. */
    public static final int MAX_FILES = TorrentLimits.DEFAULT.maxFiles();

    public static final int MAX_PEERS = 500;
    public static final int MAX_TRACKERS = 500;
    public static final int MAX_URL_BYTES = 2048;
    /** The longest save path or name, in UTF-8 bytes (PATH_MAX on Linux). */
    public static final int MAX_TEXT_BYTES = 4096;
    /** The most bytes the renamed paths may take in all, '/'-joined in UTF-8 (storage's limit too). */
    public static final int MAX_RENAMED_BYTES = 8 << 20;
    /** The most components a renamed path may have (as the metainfo parser allows). */
    public static final int MAX_PATH_DEPTH = TorrentLimits.DEFAULT.maxPathDepth();

    /** A record of a torrent none of whose files was renamed. */
    public ResumeRecord(
            InfoHash infoHash,
            Bitfield pieces,
            List<Integer> filePriorities,
            DiskSnapshot disk,
            Totals totals,
            Times times,
            Options options,
            String savePath,
            List<List<URI>> trackerTiers,
            List<InetSocketAddress> peers,
            Optional<String> name) {
        this(
                infoHash,
                pieces,
                filePriorities,
                disk,
                totals,
                times,
                options,
                savePath,
                trackerTiers,
                peers,
                name,
                Map.of());
    }

    public ResumeRecord {
        Objects.requireNonNull(infoHash);
        pieces = pieces.copy();
        if (pieces.size() > MAX_PIECES) {
            throw new IllegalArgumentException(pieces.size() + " pieces, more than " + MAX_PIECES);
        }
        filePriorities = List.copyOf(filePriorities);
        if (filePriorities.isEmpty() || filePriorities.size() > MAX_FILES) {
            throw new IllegalArgumentException(filePriorities.size() + " files, not in 1.." + MAX_FILES);
        }
        for (int p : filePriorities) {
            if (p < 0 || p > MAX_PRIORITY) {
                throw new IllegalArgumentException("priority " + p + " not in 0.." + MAX_PRIORITY);
            }
        }
        if (disk.files().size() != filePriorities.size()) {
            throw new IllegalArgumentException(
                    disk.files().size() + " file states for " + filePriorities.size() + " files");
        }
        Objects.requireNonNull(totals);
        Objects.requireNonNull(times);
        Objects.requireNonNull(options);
        checkText("save path", savePath);
        name.ifPresent(n -> checkText("name", n));
        trackerTiers = usableTiers(trackerTiers);
        peers = usablePeers(peers);
        renamedPaths = checkedRenames(renamedPaths, filePriorities.size());
    }

    /** A defensive copy: the record stays immutable. */
    @Override
    public Bitfield pieces() {
        return pieces.copy();
    }

    public int pieceCount() {
        return pieces.size();
    }

    /**
     * Byte counts over the torrent's whole life.
     *
     * @param uploaded payload bytes sent to peers
     * @param downloaded payload bytes received from peers
     * @param wasted bytes received that failed their piece's hash (or arrived twice)
     */
    public record Totals(long uploaded, long downloaded, long wasted) {
        public static final Totals NONE = new Totals(0, 0, 0);

        public Totals {
            if (uploaded < 0 || downloaded < 0 || wasted < 0) {
                throw new IllegalArgumentException("negative byte count");
            }
        }

        /** Uploaded over downloaded; 0 when nothing moved, infinite when uploading what came from elsewhere. */
        public double ratio() {
            if (downloaded == 0) return uploaded == 0 ? 0 : Double.POSITIVE_INFINITY;
            return (double) uploaded / downloaded;
        }
    }

    /**
     * Durations (seconds) and wall-clock times (seconds since the epoch, 0 = never).
     *
     * @param activeSeconds time spent started (downloading or seeding), not paused or queued
     * @param seedingSeconds the part of that time spent complete
     * @param addedAt when the torrent was first added
     * @param completedAt when it last became complete, 0 if never
     */
    public record Times(long activeSeconds, long seedingSeconds, long addedAt, long completedAt) {
        public Times {
            if (activeSeconds < 0 || seedingSeconds < 0 || addedAt < 0 || completedAt < 0) {
                throw new IllegalArgumentException("negative time");
            }
        }
    }

    /**
     * The user's per-torrent settings.
     *
     * @param sequential download pieces in order rather than rarest first
     * @param firstAndLastPieces fetch each wanted file's first and last pieces first (media previews)
     * @param paused stay stopped after a restart
     * @param downloadLimit bytes per second, 0 = no limit
     * @param uploadLimit bytes per second, 0 = no limit
     */
    public record Options(
            boolean sequential, boolean firstAndLastPieces, boolean paused, long downloadLimit, long uploadLimit) {
        public static final Options DEFAULT = new Options(false, false, false, 0, 0);

        public Options {
            if (downloadLimit < 0 || uploadLimit < 0) throw new IllegalArgumentException("negative rate limit");
        }
    }

    /** Whether {@code text} survives a UTF-8 round trip (no lone surrogates) and fits {@code maxBytes}. */
    static boolean fitsUtf8(String text, int maxBytes) {
        return StandardCharsets.UTF_8.newEncoder().canEncode(text)
                && text.getBytes(StandardCharsets.UTF_8).length <= maxBytes;
    }

    private static void checkText(String what, String text) {
        if (text.isEmpty()) throw new IllegalArgumentException("empty " + what);
        if (!fitsUtf8(text, MAX_TEXT_BYTES)) {
            throw new IllegalArgumentException(what + " is not text of at most " + MAX_TEXT_BYTES + " UTF-8 bytes");
        }
    }

    /**
     * Why {@code path} cannot be a renamed file's path, or null if it can: see {@link #renamedPaths()}. Shared with
     * the codec so that a stored record is refused for the same reasons.
     */
    static String pathProblem(List<String> path) {
        if (path.isEmpty() || path.size() > MAX_PATH_DEPTH) {
            return "a path of " + path.size() + " components, not 1.." + MAX_PATH_DEPTH;
        }
        for (String c : path) {
            if (c.toLowerCase(Locale.ROOT).startsWith(".torpeddo-")) return "a path component named like our own files";
            if (!PathSanitizer.sanitizeElement(c).equals(Optional.of(c))) {
                return "a path component that is not a safe file name";
            }
        }
        return null;
    }

    private static Map<Integer, List<String>> checkedRenames(Map<Integer, List<String>> renamed, int fileCount) {
        SortedMap<Integer, List<String>> out = new TreeMap<>();
        long bytes = 0;
        for (Map.Entry<Integer, List<String>> e : renamed.entrySet()) {
            int index = e.getKey();
            if (index < 0 || index >= fileCount) {
                throw new IllegalArgumentException("renamed file " + index + " of " + fileCount);
            }
            List<String> path = List.copyOf(e.getValue());
            String problem = pathProblem(path);
            if (problem != null) throw new IllegalArgumentException("renamed file " + index + ": " + problem);
            bytes += String.join("/", path).getBytes(StandardCharsets.UTF_8).length;
            out.put(index, path);
        }
        if (bytes > MAX_RENAMED_BYTES) {
            throw new IllegalArgumentException("renamed paths of " + bytes + " bytes, more than " + MAX_RENAMED_BYTES);
        }
        return Collections.unmodifiableSortedMap(out);
    }

    /** Whether the stored form of {@code url} reads back as the same URL. */
    static boolean isStorable(URI url) {
        String text = url.toString();
        return fitsUtf8(text, MAX_URL_BYTES) && AnnounceUrl.tracker(text).equals(Optional.of(url));
    }

    private static List<List<URI>> usableTiers(List<List<URI>> tiers) {
        List<List<URI>> out = new ArrayList<>();
        int count = 0;
        for (List<URI> tier : tiers) {
            List<URI> kept = new ArrayList<>();
            for (URI url : tier) {
                if (count < MAX_TRACKERS && isStorable(url)) {
                    kept.add(url);
                    count++;
                }
            }
            if (!kept.isEmpty()) out.add(List.copyOf(kept));
        }
        return List.copyOf(out);
    }

    private static List<InetSocketAddress> usablePeers(List<InetSocketAddress> peers) {
        Set<InetSocketAddress> v4 = new LinkedHashSet<>();
        Set<InetSocketAddress> v6 = new LinkedHashSet<>();
        for (InetSocketAddress peer : peers) {
            if (v4.size() + v6.size() == MAX_PEERS) break;
            if (peer.isUnresolved() || peer.getPort() == 0) continue;
            InetSocketAddress plain =
                    new InetSocketAddress(address(peer.getAddress().getAddress()), peer.getPort());
            (plain.getAddress() instanceof Inet4Address ? v4 : v6).add(plain);
        }
        List<InetSocketAddress> out = new ArrayList<>(v4);
        out.addAll(v6);
        return List.copyOf(out);
    }

    /** The address its bytes give: no scope, no host name, IPv4-mapped IPv6 as IPv4. */
    static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException impossible) {
            throw new AssertionError(impossible); // only for lengths other than 4 and 16
        }
    }
}
