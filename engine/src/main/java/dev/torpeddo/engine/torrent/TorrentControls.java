package dev.torpeddo.engine.torrent;

import dev.torpeddo.engine.bandwidth.RateLimiter;
import dev.torpeddo.engine.metainfo.Metainfo;
import dev.torpeddo.engine.storage.Storage;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What the user changes on a torrent while it runs (reached through {@link Torrent#controls()}): which files
 * and in what order, its rate, upload and peer limits, its trackers, asking for peers now, and the tasks on
 * its files as a whole ({@link DiskTasks}). Pausing and resuming are part of the torrent's lifecycle, on
 * {@link Torrent}. Changes to state the torrent guards are made under its lock.
 */
public final class TorrentControls {
    private final Torrent torrent;
    private final Metainfo meta;
    private final FileSelection files;
    private final Storage storage;
    private final RateLimiter downloadLimit;
    private final RateLimiter uploadLimit;
    private final PeerAdmission<Peer> admission;
    private final TrackerLink trackers;
    private final DhtUse dht; // null for a private torrent
    private final PeerExchange pex;
    private final DiskTasks diskTasks;

    TorrentControls(
            Torrent torrent,
            FileSelection files,
            Storage storage,
            RateLimiter downloadLimit,
            RateLimiter uploadLimit,
            PeerAdmission<Peer> admission,
            TrackerLink trackers,
            DhtUse dht,
            PeerExchange pex,
            DiskTasks diskTasks) {
        this.torrent = torrent;
        this.meta = torrent.metainfo();
        this.files = files;
        this.storage = storage;
        this.downloadLimit = downloadLimit;
        this.uploadLimit = uploadLimit;
        this.admission = admission;
        this.trackers = trackers;
        this.dht = dht;
        this.pex = pex;
        this.diskTasks = diskTasks;
    }

    /** Sets a file's priority, 0 (skip) to 7; a seed downloads again when a file it now wants is not complete. */
    public void setFilePriority(int file, int priority) {
        synchronized (torrent) {
            files.set(file, priority);
            try {
                storage.setWanted(file, priority > 0);
            } catch (IOException e) {
                torrent.fail("cannot " + (priority > 0 ? "select " : "skip ")
                        + meta.files().get(file).displayPath() + ": " + e.getMessage());
                return;
            }
            torrent.selectionChanged();
        }
    }

    /** Puts the first and last piece of every wanted file before all others (for previewing media). */
    public void setFirstAndLastPiecesFirst(boolean value) {
        synchronized (torrent) {
            files.setFirstAndLastPiecesFirst(value);
            torrent.selectionChanged();
        }
    }

    /** Downloads pieces in order instead of rarest first. */
    public void setSequential(boolean sequential) {
        synchronized (torrent) {
            PieceProgress progress = torrent.progress();
            if (progress != null) progress.picker().setSequential(sequential);
        }
    }

    /**
     * This torrent's download and upload limits in bytes per second, 0 for none; the session's limits still
     * apply on top. Takes effect within a tenth of a second.
     */
    public void setRateLimits(long download, long upload) {
        downloadLimit.setRate(download);
        uploadLimit.setRate(upload);
    }

    /** How many peers this torrent unchokes at once; the next choking round applies it. */
    public void setUploadSlots(int slots) {
        synchronized (torrent) {
            torrent.uploads.setSlots(slots);
        }
    }

    /** The most connections this torrent keeps (at most the session's limit); extra peers are dropped. */
    public void setMaxPeers(int max) {
        synchronized (torrent) {
            admission.setLimit(max);
            List<Peer> all = admission.peerList();
            for (int i = max; i < all.size(); i++) all.get(i).close("the torrent's peer limit was lowered");
        }
    }

    /** Adds trackers, each in a tier of its own after the others; ones already listed are skipped. */
    public void addTrackers(List<URI> urls) {
        trackers.add(urls);
    }

    public void removeTrackers(Collection<URI> urls) {
        trackers.remove(urls);
    }

    /** Asks every tracker and the DHT for peers now, ignoring their minimum intervals. */
    public void forceReannounce() {
        trackers.forceAnnounce();
        if (dht != null) dht.forceNext();
        torrent.wake();
    }

    /** Asks every tracker for its counts now, ignoring the scrape interval; nothing while paused. */
    public void scrape() {
        trackers.scrape();
    }

    /**
     * Peer exchange switched on or off for the session. Off: nothing more is sent or taken. On: peers that
     * connect from now on are offered it in the extension handshake (those connected already were not, and a
     * handshake is not repeated). A private torrent never uses it.
     */
    public void setPex(boolean on) {
        synchronized (torrent) {
            pex.setEnabled(on);
        }
    }

    /** The session's DHT was switched on: announce to it and ask it for peers now. */
    public void dhtStarted() {
        if (dht != null) dht.forceNext();
        torrent.wake();
    }

    /** The session listens on another port now: trackers must hear it (the DHT reads it at each announce). */
    public void listenPortChanged() {
        trackers.restart();
        if (dht != null) dht.forceNext();
    }

    /**
     * Checks every piece on disk again (the user suspects the files changed): transfers stop, pieces being
     * assembled are dropped, and afterwards the torrent carries on as it was (paused stays paused).
     */
    public void forceRecheck() {
        diskTasks.recheck();
    }

    /**
     * Moves the torrent's files to {@code newDir} (with progress in the status, across file systems too):
     * transfers stop meanwhile and resume afterwards. Completes with the new directory, or fails with the
     * reason while the files stay in use where they were. An interruption at any point (even a crash) leaves
     * one complete copy, which opening the torrent again finds.
     */
    public CompletableFuture<Path> moveStorage(Path newDir) {
        return diskTasks.move(newDir);
    }

    /**
     * Renames one file inside the torrent ({@code newPath} relative to the torrent's directory, '/'-separated,
     * checked like a torrent's own paths); its data moves with it if it exists. The future fails with an
     * {@link IllegalArgumentException} for a name a torrent could not have, or one that collides.
     */
    public CompletableFuture<Void> renameFile(int index, String newPath) {
        return diskTasks.renameFile(index, newPath);
    }

    /** Renames a folder inside the torrent and every file under it. */
    public CompletableFuture<Void> renameFolder(String oldFolder, String newFolder) {
        return diskTasks.renameFolder(oldFolder, newFolder);
    }
}
