package dev.torpeddo.backend.manager;

import dev.torpeddo.engine.api.AddTorrent;
import dev.torpeddo.engine.api.DhtOptions;
import dev.torpeddo.engine.api.FileInfo;
import dev.torpeddo.engine.api.LsdOptions;
import dev.torpeddo.engine.api.SessionConfig;
import dev.torpeddo.engine.api.TorrentEvent;
import dev.torpeddo.engine.magnet.MagnetException;
import dev.torpeddo.engine.magnet.MagnetLink;
import dev.torpeddo.engine.magnet.MagnetParser;
import dev.torpeddo.engine.metainfo.InfoHash;
import dev.torpeddo.engine.metainfo.Metainfo;
import dev.torpeddo.engine.metainfo.MetainfoException;
import dev.torpeddo.engine.metainfo.MetainfoParser;
import dev.torpeddo.engine.session.Session;
import dev.torpeddo.engine.session.TorrentHandle;
import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
    private final Housekeeping housekeeping;
    private final Thread housekeeper;
    private final List<String> startupProblems = new ArrayList<>();
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
        session.addListener(this::onEngineEvent);
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
        Session session = Session.start(sessionConfig(options.overrides().apply(saved), dir, options));
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
        m.restoreAll();
        return m;
    }

    private static Path defaultDownloads() {
        return Path.of(System.getProperty("user.home"), "Downloads");
    }

    static SessionConfig sessionConfig(Settings s, StateDir dir, ManagerOptions options) {
        Settings.RateLimits limits = s.effectiveLimits();
        DhtOptions dht = DhtOptions.DISABLED;
        if (s.discovery().dht()) {
            dht = (options.dhtBootstrap().isEmpty()
                            ? DhtOptions.DEFAULT
                            : DhtOptions.bootstrapFrom(options.dhtBootstrap()))
                    .withStateFile(dir.dhtStateFile());
        }
        DhtOptions dhtOptions = dht;
        return SessionConfig.defaults()
                .with(b -> b.listenPort(s.listenPort())
                        .downloadLimit(limits.download())
                        .uploadLimit(limits.upload())
                        .maxPeers(s.connections().maxPeers())
                        .maxPeersPerTorrent(s.connections().maxPeersPerTorrent())
                        .uploadSlots(s.connections().uploadSlotsPerTorrent())
                        .lsd(s.discovery().lsd() ? LsdOptions.DEFAULT : LsdOptions.DISABLED)
                        .dht(dhtOptions));
    }

    // ---- restoring ----

    private void restoreAll() throws IOException {
        for (TorrentStore.Stored stored : store.loadAll()) {
            if (!options.restore().test(stored.id())) continue;
            ManagedTorrent t;
            switch (stored) {
                case TorrentStore.Found f -> t = ManagedTorrent.fromRecord(f.record());
                case TorrentStore.Damaged d -> {
                    t = new ManagedTorrent(InfoHash.ofHex(d.id()));
                    t.name = d.id();
                    t.savePath = Path.of(effectiveSettings().defaultSavePath()).toAbsolutePath();
                    t.addedAt = nowSeconds();
                    t.paused = true;
                    t.problem = d.problem() + "; it is back paused in the default save path: move it to where its"
                            + " files are, or resume it there (its data is checked first)";
                }
            }
            synchronized (this) {
                t.queuePosition = torrents.size();
                restore(t, stored.torrentFile());
                torrents.put(t.id, t);
                if (t.problem != null) {
                    startupProblems.add(t.id + ": " + t.problem);
                    events.publish(new ManagerEvent.Failed(t.id, t.problem));
                }
                t.choicesDirty = true;
            }
        }
        housekeep();
    }

    /** Puts a stored torrent back into the session, paused; the queue then starts what may run. */
    private void restore(ManagedTorrent t, Optional<byte[]> torrentFile) {
        Optional<Metainfo> meta = Optional.empty();
        if (torrentFile.isPresent()) {
            try {
                Metainfo m = MetainfoParser.parse(torrentFile.get());
                if (m.infoHash().equals(t.infoHash)) meta = Optional.of(m);
                else noteProblem(t, "its .torrent file is another torrent's");
            } catch (MetainfoException e) {
                noteProblem(t, "its .torrent file is damaged (" + e.getMessage() + ")");
            }
        } else if (t.magnet == null) {
            noteProblem(t, "its .torrent file is missing");
        }
        if (meta.isEmpty()) {
            // Anything can be found again from its info-hash: fetch the metadata, then check the data. The name
            // the record kept goes into the link, so the list does not show a bare hash meanwhile.
            if (t.magnet == null) {
                Optional<String> name = Optional.ofNullable(t.name).filter(n -> !n.equals(t.id));
                t.magnet = new MagnetLink(t.infoHash, name, List.of(), List.of(), List.of())
                        .toUri()
                        .toString();
            }
            return;
        }
        t.magnet = null;
        t.name = meta.get().name();
        try {
            t.handle = session.add(engineAdd(meta.get(), t).with(b -> {
                if (t.engineResume != null) b.resumeData(t.engineResume);
            }));
            applyTorrentOptions(t);
        } catch (IOException | RuntimeException e) {
            noteProblem(t, "cannot open its files in " + t.savePath + ": " + e.getMessage());
            t.paused = true;
        }
    }

    private static void noteProblem(ManagedTorrent t, String problem) {
        LOG.log(System.Logger.Level.WARNING, "{0}: {1}", t.id, problem);
        t.problem = t.problem == null ? problem : t.problem + "; " + problem;
    }

    /** Every torrent is added to the engine paused; the queue decides at once which ones run. */
    private static AddTorrent engineAdd(Metainfo meta, ManagedTorrent t) {
        Map<Integer, Integer> priorities = new LinkedHashMap<>();
        t.filePriorities.forEach((file, prio) -> {
            if (file < meta.files().size()) priorities.put(file, prio);
        });
        return AddTorrent.of(meta, t.savePath)
                .with(b -> b.paused(true)
                        .filePriorities(priorities)
                        .sequential(t.sequential)
                        .useTrackers(t.useTrackers)
                        .downloadLimit(t.downloadLimit)
                        .uploadLimit(t.uploadLimit));
    }

    private static void applyTorrentOptions(ManagedTorrent t) {
        if (t.handle == null || t.handle.metainfo().isEmpty()) return;
        t.handle.setFirstAndLastPiecesFirst(t.firstLastPieces);
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
        Parsed parsed = parse(source);
        InfoHash hash = parsed.infoHash();
        synchronized (this) {
            requireOpen();
            ManagedTorrent existing = torrents.get(hash.hex());
            if (existing != null) {
                List<URI> trackers = parsed.trackers();
                if (existing.handle != null && !trackers.isEmpty()) existing.handle.addTrackers(trackers);
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
                case Parsed.FromTorrent(Metainfo meta, byte[] bytes) -> {
                    t.name = meta.name();
                    for (int file : opts.filePriorities().keySet()) {
                        if (file >= meta.files().size())
                            throw invalid("no file " + file + ": the torrent has "
                                    + meta.files().size());
                    }
                    SpaceCheck.requireRoom(meta, savePath, opts.filePriorities());
                    try {
                        t.handle = session.add(engineAdd(meta, t).with(b -> b.peers(opts.peers())));
                    } catch (IOException e) {
                        throw new ManagerException(
                                ManagerException.Kind.IO, "cannot use " + savePath + ": " + e.getMessage());
                    }
                    applyTorrentOptions(t);
                    store.saveTorrentFile(t.id, bytes);
                }
                case Parsed.FromMagnet(MagnetLink magnet) -> {
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

    private sealed interface Parsed {
        InfoHash infoHash();

        List<URI> trackers();

        record FromTorrent(Metainfo meta, byte[] bytes) implements Parsed {
            @Override
            public InfoHash infoHash() {
                return meta.infoHash();
            }

            @Override
            public List<URI> trackers() {
                return meta.trackerTiers().stream().flatMap(List::stream).toList();
            }
        }

        record FromMagnet(MagnetLink magnet) implements Parsed {
            @Override
            public InfoHash infoHash() {
                return magnet.infoHash();
            }

            @Override
            public List<URI> trackers() {
                return magnet.trackers();
            }
        }
    }

    private static Parsed parse(AddSource source) throws ManagerException {
        return switch (source) {
            case AddSource.Magnet(String uri) -> {
                try {
                    yield new Parsed.FromMagnet(MagnetParser.parse(uri));
                } catch (MagnetException e) {
                    throw invalid("not a valid magnet link: " + e.getMessage());
                }
            }
            case AddSource.TorrentData d -> fromTorrent(d.bytes(), "the .torrent data");
            case AddSource.TorrentFile(Path path) -> {
                byte[] bytes;
                try {
                    if (Files.size(path) > 64L << 20) throw invalid(path + ": too large for a .torrent file");
                    bytes = Files.readAllBytes(path);
                } catch (NoSuchFileException e) {
                    throw invalid(path + ": no such file");
                } catch (IOException e) {
                    throw invalid(path + ": " + e.getMessage());
                }
                yield fromTorrent(bytes, path.toString());
            }
        };
    }

    private static Parsed fromTorrent(byte[] bytes, String what) throws ManagerException {
        try {
            return new Parsed.FromTorrent(MetainfoParser.parse(bytes), bytes);
        } catch (MetainfoException e) {
            throw invalid(what + ": not a valid torrent: " + e.getMessage());
        }
    }

    static ManagerException invalid(String message) {
        return new ManagerException(ManagerException.Kind.INVALID_INPUT, message);
    }

    private long nextQueuePosition() {
        long max = -1;
        for (ManagedTorrent t : torrents.values()) max = Math.max(max, t.queuePosition);
        return max + 1;
    }

    // ---- engine events ----

    private void onEngineEvent(TorrentEvent e) {
        String id = e.infoHash().hex();
        synchronized (this) {
            ManagedTorrent t = torrents.get(id);
            if (t == null || closed) return;
            switch (e) {
                case TorrentEvent.MetadataReceived m -> metadataArrived(t, m);
                case TorrentEvent.StateChanged s -> housekeeping.stateMayHaveChanged(t);
                case TorrentEvent.Finished f -> {
                    t.completedAt = nowSeconds();
                    t.progressDirty = true;
                    t.saveSoon = true;
                    events.publish(new ManagerEvent.Finished(id));
                }
                case TorrentEvent.FileCompleted f -> {
                    t.progressDirty = true;
                    events.publish(new ManagerEvent.FileCompleted(id, f.fileIndex()));
                }
                case TorrentEvent.PiecesVerified p -> t.progressDirty = true;
                case TorrentEvent.TrackerReplied r ->
                    events.publish(
                            new ManagerEvent.TrackerStatus(id, r.tracker().toString(), true, r.peers(), ""));
                case TorrentEvent.TrackerFailed f ->
                    events.publish(
                            new ManagerEvent.TrackerStatus(id, f.tracker().toString(), false, 0, f.message()));
                case TorrentEvent.Failed f -> {
                    events.publish(new ManagerEvent.Failed(id, f.message()));
                    housekeeping.stateMayHaveChanged(t);
                }
                case TorrentEvent.StorageMoved m -> {
                    t.savePath = m.to();
                    t.choicesDirty = true;
                    t.saveSoon = true;
                    events.publish(new ManagerEvent.StorageMoved(id, m.to()));
                }
                case TorrentEvent.StorageMoveFailed f ->
                    events.publish(new ManagerEvent.Failed(id, "moving to " + f.to() + " failed: " + f.message()));
                case TorrentEvent.Added a -> {}
                case TorrentEvent.Removed r -> {}
                case TorrentEvent.PieceFailed p -> {}
                case TorrentEvent.PeerBanned b -> {}
            }
        }
    }

    private void metadataArrived(ManagedTorrent t, TorrentEvent.MetadataReceived m) {
        TorrentHandle h = t.handle;
        if (h == null) return;
        t.magnet = null;
        t.name = m.name();
        h.torrentFile().ifPresent(bytes -> store.saveTorrentFile(t.id, bytes));
        t.filePriorities.forEach((file, prio) -> {
            if (file < m.fileCount()) h.setFilePriority(file, prio);
        });
        applyTorrentOptions(t);
        if (t.stopAfterMetadata) {
            t.paused = true;
            t.stopAfterMetadata = false;
        }
        h.metainfo().ifPresent(meta -> {
            try {
                SpaceCheck.requireRoom(meta, t.savePath, t.filePriorities);
            } catch (ManagerException tooLittle) {
                t.problem = tooLittle.getMessage();
                t.outOfSpace = true;
                h.pause();
                events.publish(new ManagerEvent.Failed(t.id, tooLittle.getMessage()));
            }
        });
        t.choicesDirty = true;
        t.saveSoon = true;
        events.publish(new ManagerEvent.MetadataReceived(t.id, m.name(), m.fileCount(), m.totalBytes()));
        housekeeping.stateMayHaveChanged(t);
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
        if (t.handle != null) t.handle.addTrackers(urls);
        t.progressDirty = true;
    }

    public void removeTrackers(String id, List<URI> urls) throws ManagerException {
        ManagedTorrent t = require(id);
        if (t.handle != null) t.handle.removeTrackers(urls);
        t.progressDirty = true;
    }

    /** Moves torrents in the queue: one step up or down, or to the top or the bottom, keeping their order. */
    public synchronized void queueMove(Collection<String> ids, QueueMove move) throws ManagerException {
        List<ManagedTorrent> chosen = new ArrayList<>();
        for (String id : ids) chosen.add(require(id));
        QueueOrder.move(new ArrayList<>(torrents.values()), chosen, move);
        housekeeping.applyQueue();
    }

    // ---- views ----

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
     * slots, the listen port, the queue and share limits. DHT, PEX and LSD take effect at the next start.
     *
     * @throws ManagerException when the new listen port is taken (nothing changes then) or the file cannot be
     *     written
     */
    public void setSettings(Settings next) throws ManagerException {
        synchronized (this) {
            requireOpen();
            Settings effective = options.overrides().apply(next);
            try {
                session.configure(sessionConfig(effective, dir, options));
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
