package dev.torpeddo.engine.storage;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * A bounded, least-recently-used set of open file channels, keyed by file index. Torrents can have many
 * thousands of files and the process only a limited number of descriptors, so only the most recently used
 * ones stay open. Channels are handed out as leases: one evicted while another thread is mid-transfer is
 * closed only when that lease ends, so the bound can be exceeded briefly by the number of concurrent users.
 */
final class OpenFileCache {
    private static final System.Logger LOG = System.getLogger(OpenFileCache.class.getName());

    /** Opens the channel for a key, or returns null when there is nothing to open (an absent file). */
    interface Opener {
        FileChannel open() throws IOException;
    }

    private static final class Entry {
        final FileChannel channel;
        int users;
        boolean retired;

        Entry(FileChannel channel) {
            this.channel = channel;
        }
    }

    /** Use of one channel; closing the lease releases it (it does not close the channel). */
    final class Lease implements AutoCloseable {
        private final Entry entry;

        private Lease(Entry entry) {
            this.entry = entry;
        }

        FileChannel channel() {
            return entry.channel;
        }

        @Override
        public void close() {
            release(entry);
        }
    }

    private final int capacity;
    private final LinkedHashMap<Integer, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private boolean closed;

    OpenFileCache(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be positive: " + capacity);
        this.capacity = capacity;
    }

    /**
     * Leases the channel for {@code key}, opening it with {@code opener} if not cached; null if the opener
     * found nothing to open. Opening happens under the cache lock: opens are rare, and this keeps two threads
     * from opening the same file twice.
     */
    synchronized Lease acquire(int key, Opener opener) throws IOException {
        if (closed) throw new StorageException("storage is closed");
        Entry e = entries.get(key);
        if (e != null && !e.channel.isOpen()) {
            // An interrupted transfer closes the channel (ClosedByInterruptException); reopen transparently.
            entries.remove(key);
            e.retired = true;
            e = null;
        }
        if (e == null) {
            FileChannel channel = opener.open();
            if (channel == null) return null;
            e = new Entry(channel);
            entries.put(key, e);
            evictBeyondCapacity();
        }
        e.users++;
        return new Lease(e);
    }

    /** Whether a channel for {@code key} is currently cached. */
    synchronized boolean isOpen(int key) {
        Entry e = entries.get(key);
        return e != null && e.channel.isOpen();
    }

    /** How many channels the cache holds (for tests of the bound). */
    synchronized int openCount() {
        return entries.size();
    }

    /** Forces every cached channel's content to the device. */
    void forceAll() throws IOException {
        List<Lease> leases = new ArrayList<>();
        synchronized (this) {
            for (Entry e : entries.values()) {
                e.users++;
                leases.add(new Lease(e));
            }
        }
        IOException failure = null;
        for (Lease lease : leases) {
            try (lease) {
                if (lease.channel().isOpen()) lease.channel().force(false);
            } catch (IOException e) {
                if (failure == null) failure = e;
            }
        }
        if (failure != null) throw failure;
    }

    /** Closes idle channels now and busy ones when their lease ends; further acquires fail. */
    synchronized void close() {
        closed = true;
        retireAll();
    }

    /**
     * Forgets the channel of {@code key}, closing it now or when its lease ends: its file is about to be renamed,
     * and the next acquire must open the new name.
     */
    synchronized void retire(int key) {
        Entry e = entries.remove(key);
        if (e != null) retire(e);
    }

    /** {@link #retire(int)} for every key: the files are about to move. */
    synchronized void retireAll() {
        for (Entry e : entries.values()) retire(e);
        entries.clear();
    }

    private void retire(Entry e) {
        e.retired = true;
        if (e.users == 0) closeQuietly(e);
    }

    private synchronized void release(Entry e) {
        e.users--;
        if (e.retired && e.users == 0) closeQuietly(e);
    }

    private void evictBeyondCapacity() {
        var it = entries.values().iterator();
        while (entries.size() > capacity && it.hasNext()) {
            Entry eldest = it.next();
            it.remove();
            retire(eldest);
        }
    }

    private static void closeQuietly(Entry e) {
        try {
            e.channel.close();
        } catch (IOException ex) {
            // Data was already handed to the OS; a failing close leaves nothing for the caller to do.
            LOG.log(Level.WARNING, "closing a torrent file failed", ex);
        }
    }
}
