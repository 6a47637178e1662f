package dev.torpeddo.backend.manager;

import dev.torpeddo.engine.api.FileInfo;
import dev.torpeddo.engine.magnet.MagnetLink;
import dev.torpeddo.engine.metainfo.InfoHash;
import dev.torpeddo.engine.metainfo.Metainfo;
import dev.torpeddo.engine.session.Session;
import dev.torpeddo.engine.session.TorrentHandle;
import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The backend's one owner of the engine: every torrent a user has, over days and restarts, under the user's
 * queue and limits. Nothing here waits for the network or for a check of data on disk: an add returns the id at
 * once and the engine does the slow work; records are written by the store's own thread. Torrents are named by
 * id, the info-hash in lower-case hex. Thread-safe; events go to subscribers in order on a thread of their own.
 *
 * <p>Open one with {@link #open} on a locked {@link StateDir}; {@link #close} saves every torrent's resume
 * record, stops the engine and releases the directory.
 */
public final class TorrentManager implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(TorrentManager.class.getName());

    final StateDir dir;
    final ManagerOptions options;
    final TorrentStore store;
    final EventBus events = new EventBus();
    final Session session;
    private final SettingsFile settingsFile;
    /** Every torrent, in insertion order; guarded by {@code this}. */
    final LinkedHashMap<String, ManagedTorrent> torrents = new LinkedHashMap<>();

    private Settings settings;
    final Housekeeping housekeeping;
    private final Thread housekeeper;
    final List<String> startupProblems = new ArrayList<>();
    private volatile boolean closed;

    private TorrentManager(StateDir dir, ManagerOptions options, Settings settings, Session session)
            throws IOException {
        this.dir = dir;
        this.options = options;
        this.settings = settings;
        this.session = session;
        this.settingsFile = new SettingsFile(dir.settingsFile());
        this.store = new TorrentStore(dir.torrentsDir());
        this.housekeeping = new Housekeeping(this);
        session.addListener(new EngineEvents(this)::on);
        housekeeper = options.housekeeping()
                ? Thread.ofVirtual().name("torpeddo-housekeeping").start(this::housekeepLoop)
                : null;
    }

    /**
     * Loads the settings and the stored torrents and starts the engine. Stored torrents come back as they were
     * (paused ones paused, the others as the queue allows), trusting their resume records where the files agree;
     * a damaged record or .torrent costs a check or a metadata fetch of that torrent alone.
     *
     * @throws StateDir.LockedException never: the caller already holds the directory
     * @throws BindException when the listen port is taken
     */
    public static TorrentManager open(StateDir dir, ManagerOptions options) throws IOException {
        SettingsFile file = new SettingsFile(dir.settingsFile());
        SettingsFile.Loaded loaded =
                file.load(Settings.defaults(defaultDownloads().toString()));
        Settings saved = loaded.settings();
        Session session = Session.start(EngineConfig.of(options.overrides().apply(saved), dir, options));
        TorrentManager m;
        try {
            m = new TorrentManager(dir, options, saved, session);
        } catch (IOException | RuntimeException e) {
            session.close();
            throw e;
        }
        loaded.problem().ifPresent(p -> {
            LOG.log(System.Logger.Level.WARNING, p);
            m.startupProblems.add(p);
        });
        new Restorer(m).restoreAll();
        return m;
    }

    private static Path defaultDownloads() {
        return Path.of(System.getProperty("user.home"), "Downloads");
    }

    /** Problems found at start-up: a damaged settings file or records, each with what was done about it. */
    public synchronized List<String> startupProblems() {
        return List.copyOf(startupProblems);
    }

    // ---- adding ----

    /**
     * Adds a torrent and returns at once: a magnet fetches its metadata in the background, existing data is
     * checked in the background. Adding one that is already there changes nothing but its trackers (the new
     * ones are added) and says so ({@link AddResult#duplicate()}).
     *
     * @throws ManagerException for a bad .torrent or magnet, file priorities for files it does not have, or too
     *     little free space for what it still needs
     */
    public AddResult add(AddSource source, AddOptions opts) throws ManagerException {
        ParsedSource parsed = ParsedSource.read(source);
        InfoHash hash = parsed.infoHash();
        synchronized (this) {
            requireOpen();
            ManagedTorrent existing = torrents.get(hash.hex());
            if (existing != null) {
                List<URI> trackers = parsed.trackers();
                if (existing.handle != null && !trackers.isEmpty()) {
                    existing.handle.addTrackers(trackers);
                } else if (existing.magnet != null && !trackers.isEmpty()) {
                    // A magnet waiting outside the engine (paused or queued before its metadata): its link is
                    // what it will start from, so the new trackers go into the link it keeps.
                    existing.magnet = ManagedTorrent.withTrackers(existing.magnet, trackers);
                    existing.saveSoon = true;
                }
                return new AddResult(existing.id, existing.name, true);
            }
            Path savePath = opts.savePath()
                    .orElse(Path.of(effectiveSettings().defaultSavePath()))
                    .toAbsolutePath()
                    .normalize();
            ManagedTorrent t = new ManagedTorrent(hash);
            t.savePath = savePath;
            t.addedAt = nowSeconds();
            t.queuePosition = nextQueuePosition();
            t.category = opts.category();
            t.tags = new ArrayList<>(opts.tags());
            t.paused = opts.paused();
            t.stopAfterMetadata = opts.stopAfterMetadata();
            t.sequential = opts.sequential();
            t.firstLastPieces = opts.firstLastPieces();
            t.useTrackers = opts.useTrackers();
            t.filePriorities = new java.util.HashMap<>(opts.filePriorities());
            switch (parsed) {
                case ParsedSource.FromTorrent(Metainfo meta, byte[] bytes) -> {
                    t.name = meta.name();
                    for (int file : opts.filePriorities().keySet()) {
                        if (file >= meta.files().size())
                            throw invalid("no file " + file + ": the torrent has "
                                    + meta.files().size());
                    }
                    SpaceCheck.requireRoom(meta, savePath, opts.filePriorities());
                    try {
                        t.handle = session.add(t.engineAdd(meta).with(b -> b.peers(opts.peers())));
                    } catch (IOException e) {
                        throw new ManagerException(
                                ManagerException.Kind.IO, "cannot use " + savePath + ": " + e.getMessage());
                    }
                    t.applyOptionsToEngine();
                    store.saveTorrentFile(t.id, bytes);
                }
                case ParsedSource.FromMagnet(MagnetLink magnet) -> {
                    t.name = magnet.displayName().orElse(t.id);
                    t.magnet = magnet.toUri().toString();
                    t.pendingPeers = opts.peers();
                }
            }
            torrents.put(t.id, t);
            store.save(t.toRecord());
            events.publish(new ManagerEvent.Added(t.id, t.name));
            housekeeping.applyQueue();
            return new AddResult(t.id, t.name, false);
        }
    }

    /** What an add would add, without adding it: for a command line that shows it first. */
    public record SourceInfo(String id, String name, int fileCount, long totalBytes, boolean magnet) {}

    /**
     * Reads a .torrent or a magnet link as {@link #add} would.
     *
     * @throws ManagerException when it is not a valid one
     */
    public static SourceInfo inspect(AddSource source) throws ManagerException {
        return switch (ParsedSource.read(source)) {
            case ParsedSource.FromTorrent(Metainfo meta, byte[] bytes) ->
                new SourceInfo(meta.infoHash().hex(), meta.name(), meta.files().size(), meta.totalLength(), false);
            case ParsedSource.FromMagnet(MagnetLink magnet) ->
                new SourceInfo(
                        magnet.infoHash().hex(),
                        magnet.displayName().orElse(magnet.infoHash().hex()),
                        0,
                        0,
                        true);
        };
    }

    /** The torrent's .torrent file (for a magnet: once its metadata arrived). */
    public Optional<byte[]> torrentFile(String id) throws ManagerException {
        TorrentHandle h = require(id).handle;
        return h == null ? Optional.empty() : h.torrentFile();
    }

    static ManagerException invalid(String message) {
        return new ManagerException(ManagerException.Kind.INVALID_INPUT, message);
    }

    private long nextQueuePosition() {
        long max = -1;
        for (ManagedTorrent t : torrents.values()) max = Math.max(max, t.queuePosition);
        return max + 1;
    }

    // ---- controls ----

    /** The torrent with this id. */
    synchronized ManagedTorrent require(String id) throws ManagerException {
        requireOpen();
        ManagedTorrent t = torrents.get(id);
        if (t == null) throw new ManagerException(ManagerException.Kind.UNKNOWN_TORRENT, "no torrent " + id);
        return t;
    }

    private static TorrentHandle requireMetadata(ManagedTorrent t) throws ManagerException {
        TorrentHandle h = t.handle;
        if (h == null || h.metainfo().isEmpty()) {
            throw new ManagerException(
                    ManagerException.Kind.NOT_READY, t.id + ": its file list is not known yet (metadata)");
        }
        return h;
    }

    private void requireOpen() {
        if (closed) throw new IllegalStateException("the manager is closed");
    }

    /** Runs {@code action} on each torrent; unknown ids fail the whole call before anything changes. */
    private synchronized void each(Collection<String> ids, Consumer<ManagedTorrent> action) throws ManagerException {
        List<ManagedTorrent> all = new ArrayList<>();
        for (String id : ids) all.add(require(id));
        for (ManagedTorrent t : all) {
            action.accept(t);
            t.choicesDirty = true;
        }
        housekeeping.applyQueue();
    }

    /** Pauses: the queue will not start them until {@link #resume}. */
    public void pause(Collection<String> ids) throws ManagerException {
        each(ids, t -> {
            t.paused = true;
            t.forced = false;
            if (t.handle != null) t.handle.pause();
            housekeeping.stateMayHaveChanged(t);
        });
    }

    /** Lets the queue start them again (and retries those stopped by an error). */
    public void resume(Collection<String> ids) throws ManagerException {
        each(ids, t -> {
            t.paused = false;
            t.problem = null;
            t.outOfSpace = false;
            if (t.handle != null && t.handle.status().state() == dev.torpeddo.engine.api.TorrentState.ERROR) {
                t.handle.resume();
            }
        });
    }

    /** Starts them now whatever the queue says ({@code forced}), or hands them back to the queue. */
    public void forceStart(Collection<String> ids, boolean forced) throws ManagerException {
        each(ids, t -> {
            t.forced = forced;
            if (forced) {
                t.paused = false;
                t.problem = null;
            }
        });
    }

    /** Checks every piece on disk again. */
    public void recheck(Collection<String> ids) throws ManagerException {
        each(ids, t -> {
            if (t.handle != null && t.handle.metainfo().isPresent()) t.handle.forceRecheck();
        });
    }

    /** Asks the trackers and the DHT for peers now. */
    public void reannounce(Collection<String> ids) throws ManagerException {
        each(ids, t -> {
            if (t.handle != null) t.handle.forceReannounce();
        });
    }

    /**
     * Removes them; with {@code deleteData} their files too (only the torrent's own files and the folders they
     * leave empty, never anything else in the save path). Returns at once; the files go on a background thread.
     */
    public void remove(Collection<String> ids, boolean deleteData) throws ManagerException {
        List<ManagedTorrent> gone = new ArrayList<>();
        synchronized (this) {
            for (String id : ids) gone.add(require(id));
            for (ManagedTorrent t : gone) {
                torrents.remove(t.id);
                store.delete(t.id);
                events.publish(new ManagerEvent.Removed(t.id));
            }
            housekeeping.applyQueue();
        }
        for (ManagedTorrent t : gone) {
            TorrentHandle h = t.handle;
            if (h == null) continue;
            List<FileInfo> files = h.files();
            Path where = h.savePath();
            Thread.ofVirtual().name("torpeddo-remove-" + t.id.substring(0, 8)).start(() -> {
                h.remove(); // waits for the last writes and closes the files
                if (deleteData) DataRemover.delete(where, files, t.infoHash);
            });
        }
    }

    /** Moves the torrent's files to {@code to}; completes with the new directory. */
    public CompletableFuture<Path> moveStorage(String id, Path to) throws ManagerException {
        TorrentHandle h = requireMetadata(require(id));
        return h.moveStorage(to.toAbsolutePath().normalize());
    }

    /**
     * Renames a file or a folder inside the torrent: {@code from} is a file's path as {@link Details#files} shows it,
     * or a folder that holds some.
     */
    public CompletableFuture<Void> renamePath(String id, String from, String to) throws ManagerException {
        ManagedTorrent t = require(id);
        TorrentHandle h = requireMetadata(t);
        try {
            for (FileInfo f : h.files()) if (f.path().equals(from)) return h.renameFile(f.index(), to);
            return h.renameFolder(from, to);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    /** Sets file priorities (0 skips a file, 1 to 7 from low to high). */
    public void setFilePriorities(String id, Map<Integer, Integer> priorities) throws ManagerException {
        ManagedTorrent t = require(id);
        TorrentHandle h = requireMetadata(t);
        int count = h.files().size();
        for (var e : priorities.entrySet()) {
            if (e.getKey() < 0 || e.getKey() >= count) throw invalid("no file " + e.getKey());
            if (e.getValue() < 0 || e.getValue() > 7) throw invalid("priority " + e.getValue() + " not in 0..7");
        }
        synchronized (this) {
            priorities.forEach(h::setFilePriority);
            t.filePriorities.putAll(priorities);
            t.progressDirty = true;
            t.choicesDirty = true;
        }
    }

    /** Changes per-torrent options; each field left empty in {@code change} stays as it is. */
    public void setTorrentOptions(Collection<String> ids, TorrentOptionsChange change) throws ManagerException {
        change.validate();
        each(ids, t -> change.applyTo(t));
    }

    public void addTrackers(String id, List<URI> urls) throws ManagerException {
        ManagedTorrent t = require(id);
        synchronized (this) {
            if (t.handle != null) t.handle.addTrackers(urls);
            t.saveSoon = true; // the trackers live in the engine's record
        }
    }

    public void removeTrackers(String id, List<URI> urls) throws ManagerException {
        ManagedTorrent t = require(id);
        synchronized (this) {
            if (t.handle != null) t.handle.removeTrackers(urls);
            t.saveSoon = true;
        }
    }

    /** Moves torrents in the queue: one step up or down, or to the top or the bottom, keeping their order. */
    public synchronized void queueMove(Collection<String> ids, QueueMove move) throws ManagerException {
        List<ManagedTorrent> chosen = new ArrayList<>();
        for (String id : ids) chosen.add(require(id));
        QueueOrder.move(new ArrayList<>(torrents.values()), chosen, move);
        housekeeping.applyQueue();
    }

    // ---- views ----

    /** Every torrent's id, in queue order, without taking any snapshot. */
    public synchronized List<String> ids() {
        requireOpen();
        return torrents.values().stream()
                .sorted(java.util.Comparator.comparingLong(t -> t.queuePosition))
                .map(t -> t.id)
                .toList();
    }

    /** Snapshots of the given torrents (all of them when {@code ids} is empty), in queue order. */
    public List<TorrentSnapshot> status(Collection<String> ids) throws ManagerException {
        List<ManagedTorrent> chosen = new ArrayList<>();
        synchronized (this) {
            if (ids.isEmpty()) chosen.addAll(torrents.values());
            else for (String id : ids) chosen.add(require(id));
            chosen.sort(java.util.Comparator.comparingLong(t -> t.queuePosition));
            List<TorrentSnapshot> out = new ArrayList<>(chosen.size());
            for (ManagedTorrent t : chosen) out.add(housekeeping.snapshot(t));
            return out;
        }
    }

    /** The torrent's engine handle for the views the details panel shows (files, peers, trackers, pieces). */
    public Details details(String id) throws ManagerException {
        return new Details(require(id));
    }

    public synchronized SessionSnapshot sessionStatus() {
        requireOpen();
        return SessionSnapshot.of(session.status(), torrents.values(), store.lastFailure());
    }

    /** Bytes free where {@code dir} is (or would be). */
    public static long freeSpace(Path dir) throws ManagerException {
        try {
            return Session.freeSpace(dir);
        } catch (IOException e) {
            throw new ManagerException(ManagerException.Kind.IO, dir + ": " + e.getMessage());
        }
    }

    // ---- settings ----

    public synchronized Settings settings() {
        return settings;
    }

    /** The settings with this run's overrides on top: what is in force. */
    synchronized Settings effectiveSettings() {
        return options.overrides().apply(settings);
    }

    /**
     * Saves and applies new settings, live: rate limits (and the turtle switch), connection limits, upload
     * slots, the listen port, the queue and share limits, and the DHT, PEX and LSD switches (PEX switched on
     * is offered to peers that connect from then on).
     *
     * @throws ManagerException when the new listen port is taken (nothing changes then) or the file cannot be
     *     written
     */
    public void setSettings(Settings next) throws ManagerException {
        synchronized (this) {
            requireOpen();
            Settings effective = options.overrides().apply(next);
            try {
                session.configure(EngineConfig.of(effective, dir, options));
            } catch (BindException e) {
                throw invalid("port " + effective.listenPort() + " is in use");
            } catch (IOException e) {
                throw new ManagerException(ManagerException.Kind.IO, e.getMessage());
            }
            try {
                settingsFile.save(next);
            } catch (IOException e) {
                throw new ManagerException(ManagerException.Kind.IO, "cannot save the settings: " + e.getMessage());
            }
            settings = next;
            housekeeping.applyQueue();
        }
    }

    // ---- events and housekeeping ----

    /** Registers a subscriber; it runs on the manager's event thread and must be quick. */
    public void subscribe(Consumer<ManagerEvent> subscriber) {
        events.subscribe(subscriber);
    }

    public void unsubscribe(Consumer<ManagerEvent> subscriber) {
        events.unsubscribe(subscriber);
    }

    /** One round of housekeeping (the manager runs it every second by itself unless told not to). */
    public synchronized void housekeep() {
        if (closed) return;
        housekeeping.run();
    }

    private void housekeepLoop() {
        while (!closed) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            try {
                housekeep();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "housekeeping failed", e);
            }
        }
    }

    boolean isClosed() {
        return closed;
    }

    long nowMillis() {
        return options.clock().millis();
    }

    long nowSeconds() {
        return nowMillis() / 1000;
    }

    /**
     * Saves every torrent's resume record (waiting for the engine to flush its files), stops the engine and
     * releases nothing else: the caller closes the {@link StateDir}.
     */
    @Override
    public void close() {
        List<CompletableFuture<?>> saves;
        synchronized (this) {
            if (closed) return;
            closed = true;
            saves = housekeeping.saveAll();
        }
        if (housekeeper != null) housekeeper.interrupt();
        try {
            CompletableFuture.allOf(saves.toArray(CompletableFuture[]::new))
                    .get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, "not every resume record could be saved: {0}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // close the rest all the same: the records asked for are queued
        }
        session.close();
        store.close();
        events.close();
    }
}
