package dev.torpeddo.engine.metainfo;

import dev.torpeddo.engine.bencode.BBytes;
import dev.torpeddo.engine.bencode.BDict;
import dev.torpeddo.engine.bencode.BEncoder;
import dev.torpeddo.engine.bencode.BList;
import dev.torpeddo.engine.bencode.BValue;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Creates v1 .torrent files from a file or a directory:
 *
 * <pre>{@code
 * byte[] torrent = TorrentBuilder.from(dir).pieceLength(16384).tracker("http://127.0.0.1:6969/announce").build();
 * Metainfo meta = TorrentBuilder.from(file).buildMetainfo();
 * }</pre>
 *
 * A directory contributes its regular files (symbolic links are skipped), sorted by path, zero-length files
 * included. The output is deterministic: no creation date is written, so the same content and options give
 * the same info-hash.
 */
public final class TorrentBuilder {
    private static final int MIN_PIECE_LENGTH = 16 << 10;
    private static final int MAX_PIECE_LENGTH = 16 << 20;
    private static final int TARGET_PIECES = 1500;

    private final Path source;
    private String name;
    private int pieceLength; // 0: choose from the total size
    private final List<List<URI>> tiers = new ArrayList<>();
    private final List<URI> webSeeds = new ArrayList<>();
    private boolean isPrivate;
    private String comment;
    private String createdBy;
    private int hashThreads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    private TorrentBuilder(Path source) {
        this.source = Objects.requireNonNull(source);
        Path fileName = source.toAbsolutePath().normalize().getFileName();
        this.name = fileName == null ? "torrent" : fileName.toString();
    }

    /** Starts a torrent of {@code source}, a regular file (single-file torrent) or a directory (multi-file). */
    public static TorrentBuilder from(Path source) {
        return new TorrentBuilder(source);
    }

    /** The torrent's name; defaults to the source's file name. */
    public TorrentBuilder name(String name) {
        this.name = Objects.requireNonNull(name);
        return this;
    }

    /** Bytes per piece; any positive value is written, though powers of two are customary. */
    public TorrentBuilder pieceLength(int pieceLength) {
        if (pieceLength <= 0) throw new IllegalArgumentException("piece length must be positive");
        this.pieceLength = pieceLength;
        return this;
    }

    /** Adds a tier holding this one tracker. */
    public TorrentBuilder tracker(URI announce) {
        return trackerTier(List.of(announce));
    }

    public TorrentBuilder tracker(String announce) {
        return tracker(URI.create(announce));
    }

    /** Adds a tier of trackers tried in order (BEP 12). */
    public TorrentBuilder trackerTier(List<URI> tier) {
        if (tier.isEmpty()) throw new IllegalArgumentException("empty tracker tier");
        tiers.add(List.copyOf(tier));
        return this;
    }

    /** Sets the BEP 27 private flag. */
    public TorrentBuilder privateFlag(boolean isPrivate) {
        this.isPrivate = isPrivate;
        return this;
    }

    public TorrentBuilder comment(String comment) {
        this.comment = comment;
        return this;
    }

    public TorrentBuilder createdBy(String createdBy) {
        this.createdBy = createdBy;
        return this;
    }

    /** Adds a BEP 19 web seed. */
    public TorrentBuilder webSeed(URI url) {
        webSeeds.add(Objects.requireNonNull(url));
        return this;
    }

    /** How many threads hash pieces; 1 hashes on the calling thread. */
    public TorrentBuilder hashThreads(int threads) {
        if (threads < 1) throw new IllegalArgumentException("need at least one hashing thread");
        this.hashThreads = threads;
        return this;
    }

    /**
     * A power of two between 16 KiB and 16 MiB giving roughly 1500 pieces for {@code totalLength} bytes.
     */
    public static int defaultPieceLength(long totalLength) {
        long target = Math.max(1, totalLength / TARGET_PIECES);
        long pow = Long.highestOneBit(target);
        return Math.clamp(pow, MIN_PIECE_LENGTH, MAX_PIECE_LENGTH);
    }

