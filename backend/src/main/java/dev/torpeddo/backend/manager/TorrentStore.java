package dev.torpeddo.backend.manager;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;

/**
 * The torrents directory: per torrent {@code <id>.torrent} (its metainfo, once known) and {@code <id>.json} (its
 * {@link TorrentRecord}). Writes go through one background thread in the order they were asked for, later
 * writes of the same record replacing earlier ones not yet done, so callers never wait for the disk; each file
 * is replaced atomically ({@link AtomicFile}). {@link #flush()} waits until everything asked is on disk.
 */
public final class TorrentStore implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(TorrentStore.class.getName());
    private static final Pattern RECORD = Pattern.compile("([0-9a-f]{40})\\.json");
    private static final long MAX_TORRENT_FILE = 64L << 20;
    private static final long MAX_RECORD = 64L << 20;

    private final Path dir;
    /** Per file name: the bytes to write, or null to delete it. Insertion order is the order of requests. */
    private final LinkedHashMap<String, byte[]> pending = new LinkedHashMap<>();

    private final Thread writer;
    private boolean closed;
    private int inFlight;
    private Optional<String> lastFailure = Optional.empty();

    public TorrentStore(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
        writer = Thread.ofVirtual().name("torpeddo-store").start(this::writeLoop);
    }

    /** One torrent as found on disk. */
    public sealed interface Stored {
        String id();

        /** The {@code .torrent} data if the file is there (not checked here). */
        Optional<byte[]> torrentFile();
    }

    public record Found(TorrentRecord record, Optional<byte[]> torrentFile) implements Stored {
        @Override
        public String id() {
            return record.id();
        }
    }

    /** A record that cannot be used (truncated, empty, garbage, for another torrent); the problem says which. */
    public record Damaged(String id, Optional<byte[]> torrentFile, String problem) implements Stored {}

    /** Every torrent in the directory, records that load in queue order first, then the damaged ones. */
    public List<Stored> loadAll() throws IOException {
        List<Found> found = new ArrayList<>();
        List<Stored> damaged = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
            for (Path file : files) {
                var m = RECORD.matcher(file.getFileName().toString());
                if (!m.matches()) continue;
                String id = m.group(1);
                Optional<byte[]> torrent = readTorrentFile(id);
                try {
                    TorrentRecord r = decode(read(file, MAX_RECORD));
                    if (!r.id().equals(id)) throw new IllegalArgumentException("it is the record of " + r.id());
                    found.add(new Found(r, torrent));
                } catch (IOException | IllegalArgumentException | JacksonException e) {
                    damaged.add(new Damaged(id, torrent, "resume record unusable: " + message(e)));
                }
            }
        }
        found.sort(java.util.Comparator.comparingLong((Found f) -> f.record().queuePosition())
                .thenComparingLong(f -> f.record().addedAt()));
        List<Stored> all = new ArrayList<>(found);
        all.addAll(damaged);
        return all;
    }

    private Optional<byte[]> readTorrentFile(String id) {
        try {
            return Optional.of(read(dir.resolve(id + ".torrent"), MAX_TORRENT_FILE));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot read {0}.torrent: {1}", id, e.getMessage());
            return Optional.empty();
        }
    }

    private static byte[] read(Path file, long max) throws IOException {
        long size = Files.size(file);
        if (size > max) throw new IOException(file.getFileName() + " is too large (" + size + " bytes)");
        return Files.readAllBytes(file);
    }

    static TorrentRecord decode(byte[] bytes) {
        if (bytes.length == 0) throw new IllegalArgumentException("the file is empty");
        return SettingsFile.JSON.readValue(bytes, TorrentRecord.class);
    }

    static byte[] encode(TorrentRecord record) {
        return SettingsFile.JSON.writeValueAsBytes(record);
    }

    private static String message(Exception e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** Queues the record to be written; returns at once. */
    public void save(TorrentRecord record) {
        enqueue(record.id() + ".json", encode(record));
    }

    /** Queues the torrent's metainfo to be written; returns at once. */
    public void saveTorrentFile(String id, byte[] torrent) {
        enqueue(id + ".torrent", torrent.clone());
    }

    /** Queues the deletion of both files; returns at once. A later {@link #save} brings the record back. */
    public void delete(String id) {
        synchronized (pending) {
            put(id + ".json", null);
            put(id + ".torrent", null);
            pending.notifyAll();
        }
    }

    private void enqueue(String name, byte[] bytes) {
        synchronized (pending) {
            if (closed) throw new IllegalStateException("store is closed");
            put(name, bytes);
            pending.notifyAll();
        }
    }

    private void put(String name, byte[] bytes) {
        pending.remove(name); // a replaced request moves to the end: it is the newest
        pending.put(name, bytes);
    }

    /** Waits until every write asked for so far is done (or failed). */
    public void flush() throws InterruptedException {
        synchronized (pending) {
            while (!pending.isEmpty() || inFlight > 0) pending.wait();
        }
    }

    /** The last write that failed, if any since the store opened (for the status page). */
    public Optional<String> lastFailure() {
        synchronized (pending) {
            return lastFailure;
        }
    }

    private void writeLoop() {
        while (true) {
            Map.Entry<String, byte[]> next;
            synchronized (pending) {
                while (pending.isEmpty() && !closed) {
                    try {
                        pending.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (pending.isEmpty()) return;
                var it = pending.entrySet().iterator();
                next = it.next();
                it.remove();
                inFlight++;
            }
            Path file = dir.resolve(next.getKey());
            try {
                if (next.getValue() == null) {
                    Files.deleteIfExists(file);
                    AtomicFile.syncDirectory(dir);
                } else {
                    AtomicFile.write(file, next.getValue());
                }
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot write {0}: {1}", file, e.getMessage());
                synchronized (pending) {
                    lastFailure = Optional.of("cannot write " + file + ": " + e.getMessage());
                }
            } finally {
                synchronized (pending) {
                    inFlight--;
                    pending.notifyAll();
                }
            }
        }
    }

    /** Finishes every write asked for, then stops the writer. */
    @Override
    public void close() {
        synchronized (pending) {
            closed = true;
            pending.notifyAll();
        }
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
