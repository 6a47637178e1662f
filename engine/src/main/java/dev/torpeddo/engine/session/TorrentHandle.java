package dev.torpeddo.engine.session;

import dev.torpeddo.engine.api.FileInfo;
import dev.torpeddo.engine.api.PeerInfo;
import dev.torpeddo.engine.api.PeerSource;
import dev.torpeddo.engine.api.PieceStates;
import dev.torpeddo.engine.api.TorrentState;
import dev.torpeddo.engine.api.TorrentStatus;
import dev.torpeddo.engine.api.TrackerInfo;
import dev.torpeddo.engine.metainfo.InfoHash;
import dev.torpeddo.engine.metainfo.Metainfo;
import dev.torpeddo.engine.metainfo.TorrentFile;
import dev.torpeddo.engine.torrent.MetadataFetcher;
import dev.torpeddo.engine.torrent.Torrent;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The caller's view of one torrent in a {@link Session}. All methods return at once; work happens on engine
 * threads. A torrent added from a magnet link starts without metadata ({@link #metainfo()} is empty, the
 * state is {@link TorrentState#FETCHING_METADATA}) and becomes a full torrent behind the same handle.
 */
public final class TorrentHandle {
    private final InfoHash infoHash;
    private final Session session;
    private volatile MetadataFetcher fetcher;
    private volatile Torrent torrent;
    private volatile boolean removed;
    private volatile java.nio.file.Path savePath;

    TorrentHandle(Torrent torrent, Session session, java.nio.file.Path savePath) {
        this.savePath = savePath;
        this.infoHash = torrent.metainfo().infoHash();
        this.torrent = torrent;
        this.session = session;
    }

    TorrentHandle(MetadataFetcher fetcher, Session session, java.nio.file.Path savePath) {
        this.savePath = savePath;
        this.infoHash = fetcher.infoHash();
        this.fetcher = fetcher;
        this.session = session;
    }

    public InfoHash infoHash() {
        return infoHash;
    }

    /** Where the torrent's files are saved (its download directory; after a move, the new one). */
    public java.nio.file.Path savePath() {
        Torrent t = torrent;
        return t != null ? t.downloadDir() : savePath;
    }

    /**
     * Moves the torrent's files to {@code newDir}, across file systems too, with progress in
     * {@code status().progress().movedBytes()}; a {@code StorageMoved} or {@code StorageMoveFailed} event
     * follows. Completes with the new directory; on failure the files stay in use where they were.
     */
    public CompletableFuture<java.nio.file.Path> moveStorage(java.nio.file.Path newDir) {
        return requireMetadata().controls().moveStorage(newDir);
    }

    /** Renames a file inside the torrent ('/'-separated path relative to the torrent's directory). */
    public CompletableFuture<Void> renameFile(int fileIndex, String newPath) {
        return requireMetadata().controls().renameFile(fileIndex, newPath);
    }

    /** Renames a folder inside the torrent, with every file under it. */
    public CompletableFuture<Void> renameFolder(String oldFolder, String newFolder) {
        return requireMetadata().controls().renameFolder(oldFolder, newFolder);
    }

    /** The torrent's metadata; empty while a magnet is still fetching it. */
    public Optional<Metainfo> metainfo() {
        Torrent t = torrent;
        return t == null ? Optional.empty() : Optional.of(t.metainfo());
    }

    /** The .torrent file for this torrent (for a magnet: once its metadata arrived), to save or share. */
    public Optional<byte[]> torrentFile() {
        return metainfo().map(TorrentFile::toBytes);
    }

    public TorrentStatus status() {
        Torrent t = torrent;
        return t != null ? t.views().status() : fetcher.status();
    }

    /** Each tracker with its last announce result, swarm counts (announce and scrape) and next announce, in tier order. */
    public List<TrackerInfo> trackers() {
        Torrent t = torrent;
        return t == null ? List.of() : t.views().trackers();
    }

    /** Every file with its size, verified bytes and priority, in torrent order (none before a magnet's metadata). */
    public List<FileInfo> files() {
        Torrent t = torrent;
        return t == null ? List.of() : t.views().files();
    }

    /** The connected peers. */
    public List<PeerInfo> peers() {
        Torrent t = torrent;
        return t == null ? List.of() : t.views().peers();
    }

    /** Every piece's state and availability (no pieces before a magnet's metadata arrives). */
    public PieceStates pieces() {
        Torrent t = torrent;
        return t == null ? new PieceStates(new byte[0], new int[0]) : t.views().pieces();
    }

    /** Sets a file's priority, 0 (skip) to 7; takes effect for the next pieces picked. */
    public void setFilePriority(int fileIndex, int priority) {
        requireMetadata().controls().setFilePriority(fileIndex, priority);
    }

    /** Downloads pieces in order instead of rarest first (for previewing media while it downloads). */
    public void setSequential(boolean sequential) {
        requireMetadata().controls().setSequential(sequential);
    }

    /**
     * Exports a resume record for {@link dev.torpeddo.engine.api.AddTorrent.Builder#resumeData}: the pieces on
     * disk (flushed before they are recorded, so a crash never leaves a piece recorded that is not on disk),
     * file priorities, totals, times, trackers and known peers. Its size grows with the number of pieces (a
     * bitfield) and files. The flush runs on a disk thread; the future fails if the disk does, or while a
     * magnet's metadata is not known yet.
     */
    public CompletableFuture<byte[]> saveResumeData() {
        Torrent t = torrent;
        if (t == null)
            return CompletableFuture.failedFuture(
                    new IllegalStateException("the file list is not known yet: metadata is still being fetched"));
        return t.saveResumeData();
    }

    /** Checks every piece on disk again; a paused torrent stays paused afterwards. */
    public void forceRecheck() {
        requireMetadata().controls().forceRecheck();
    }

    /** Asks the trackers and the DHT for peers now, ignoring their minimum intervals. */
    public void forceReannounce() {
        Torrent t = torrent;
        if (t != null) t.controls().forceReannounce();
    }

    /**
     * Asks every tracker for the swarm's counts (seeders, leechers, completed downloads) now, ignoring the
     * 30-minute scrape interval; the answers show in {@link #trackers()}. Nothing happens while the torrent is
     * paused or its metadata is still being fetched, and HTTP trackers without a scrape URL are not asked.
     */
    public void scrape() {
        Torrent t = torrent;
        if (t != null) t.controls().scrape();
    }

    /** Puts the first and last piece of every wanted file first (media players read both ends early). */
    public void setFirstAndLastPiecesFirst(boolean value) {
        requireMetadata().controls().setFirstAndLastPiecesFirst(value);
    }

    /**
     * This torrent's own download and upload limits in bytes per second, 0 for none; the session's limits
     * apply on top. Takes effect within a tenth of a second.
     */
    public void setRateLimits(long download, long upload) {
        if (download < 0 || upload < 0) throw new IllegalArgumentException("rate limits must be >= 0");
        requireMetadata().controls().setRateLimits(download, upload);
    }

    /** How many peers this torrent unchokes at once. */
    public void setUploadSlots(int slots) {
        requireMetadata().controls().setUploadSlots(slots);
    }

    /** The most peers this torrent connects to (the session's limit still applies). */
    public void setMaxPeers(int max) {
        requireMetadata().controls().setMaxPeers(max);
    }

    /** Adds trackers, each in a tier of its own after the others; ones already listed are skipped. */
    public void addTrackers(List<URI> urls) {
        requireMetadata().controls().addTrackers(urls);
    }

    /** Removes trackers; the torrent tells them it stops. */
    public void removeTrackers(Collection<URI> urls) {
        requireMetadata().controls().removeTrackers(urls);
    }

    /** Adds a peer the user named; it is dialled at once if the torrent is running. */
    public void connectPeer(InetSocketAddress address) {
        addPeer(address, PeerSource.MANUAL);
    }

    /** For the session: a peer found on the local network. */
    void addLocalPeer(InetSocketAddress address) {
        addPeer(address, PeerSource.LSD);
    }

    private void addPeer(InetSocketAddress address, PeerSource source) {
        Torrent t = torrent;
        MetadataFetcher f = fetcher;
        if (t != null) t.addPeerCandidates(List.of(address), source);
        else if (f != null) f.addPeerCandidates(List.of(address), source);
    }

    public void pause() {
        Torrent t = torrent;
        if (t != null) t.pause();
    }

    public void resume() {
        Torrent t = torrent;
        if (t != null) t.resume();
    }

    /** Stops the torrent and forgets it; its files stay on disk. */
    public void remove() {
        session.remove(this);
    }

    private Torrent requireMetadata() {
        Torrent t = torrent;
        if (t == null)
            throw new IllegalStateException("the file list is not known yet: metadata is still being fetched");
        return t;
    }

    // ---- for the session ----

    Torrent torrent() {
        return torrent;
    }

    MetadataFetcher fetcher() {
        return fetcher;
    }

    /** Metadata arrived: the same handle now drives a full torrent. */
    synchronized boolean promote(Torrent t) {
        if (removed) return false;
        torrent = t;
        fetcher = null;
        return true;
    }

    /** Stops whatever phase the torrent is in; returns false if it was already removed. */
    synchronized boolean stopForRemoval() {
        if (removed) return false;
        removed = true;
        Torrent t = torrent;
        MetadataFetcher f = fetcher;
        if (t != null) t.stop();
        if (f != null) f.stop();
        return true;
    }
}