    /** Reads and hashes the content and returns the bencoded .torrent. */
    public byte[] build() throws IOException {
        List<SourceFile> files = listFiles();
        long total = 0;
        for (SourceFile f : files) total = Math.addExact(total, f.length());
        if (total == 0) throw new IllegalArgumentException("nothing to share: " + source + " holds 0 bytes");
        int pl = pieceLength > 0 ? pieceLength : defaultPieceLength(total);

        BDict.Builder info = BDict.builder().put("name", name).put("piece length", pl);
        info.put("pieces", hashPieces(files, total, pl));
        if (Files.isDirectory(source)) {
            List<BValue> entries = new ArrayList<>();
            for (SourceFile f : files) {
                entries.add(BDict.builder()
                        .put("length", f.length())
                        .put(
                                "path",
                                new BList(f.components().stream()
                                        .<BValue>map(BBytes::of)
                                        .toList()))
                        .build());
            }
            info.put("files", new BList(entries));
        } else {
            info.put("length", total);
        }
        if (isPrivate) info.put("private", 1);

        BDict.Builder root = BDict.builder().put("info", info.build());
        if (!tiers.isEmpty()) {
            root.put("announce", tiers.getFirst().getFirst().toString());
            root.put(
                    "announce-list",
                    new BList(tiers.stream()
                            .<BValue>map(t -> new BList(t.stream()
                                    .<BValue>map(u -> BBytes.of(u.toString()))
                                    .toList()))
                            .toList()));
        }
        if (!webSeeds.isEmpty()) {
            root.put(
                    "url-list",
                    new BList(webSeeds.stream()
                            .<BValue>map(u -> BBytes.of(u.toString()))
                            .toList()));
        }
        if (comment != null) root.put("comment", comment);
        if (createdBy != null) root.put("created by", createdBy);
        return BEncoder.encode(root.build());
    }

    /** {@link #build()} and parse the result, for callers that want both the bytes' meaning and its hash. */
    public Metainfo buildMetainfo() throws IOException {
        byte[] torrent = build();
        try {
            return MetainfoParser.parse(torrent);
        } catch (MetainfoException e) {
            throw new IllegalStateException("built an unusable torrent: " + e.getMessage(), e);
        }
    }

    private record SourceFile(Path path, List<String> components, long length) {}

    private List<SourceFile> listFiles() throws IOException {
        if (Files.isRegularFile(source)) return List.of(new SourceFile(source, List.of(), Files.size(source)));
        if (!Files.isDirectory(source)) throw new IOException("not a file or directory: " + source);
        List<SourceFile> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) continue;
                List<String> components = new ArrayList<>();
                for (Path c : source.relativize(p)) components.add(c.toString());
                files.add(new SourceFile(p, components, Files.size(p)));
            }
        }
        if (files.isEmpty()) throw new IllegalArgumentException("nothing to share: no files under " + source);
        files.sort(Comparator.comparing(SourceFile::components, TorrentBuilder::compareComponents));
        return files;
    }

    private static int compareComponents(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) return c;
        }
        return Integer.compare(a.size(), b.size());
    }

    /** Reads the files as one stream cut into pieces; hashing runs on a bounded pool with bounded lookahead. */
    private byte[] hashPieces(List<SourceFile> files, long total, int pl) throws IOException {
        int pieces = Math.toIntExact((total - 1) / pl + 1);
        byte[] out = new byte[pieces * 20];
        ExecutorService pool = hashThreads > 1 ? Executors.newFixedThreadPool(hashThreads) : null;
        Deque<Future<byte[]>> inFlight = new ArrayDeque<>();
        int written = 0;
        try {
            byte[] buf = new byte[(int) Math.min(pl, total)];
            int filled = 0;
            for (SourceFile f : files) {
                try (InputStream in = Files.newInputStream(f.path())) {
                    long left = f.length();
                    while (left > 0) {
                        int n = in.read(buf, filled, (int) Math.min(buf.length - filled, left));
                        if (n < 0) throw new IOException(f.path() + " shrank while it was being hashed");
                        filled += n;
                        left -= n;
                        if (filled == buf.length) {
                            written = submit(pool, inFlight, buf, filled, out, written);
                            filled = 0;
                        }
                    }
                }
            }
            if (filled > 0) written = submit(pool, inFlight, buf, filled, out, written);
            while (!inFlight.isEmpty()) written = collect(inFlight, out, written);
        } finally {
            if (pool != null) pool.shutdownNow();
        }
        return out;
    }

    private int submit(
            ExecutorService pool, Deque<Future<byte[]>> inFlight, byte[] buf, int len, byte[] out, int written)
            throws IOException {
        byte[] piece = Arrays.copyOf(buf, len);
        if (pool == null) {
            System.arraycopy(MetainfoParser.sha1(piece), 0, out, written, 20);
            return written + 20;
        }
        inFlight.add(pool.submit(() -> MetainfoParser.sha1(piece)));
        // Bound memory: never more than a few pieces per thread waiting to be hashed.
        while (inFlight.size() > 2 * hashThreads) written = collect(inFlight, out, written);
        return written;
    }

    private static int collect(Deque<Future<byte[]>> inFlight, byte[] out, int written) throws IOException {
        try {
            System.arraycopy(inFlight.removeFirst().get(), 0, out, written, 20);
            return written + 20;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while hashing", e);
        } catch (ExecutionException e) {
            throw new IOException("hashing failed", e.getCause());
        }
    }
}
