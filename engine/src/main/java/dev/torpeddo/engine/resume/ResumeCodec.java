package dev.torpeddo.engine.resume;

import dev.torpeddo.engine.bencode.BBytes;
import dev.torpeddo.engine.bencode.BDecoder;
import dev.torpeddo.engine.bencode.BDict;
import dev.torpeddo.engine.bencode.BEncoder;
import dev.torpeddo.engine.bencode.BInt;
import dev.torpeddo.engine.bencode.BList;
import dev.torpeddo.engine.bencode.BValue;
import dev.torpeddo.engine.bencode.BencodeException;
import dev.torpeddo.engine.bencode.BencodeLimits;
import dev.torpeddo.engine.internal.Bitfield;
import dev.torpeddo.engine.metainfo.AnnounceUrl;
import dev.torpeddo.engine.metainfo.InfoHash;
import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Stores a {@link ResumeRecord} as one bencoded dictionary. The key names follow libtorrent's
 * {@code .fastresume} where one fits, but the format is our own:
 *
 * <pre>
 * file-format          "torpeddo resume"
 * file-version         1 ({@link ResumeRecord#FORMAT_VERSION})
 * info-hash            20 bytes
 * piece-count          integer, 0..{@link ResumeRecord#MAX_PIECES}
 * pieces               the verified-and-flushed pieces as a BEP 3 bitfield: ceil(piece-count / 8) bytes,
 *                      bit 7 of byte 0 is piece 0, spare bits zero
 * file-priority        one byte per file (1..{@link ResumeRecord#MAX_FILES} files), each 0..7
 * file-state           16 bytes per file, as many as priorities: size, then modification time in nanoseconds
 *                      since the epoch, both signed 64-bit big-endian; size -1 and time 0 mean "absent"
 * part-file-state      16 bytes, the same for the torrent's part file
 * total-uploaded, total-downloaded, total-wasted            integers, bytes, >= 0
 * active-time, seeding-time                                 integers, seconds, >= 0
 * added-time, completed-time                                integers, seconds since the epoch, 0 = never
 * sequential-download, first-last-pieces, paused            integers, 0 or 1
 * download-rate-limit, upload-rate-limit                    integers, bytes per second, 0 = none
 * save-path            UTF-8, 1..4096 bytes
 * trackers             a list of tiers, each a non-empty list of tracker URLs (UTF-8), at most 500 in all
 * peers                6 bytes per IPv4 peer (address, port; big-endian)
 * peers6               18 bytes per IPv6 peer; at most 500 peers in both together
 * name                 UTF-8, 1..4096 bytes; absent when the torrent has no name of the user's
 * renamed-paths        a list of [file index, path] pairs, indexes strictly increasing and below the file count,
 *                      the path's components joined with '/' (UTF-8); absent when no file was renamed
 * </pre>
 *
 * <p>Every key but {@code name} and {@code renamed-paths} is required. Keys this version does not know are ignored, so that a later
 * version can add optional ones without changing {@code file-version}.
 *
 * <p>Decoding is strict: it accepts only what {@link #encode} could have written (apart from key order and
 * unknown keys) and reads at most {@link #MAX_BYTES}, so a truncated, corrupt or hostile file fails with a
 * {@link ResumeException} saying why, never with anything else. Round trip: {@code decode(encode(r))} equals
 * {@code r}.
 */
public final class ResumeCodec {
    /**
     * The largest record read, above the largest one {@link #encode} can write (about 26 MB, most of it file states
     * and renamed paths of a torrent with the most files, all renamed).
     */
    public static final int MAX_BYTES = 32 << 20;

    static final String FORMAT = "torpeddo resume";
    private static final int FILE_STATE_BYTES = 16;
    private static final int V4 = 6;
    private static final int V6 = 18;
    // Depth 3: the dictionary, the tracker list (or the renamed-paths list), a tier (or a pair). Tokens: the keys
    // and values, plus a tier and a URL per tracker and a pair, an index and a path per file at most, with room for
    // keys of later versions.
    private static final BDecoder DECODER = new BDecoder(new BencodeLimits(
            3, 2 * ResumeRecord.MAX_TRACKERS + 3 * ResumeRecord.MAX_FILES + 1024, MAX_BYTES, MAX_BYTES));

    private ResumeCodec() {}

    public static byte[] encode(ResumeRecord r) {
        List<FileState> files = r.disk().files();
        byte[] priorities = new byte[files.size()];
        ByteBuffer states = ByteBuffer.allocate(files.size() * FILE_STATE_BYTES);
        for (int i = 0; i < files.size(); i++) {
            priorities[i] = r.filePriorities().get(i).byteValue();
            putState(states, files.get(i));
        }
        ByteBuffer partFile = ByteBuffer.allocate(FILE_STATE_BYTES);
        putState(partFile, r.disk().partFile());
        ByteArrayOutputStream peers = new ByteArrayOutputStream();
        ByteArrayOutputStream peers6 = new ByteArrayOutputStream();
        for (InetSocketAddress peer : r.peers()) {
            ByteArrayOutputStream out = peer.getAddress() instanceof Inet4Address ? peers : peers6;
            out.writeBytes(peer.getAddress().getAddress());
            out.write(peer.getPort() >> 8);
            out.write(peer.getPort() & 0xff);
        }
        List<BValue> tiers = new ArrayList<>();
        for (List<URI> tier : r.trackerTiers()) {
            tiers.add(new BList(
                    tier.stream().<BValue>map(u -> BBytes.of(u.toString())).toList()));
        }
        ResumeRecord.Totals totals = r.totals();
        ResumeRecord.Times times = r.times();
        ResumeRecord.Options options = r.options();
        BDict.Builder dict = BDict.builder()
                .put("file-format", FORMAT)
                .put("file-version", ResumeRecord.FORMAT_VERSION)
                .put("info-hash", r.infoHash().bytes())
                .put("piece-count", r.pieceCount())
                .put("pieces", r.pieces().toWire())
                .put("file-priority", priorities)
                .put("file-state", states.array())
                .put("part-file-state", partFile.array())
                .put("total-uploaded", totals.uploaded())
                .put("total-downloaded", totals.downloaded())
                .put("total-wasted", totals.wasted())
                .put("active-time", times.activeSeconds())
                .put("seeding-time", times.seedingSeconds())
                .put("added-time", times.addedAt())
                .put("completed-time", times.completedAt())
                .put("sequential-download", options.sequential() ? 1 : 0)
                .put("first-last-pieces", options.firstAndLastPieces() ? 1 : 0)
                .put("paused", options.paused() ? 1 : 0)
                .put("download-rate-limit", options.downloadLimit())
                .put("upload-rate-limit", options.uploadLimit())
                .put("save-path", r.savePath())
                .put("trackers", new BList(tiers))
                .put("peers", peers.toByteArray())
                .put("peers6", peers6.toByteArray());
        r.name().ifPresent(name -> dict.put("name", name));
        if (!r.renamedPaths().isEmpty()) {
            List<BValue> pairs = new ArrayList<>();
            r.renamedPaths()
                    .forEach((index, path) ->
                            pairs.add(new BList(List.of(new BInt(index), BBytes.of(String.join("/", path))))));
            dict.put("renamed-paths", new BList(pairs));
        }
        return BEncoder.encode(dict.build());
    }

    /** Reads a record; fails with a one-line reason if it is anything but what {@link #encode} writes. */
    public static ResumeRecord decode(byte[] data) throws ResumeException {
        if (data.length > MAX_BYTES) {
            throw new ResumeException("resume record of " + data.length + " bytes exceeds the limit of " + MAX_BYTES);
        }
        BValue value;
        try {
            value = DECODER.decode(data);
        } catch (BencodeException e) {
            throw new ResumeException("resume record is not valid bencode: " + e.getMessage());
        }
        if (!(value instanceof BDict d)) {
            throw new ResumeException("resume record is " + value.typeName() + ", expected a dictionary");
        }
        if (!BBytes.of(FORMAT).equals(required(d, "file-format", BBytes.class))) {
            throw new ResumeException("not a Torpeddo resume record (file-format)");
        }
        long version = integer(d, "file-version", 0, Long.MAX_VALUE);
        if (version != ResumeRecord.FORMAT_VERSION) {
            throw new ResumeException(
                    "resume record version " + version + ", this build reads " + ResumeRecord.FORMAT_VERSION);
        }
        byte[] hash = bytes(d, "info-hash");
        if (hash.length != InfoHash.LENGTH) {
            throw new ResumeException("info-hash of " + hash.length + " bytes, expected " + InfoHash.LENGTH);
        }
        int pieceCount = (int) integer(d, "piece-count", 0, ResumeRecord.MAX_PIECES);
        Bitfield pieces;
        try {
            pieces = Bitfield.fromWire(bytes(d, "pieces"), pieceCount);
        } catch (IllegalArgumentException e) {
            throw new ResumeException("pieces: " + e.getMessage());
        }
        byte[] states = bytes(d, "file-state");
        if (states.length % FILE_STATE_BYTES != 0) {
            throw new ResumeException(
                    "file-state of " + states.length + " bytes is not a multiple of " + FILE_STATE_BYTES);
        }
        int fileCount = states.length / FILE_STATE_BYTES;
        if (fileCount < 1 || fileCount > ResumeRecord.MAX_FILES) {
            throw new ResumeException(fileCount + " files, not in 1.." + ResumeRecord.MAX_FILES);
        }
        byte[] priorityBytes = bytes(d, "file-priority");
        if (priorityBytes.length != fileCount) {
            throw new ResumeException(priorityBytes.length + " file priorities for " + fileCount + " files");
        }
        List<Integer> priorities = new ArrayList<>(fileCount);
        List<FileState> files = new ArrayList<>(fileCount);
        ByteBuffer stateBuffer = ByteBuffer.wrap(states);
        for (int i = 0; i < fileCount; i++) {
            int p = priorityBytes[i];
            if (p < 0 || p > ResumeRecord.MAX_PRIORITY) {
                throw new ResumeException(
                        "file " + i + " has priority " + p + ", not in 0.." + ResumeRecord.MAX_PRIORITY);
            }
            priorities.add(p);
            files.add(state(stateBuffer, "file " + i));
        }
        byte[] partFile = bytes(d, "part-file-state");
        if (partFile.length != FILE_STATE_BYTES) {
            throw new ResumeException("part-file-state of " + partFile.length + " bytes, expected " + FILE_STATE_BYTES);
        }
        DiskSnapshot disk = new DiskSnapshot(files, state(ByteBuffer.wrap(partFile), "the part file"));
        ResumeRecord.Totals totals = new ResumeRecord.Totals(
                count(d, "total-uploaded"), count(d, "total-downloaded"), count(d, "total-wasted"));
        ResumeRecord.Times times = new ResumeRecord.Times(
                count(d, "active-time"), count(d, "seeding-time"), count(d, "added-time"), count(d, "completed-time"));
        ResumeRecord.Options options = new ResumeRecord.Options(
                flag(d, "sequential-download"),
                flag(d, "first-last-pieces"),
                flag(d, "paused"),
                count(d, "download-rate-limit"),
                count(d, "upload-rate-limit"));
        String savePath = text(d, "save-path");
        Optional<String> name = d.containsKey("name") ? Optional.of(text(d, "name")) : Optional.empty();
        List<List<URI>> trackers = trackers(required(d, "trackers", BList.class));
        List<InetSocketAddress> peers = peers(bytes(d, "peers"), bytes(d, "peers6"));
        Map<Integer, List<String>> renamed = d.containsKey("renamed-paths")
                ? renamedPaths(required(d, "renamed-paths", BList.class), fileCount)
                : Map.of();
        try {
            return new ResumeRecord(
                    new InfoHash(hash),
                    pieces,
                    priorities,
                    disk,
                    totals,
                    times,
                    options,
                    savePath,
                    trackers,
                    peers,
                    name,
                    renamed);
        } catch (IllegalArgumentException e) {
            // Every field was checked above; this is a last guard so that a missed case is still a refusal.
            throw new ResumeException("inconsistent resume record: " + e.getMessage());
        }
    }

    private static void putState(ByteBuffer out, FileState state) {
        switch (state) {
            case FileState.Present p -> out.putLong(p.size()).putLong(p.modifiedNanos());
            case FileState.Absent a -> out.putLong(-1).putLong(0);
        }
    }

    private static FileState state(ByteBuffer in, String what) throws ResumeException {
        long size = in.getLong();
        long modified = in.getLong();
        if (size >= 0) return new FileState.Present(size, modified);
        if (size == -1 && modified == 0) return FileState.ABSENT;
        throw new ResumeException(what + " has size " + size + " and time " + modified);
    }

    private static List<List<URI>> trackers(BList list) throws ResumeException {
        List<List<URI>> tiers = new ArrayList<>();
        int count = 0;
        for (BValue tierValue : list.items()) {
            if (!(tierValue instanceof BList tier)) {
                throw new ResumeException("a tracker tier is " + tierValue.typeName() + ", expected a list");
            }
            if (tier.items().isEmpty()) throw new ResumeException("an empty tracker tier");
            count += tier.size();
            if (count > ResumeRecord.MAX_TRACKERS) {
                throw new ResumeException("more than " + ResumeRecord.MAX_TRACKERS + " trackers");
            }
            List<URI> urls = new ArrayList<>();
            for (BValue urlValue : tier.items()) {
                if (!(urlValue instanceof BBytes b)) {
                    throw new ResumeException("a tracker is " + urlValue.typeName() + ", expected a string");
                }
                String text = utf8(b, "a tracker URL");
                Optional<URI> url = AnnounceUrl.tracker(text);
                if (url.isEmpty() || !url.get().toString().equals(text) || !ResumeRecord.isStorable(url.get())) {
                    throw new ResumeException("a tracker URL Torpeddo does not accept");
                }
                urls.add(url.get());
            }
            tiers.add(urls);
        }
        return tiers;
    }

    private static Map<Integer, List<String>> renamedPaths(BList list, int fileCount) throws ResumeException {
        if (list.items().isEmpty()) throw new ResumeException("renamed-paths is empty (it is left out instead)");
        Map<Integer, List<String>> out = new TreeMap<>();
        long previous = -1;
        long bytes = 0;
        for (BValue item : list.items()) {
            if (!(item instanceof BList pair)
                    || pair.size() != 2
                    || !(pair.items().get(0) instanceof BInt index)
                    || !(pair.items().get(1) instanceof BBytes path)) {
                throw new ResumeException("a renamed path is not an [index, path] pair");
            }
            if (index.value() <= previous || index.value() >= fileCount) {
                throw new ResumeException("renamed file " + index.value() + " out of order or not below " + fileCount);
            }
            previous = index.value();
            bytes += path.length();
            if (bytes > ResumeRecord.MAX_RENAMED_BYTES) {
                throw new ResumeException("renamed paths longer than " + ResumeRecord.MAX_RENAMED_BYTES + " bytes");
            }
            List<String> components = List.of(utf8(path, "a renamed path").split("/", -1));
            String problem = ResumeRecord.pathProblem(components);
            if (problem != null) throw new ResumeException("renamed file " + index.value() + " has " + problem);
            out.put((int) index.value(), components);
        }
        return out;
    }

    private static List<InetSocketAddress> peers(byte[] v4, byte[] v6) throws ResumeException {
        if (v4.length % V4 != 0) throw new ResumeException("peers of " + v4.length + " bytes, not a multiple of 6");
        if (v6.length % V6 != 0) throw new ResumeException("peers6 of " + v6.length + " bytes, not a multiple of 18");
        int count = v4.length / V4 + v6.length / V6;
        if (count > ResumeRecord.MAX_PEERS) {
            throw new ResumeException(count + " peers, more than " + ResumeRecord.MAX_PEERS);
        }
        List<InetSocketAddress> peers = new ArrayList<>(count);
        Set<InetSocketAddress> seen = new HashSet<>();
        readPeers(v4, V4, peers, seen);
        readPeers(v6, V6, peers, seen);
        return peers;
    }

    private static void readPeers(byte[] compact, int entry, List<InetSocketAddress> into, Set<InetSocketAddress> seen)
            throws ResumeException {
        byte[] ip = new byte[entry - 2];
        for (int at = 0; at < compact.length; at += entry) {
            System.arraycopy(compact, at, ip, 0, ip.length);
            int port = (compact[at + ip.length] & 0xff) << 8 | (compact[at + ip.length + 1] & 0xff);
            if (port == 0) throw new ResumeException("a peer with port 0");
            InetAddress address = ResumeRecord.address(ip);
            if (entry == V6 && address instanceof Inet4Address) {
                throw new ResumeException("an IPv4-mapped address among the IPv6 peers");
            }
            InetSocketAddress peer = new InetSocketAddress(address, port);
            if (!seen.add(peer)) throw new ResumeException("peer " + peer + " listed twice");
            into.add(peer);
        }
    }

    private static <T extends BValue> T required(BDict d, String key, Class<T> type) throws ResumeException {
        BValue v = d.get(key).orElseThrow(() -> new ResumeException("resume record has no " + key));
        if (!type.isInstance(v)) throw new ResumeException(key + " is " + v.typeName());
        return type.cast(v);
    }

    private static byte[] bytes(BDict d, String key) throws ResumeException {
        return required(d, key, BBytes.class).bytes();
    }

    private static long integer(BDict d, String key, long min, long max) throws ResumeException {
        long v = required(d, key, BInt.class).value();
        if (v < min || v > max) throw new ResumeException(key + " is " + v + ", not in " + min + ".." + max);
        return v;
    }

    private static long count(BDict d, String key) throws ResumeException {
        return integer(d, key, 0, Long.MAX_VALUE);
    }

    private static boolean flag(BDict d, String key) throws ResumeException {
        return integer(d, key, 0, 1) == 1;
    }

    private static String text(BDict d, String key) throws ResumeException {
        BBytes b = required(d, key, BBytes.class);
        if (b.length() == 0 || b.length() > ResumeRecord.MAX_TEXT_BYTES) {
            throw new ResumeException(key + " of " + b.length() + " bytes, not 1.." + ResumeRecord.MAX_TEXT_BYTES);
        }
        return utf8(b, key);
    }

    private static String utf8(BBytes b, String what) throws ResumeException {
        try {
            return b.asString();
        } catch (BencodeException e) {
            throw new ResumeException(what + " is not valid UTF-8");
        }
    }
}
