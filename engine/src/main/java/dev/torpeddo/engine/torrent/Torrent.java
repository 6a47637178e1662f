package dev.torpeddo.engine.torrent;

import dev.torpeddo.engine.api.AddTorrent;
import dev.torpeddo.engine.api.FileInfo;
import dev.torpeddo.engine.api.PeerInfo;
import dev.torpeddo.engine.api.PeerSource;
import dev.torpeddo.engine.api.PieceStates;
import dev.torpeddo.engine.api.SessionConfig;
import dev.torpeddo.engine.api.TorrentEvent;
import dev.torpeddo.engine.api.TorrentState;
import dev.torpeddo.engine.api.TorrentStatus;
import dev.torpeddo.engine.api.TrackerInfo;
import dev.torpeddo.engine.bandwidth.Bandwidth;
import dev.torpeddo.engine.bandwidth.RateLimiter;
import dev.torpeddo.engine.internal.Bitfield;
import dev.torpeddo.engine.internal.Clock;
import dev.torpeddo.engine.metainfo.Metainfo;
import dev.torpeddo.engine.net.Network;
import dev.torpeddo.engine.peer.PeerConnection;
import dev.torpeddo.engine.picker.PiecePicker;
import dev.torpeddo.engine.resume.ResumeRecord;
import dev.torpeddo.engine.storage.PieceMap;
import dev.torpeddo.engine.storage.Storage;
import dev.torpeddo.engine.wire.Handshake;
import dev.torpeddo.engine.wire.Message;
import dev.torpeddo.engine.wire.WireLimits;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * One torrent at work: checks existing data, then runs its peers, picker, choker and tracker announces.
 * This class holds the torrent's lifecycle (check, heartbeat, pause, resume, stop), admits peers, applies
 * user actions and takes status snapshots; the work on the wire is split by concern into {@link Requester}
 * (what we ask peers for), {@link Uploader} (what we serve), {@link Extensions} (BEP 10 messages) and
 * {@link PieceOutcomes} (what follows a piece's hash check). Every mutable field of all of them is guarded
 * by this object's monitor; network threads call in through {@link Peer}, disk and hash threads through
 * {@link PieceWriter}.
 */
public final class Torrent implements TrackerLink.Owner {
    private static final System.Logger LOG = System.getLogger(Torrent.class.getName());

    private final Metainfo meta;
    private final AddTorrent params;
    private final TorrentContext ctx;
    private final SessionConfig config;
    private final Clock clock;
    private final PieceMap pieceMap;
    private final Storage storage;
    private final PieceWriter writer;
    private final Swarm swarm = new Swarm();
    private final PeerDialer dialer;
    private final Set<Peer> peers = new LinkedHashSet<>();
    private final FileSelection files;
    private final TrackerLink trackers;
    private final DhtLink dht;
    private final PeerExchange pex;
    final Requester requests;
    final Uploader uploads;
    final Extensions extensions;
    private final PieceOutcomes outcomes;
    private final Totals totals;
    private final DiskTasks diskTasks;
    /** The resume record's settings and totals, when the torrent was added with a usable one. */
    private final Optional<ResumeRecord> restored;

    private PiecePicker<Peer> picker;
    private Bitfield have;
    private TorrentState state = TorrentState.CHECKING;
    private String error;
    private volatile boolean stopped;
    private long wantedBytes;
    private long wantedDoneBytes;
    private long nextChokeNanos = Long.MIN_VALUE;
    private final Semaphore wake = new Semaphore(0);
    private int maxPeers;
    private volatile Path savePath;
    private long movedBytes;
    // This torrent's own limits; every connection also draws from the session's (ctx).
    private final RateLimiter downloadLimit;
    private final RateLimiter uploadLimit;
    private final List<Integer> verifiedSinceEvent = new ArrayList<>();
    private FileCompletion fileCompletion;

    public Torrent(AddTorrent params, TorrentContext ctx) throws IOException {
        this.meta = params.metainfo();
        this.params = params;
        this.ctx = ctx;
        this.config = ctx.config();
        this.clock = ctx.env().clock();
        this.pieceMap = new PieceMap(meta);
        this.restored = params.resumeData().flatMap(r -> Checkpoint.settingsOf(meta, r));
        this.totals = new Totals(clock);
        this.files = new FileSelection(pieceMap, Checkpoint.priorities(params.filePriorities(), restored));
        this.storage = ctx.env()
                .storage()
                .open(meta, params.downloadDir(), files.unwantedFiles(), Checkpoint.layout(meta, restored));
        // Opening follows a move an earlier run finished (or undoes one it cut short): the files are here.
        this.savePath = storage.downloadDir();
        this.outcomes = new PieceOutcomes(this, config.banAfterHashFailures());
        this.writer = new PieceWriter(outcomes, meta, storage, ctx.diskIo(), ctx.hashPool());
        this.trackers = new TrackerLink(
                this,
                meta.infoHash(),
                restored.map(ResumeRecord::trackerTiers)
                        .filter(t -> !t.isEmpty())
                        .orElse(meta.trackerTiers()),
                ctx);
        this.dialer = new PeerDialer(
                ctx, meta.infoHash(), this, swarm, (a, est) -> attach(est.connection(), est.remote(), true, a));
        // BEP 27: a private torrent learns peers from its trackers only.
        this.pex = new PeerExchange(meta.isPrivate(), clock);
        this.dht = meta.isPrivate()
                ? null
                : ctx.dht()
                        .map(node -> new DhtLink(
                                node,
                                meta.infoHash(),
                                ctx.listenPort(),
                                found -> addPeerCandidates(found, PeerSource.DHT),
                                clock))
                        .orElse(null);
        this.maxPeers = config.maxPeersPerTorrent();
        this.downloadLimit = new RateLimiter(clock, params.downloadLimit());
        this.uploadLimit = new RateLimiter(clock, params.uploadLimit());
        restored.ifPresent(this::restoreFrom);
        this.diskTasks = new DiskTasks(this, writer, storage, ctx.diskIo());
        this.requests = new Requester(this, pieceMap, writer, config.maxRequestsPerPeer());
        this.uploads = new Uploader(this, pieceMap, writer, config.uploadSlots(), config.maxQueuedRequestsFromPeer());
        this.extensions = new Extensions(this, pex, ctx.listenPort(), config.maxQueuedRequestsFromPeer());
    }

    /** Where the files are now (after a move, where they went). */
    Path savePathNow() {
        return savePath;
    }

    public Metainfo metainfo() {
        return meta;
    }

    /** Totals, times and peers from the resume record carry on. */
    private void restoreFrom(ResumeRecord r) {
        totals.restore(r);
        for (InetSocketAddress a : r.peers()) swarm.add(a, PeerSource.MANUAL);
        files.setFirstAndLastPiecesFirst(r.options().firstAndLastPieces());
        if (params.downloadLimit() == 0) downloadLimit.setRate(r.options().downloadLimit());
        if (params.uploadLimit() == 0) uploadLimit.setRate(r.options().uploadLimit());
    }

    /** Checks existing data on a virtual thread, then starts downloading or seeding. */
    public void start() {
        Thread.ofVirtual()
                .name("torrent-" + meta.infoHash().hex().substring(0, 8))
                .start(this::run);
    }

    private void run() {
        if (meta.pieceLength() > PieceWriter.MAX_PIECE_LENGTH) {
            // Pieces are assembled in memory; one this large would not fit the bounded heap.
            fail("pieces of " + (meta.pieceLength() >> 20) + " MiB are larger than Torpeddo supports yet ("
                    + (PieceWriter.MAX_PIECE_LENGTH >> 20) + " MiB)");
            return;
        }
        // Announce while checking, as other clients do: peers are ready by the time the check ends.
        if (params.useTrackers() && !params.paused()) trackers.start();
        Bitfield found;
        try {
            found = Checkpoint.findExisting(meta, storage, writer, params.resumeData(), restored);
        } catch (InterruptedException e) {
            return;
        } catch (IOException e) {
            fail("checking existing data failed: " + e.getMessage());
            return;
        }
        synchronized (this) {
            if (stopped) return;
            have = found;
            fileCompletion = new FileCompletion(pieceMap, have);
            picker = new PiecePicker<>(meta.pieceCount(), meta::pieceSize, have.copy(), RandomGenerator.getDefault());
            picker.setSequential(params.sequential()
                    || restored.map(r -> r.options().sequential()).orElse(false));
            applyPriorities();
            setState(params.paused() ? TorrentState.PAUSED : runningState());
            for (InetSocketAddress a : params.peers()) swarm.add(a, PeerSource.MANUAL);
        }
        maintain();
    }

    /**
     * Exports a resume record: the pieces on disk (flushed before they are recorded), file priorities,
     * totals, times, options, trackers and known peers. The flush and the file stats run on a disk thread, so
     * this never holds up the network threads; the future fails if the disk does.
     */
    public CompletableFuture<byte[]> saveResumeData() {
        Checkpoint.Facts facts;
        synchronized (this) {
            // Still checking: what we know is no more than the record we were added with, so hand that back
            // rather than a record with no pieces that would cost a full check next time.
            if (have == null && params.resumeData().isPresent())
                return CompletableFuture.completedFuture(params.resumeData().get());
            accountTime();
            List<Integer> priorities = new ArrayList<>();
            for (int i = 0; i < meta.files().size(); i++) priorities.add(files.priority(i));
            List<InetSocketAddress> known = swarm.knownAddresses();
            facts = new Checkpoint.Facts(
                    // Before the first check ends, without a record, nothing is known to be on disk.
                    have == null ? new Bitfield(meta.pieceCount()) : have.copy(),
                    priorities,
                    totals.forRecord(outcomes.failedBytes()),
                    totals.timesForRecord(),
                    new ResumeRecord.Options(
                            picker != null && picker.isSequential(),
                            files.firstAndLastPiecesFirst(),
                            state == TorrentState.PAUSED,
                            downloadLimit.rate(),
                            uploadLimit.rate()),
                    savePath.toString(),
                    storage.layout(),
                    trackers.tiers(),
                    known.subList(0, Math.min(known.size(), ResumeRecord.MAX_PEERS)));
        }
        return ctx.diskIo().submit(() -> Checkpoint.write(meta, storage, facts));
    }

    /** The torrent's heartbeat: dial peers, run the choker, release requests held by snubbing peers. */
    private void maintain() {
        while (!stopped) {
            synchronized (this) {
                long now = clock.nanoTime();
                if (isActive()) dialer.dialDue(maxPeers - peers.size());
                if (now >= nextChokeNanos) {
                    uploads.chokeRound(now);
                    nextChokeNanos = now + config.chokeInterval().toNanos();
                }
                for (Peer p : peerList()) {
                    p.connection().checkTimers(now); // idle timeout and keep-alives
                    requests.checkSnubbed(p, now);
                    uploads.checkStuck(p, now);
                    requests.fill(p); // nothing may wait on an event that never comes
                }
                if (isActive()) pex.share(peers);
            }
            publishVerifiedPieces();
            trackers.poll();
            if (needsPeersNow()) trackers.announceNow(); // the announcer holds this to the min interval
            dhtTick();
            try {
                // Half a second between beats, but new addresses are dialled at once.
                if (wake.tryAcquire(500, TimeUnit.MILLISECONDS)) wake.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    // ---- peers ----

    /** Takes over an incoming connection whose handshake named this torrent. */
    public void acceptIncoming(Network.Connection c, Handshake remote) throws IOException {
        if (!ctx.connectionSlots().tryAcquire()) throw new IOException("too many connections");
        attach(c, remote, false, c.remote());
    }

    private void attach(Network.Connection c, Handshake remote, boolean outgoing, InetSocketAddress address) {
        PeerConnection conn = new PeerConnection(
                c,
                remote,
                clock,
                new WireLimits(WireLimits.BLOCK, 1 << 20, meta.pieceCount()),
                config.idleTimeout(),
                config.keepAliveInterval(),
                Bandwidth.of(downloadLimit, ctx.downloadLimit()),
                Bandwidth.of(uploadLimit, ctx.uploadLimit()));
        Peer peer = new Peer(conn, this, outgoing, meta.pieceCount(), clock.nanoTime());
        String why = null;
        synchronized (this) {
            if (stopped || !isActive()) why = "torrent not active";
            else if (peers.size() >= maxPeers) why = "too many peers";
            else if (swarm.isBanned(address, HexFormat.of().formatHex(remote.peerId()))) why = "banned";
            else if (hasPeerId(remote.peerId())) why = "already connected to this peer";
            if (why == null) {
                peers.add(peer);
                if (outgoing) swarm.connected(address);
                sendGreeting(peer);
            } else if (outgoing) {
                swarm.failed(address, clock.nanoTime(), false);
            }
        }
        if (why != null) {
            ctx.connectionSlots().release();
            try {
                c.close();
            } catch (IOException ignored) {
                // dropping it anyway
            }
            return;
        }
        LOG.log(
                System.Logger.Level.DEBUG,
                "{0}: connected ({1}, {2})",
                address,
                outgoing ? "outgoing" : "incoming",
                new String(remote.peerId(), 0, 8, StandardCharsets.ISO_8859_1));
        conn.start(peer);
    }

    private boolean hasPeerId(byte[] id) {
        for (Peer p : peers) if (Arrays.equals(p.connection().handshake().peerId(), id)) return true;
        return false;
    }

    private void sendGreeting(Peer peer) {
        if (peer.fast() && have.isComplete()) peer.send(new Message.HaveAll());
        else if (peer.fast() && have.isEmpty()) peer.send(new Message.HaveNone());
        else if (!have.isEmpty()) peer.send(new Message.Bitfield(have.toWire()));
        // After the bitfield, as libtorrent does: strict peers want the bitfield first.
        extensions.sendHandshake(peer);
    }

    synchronized void onPeerClosed(Peer peer, String reason) {
        peer.markGone();
        if (!peers.remove(peer)) return;
        ctx.connectionSlots().release();
        if (picker != null) picker.peerDisconnected(peer);
        if (peer.isOutgoing()) swarm.disconnected(peer.address(), clock.nanoTime());
        LOG.log(System.Logger.Level.DEBUG, "{0}: {1}", peer, reason);
        requests.fillOthers(peer);
    }

    // ---- for the torrent's parts (all under this object's lock) ----

    /** The connected peers, copied: callers may close peers while iterating. */
    List<Peer> peerList() {
        return List.copyOf(peers);
    }

    PiecePicker<Peer> picker() {
        return picker;
    }

    Swarm swarm() {
        return swarm;
    }

    long now() {
        return clock.nanoTime();
    }

    boolean hasPiece(int piece) {
        return have.get(piece);
    }

    boolean isActive() {
        return state == TorrentState.DOWNLOADING || state == TorrentState.SEEDING;
    }

    boolean isDownloading() {
        return state == TorrentState.DOWNLOADING;
    }

    boolean isSeeding() {
        return state == TorrentState.SEEDING;
    }

    boolean isDone() {
        return picker != null && picker.isDone();
    }

    /** Where the files are now (after a move, where they went). */
    public Path downloadDir() {
        return savePath;
    }

    void publish(TorrentEvent event) {
        ctx.events().accept(event);
    }

    void countDownloaded(int bytes) {
        totals.downloaded(bytes);
    }

    void countUploaded(int bytes) {
        totals.uploaded(bytes);
    }

    /** Bytes received that we threw away (unasked, duplicate); failed pieces are counted apart. */
    void countWasted(int bytes) {
        totals.wasted(bytes);
    }

    /** A verified piece reached the disk: it is ours, even when stopping. */
    void pieceOnDisk(int piece) {
        if (!have.set(piece)) return;
        verifiedSinceEvent.add(piece);
        for (int file : fileCompletion.pieceAdded(piece))
            publish(new TorrentEvent.FileCompleted(meta.infoHash(), file));
        picker.pieceVerified(piece);
        wantedDoneBytes += files.wantedBytesOf(piece);
        requests.pieceAdded(piece);
        if (state == TorrentState.DOWNLOADING && isDone()) {
            setState(TorrentState.SEEDING);
            writer.dropPooledBuffers();
            totals.completedNow();
            publish(new TorrentEvent.Finished(meta.infoHash()));
            trackers.completed();
            for (Peer p : peerList()) if (p.isSeed()) p.close("both are seeds");
        }
    }

    /** Sends the pieces verified since the last heartbeat as one event. */
    private void publishVerifiedPieces() {
        int[] pieces;
        synchronized (this) {
            if (verifiedSinceEvent.isEmpty()) return;
            pieces = verifiedSinceEvent.stream().mapToInt(Integer::intValue).toArray();
            verifiedSinceEvent.clear();
        }
        publish(new TorrentEvent.PiecesVerified(meta.infoHash(), pieces));
    }

    /** A disk or internal fault: stop transferring, keep what is verified, tell the user why. */
    synchronized void fail(String message) {
        if (state == TorrentState.ERROR || stopped) return;
        error = message;
        LOG.log(System.Logger.Level.WARNING, "{0}: {1}", meta.name(), message);
        setState(TorrentState.ERROR);
        publish(new TorrentEvent.Failed(meta.infoHash(), message));
        for (Peer p : peerList()) p.close("torrent stopped: " + message);
    }

    /** Adds the time since the last call to the active and seeding totals, by the state until now. */
    private void accountTime() {
        totals.account(isActive(), isSeeding());
    }

    private TorrentState runningState() {
        return isDone() ? TorrentState.SEEDING : TorrentState.DOWNLOADING;
    }

    private void setState(TorrentState next) {
        if (state == next) return;
        accountTime();
        TorrentState prev = state;
        state = next;
        LOG.log(System.Logger.Level.DEBUG, "{0}: {1} -> {2}", meta.name(), prev, next);
        publish(new TorrentEvent.StateChanged(meta.infoHash(), prev, next));
    }

    // ---- user actions ----

    @Override
    public synchronized void addPeerCandidates(List<InetSocketAddress> addresses, PeerSource source) {
        for (InetSocketAddress a : addresses) swarm.add(a, source);
        wake.release();
    }

    public synchronized void setFilePriority(int file, int priority) {
        files.set(file, priority);
        try {
            storage.setWanted(file, priority > 0);
        } catch (IOException e) {
            fail("cannot " + (priority > 0 ? "select " : "skip ")
                    + meta.files().get(file).displayPath() + ": " + e.getMessage());
            return;
        }
        if (picker == null) return;
        applyPriorities();
        if (state == TorrentState.SEEDING && !isDone()) setState(TorrentState.DOWNLOADING);
        requests.refreshInterest();
    }

    private void applyPriorities() {
        picker.setPiecePriorities(files.piecePriorities());
        wantedBytes = files.wantedBytes();
        wantedDoneBytes = files.wantedBytesIn(have);
    }

    /**
     * Checks every piece on disk again (the user suspects the files changed): transfers stop, pieces being
     * assembled are dropped, and afterwards the torrent carries on as it was (paused stays paused).
     */
    public void forceRecheck() {
        diskTasks.recheck();
    }

    /**
     * Stops transfers for a task on the whole storage (a recheck, a move): returns the state to go back to,
     * or empty when the torrent is not in a state that allows it (stopped, not checked yet, busy already).
     */
    synchronized Optional<TorrentState> beginDiskTask(TorrentState doing, String why) {
        if (stopped || picker == null || state == TorrentState.CHECKING || state == TorrentState.MOVING)
            return Optional.empty();
        TorrentState before = state == TorrentState.ERROR ? TorrentState.PAUSED : state;
        error = null;
        movedBytes = 0;
        setState(doing);
        for (Peer p : peerList()) p.close(why);
        writer.discardAssembling();
        return Optional.of(before);
    }

    /** The task is over: transfers resume as they were (paused stays paused), peers may be dialled again. */
    void endDiskTask(TorrentState before) {
        synchronized (this) {
            if (stopped) return;
            swarm.retryAllNow();
            setState(before == TorrentState.PAUSED ? TorrentState.PAUSED : runningState());
        }
        wake.release();
    }

    /** A recheck found these pieces on disk: they replace what we had, and the picker starts over. */
    synchronized void replacePieces(Bitfield found) {
        boolean sequential = picker.isSequential();
        have = found;
        fileCompletion = new FileCompletion(pieceMap, have);
        picker = new PiecePicker<>(meta.pieceCount(), meta::pieceSize, have.copy(), RandomGenerator.getDefault());
        picker.setSequential(sequential);
        applyPriorities();
    }

    synchronized void moved(long bytes) {
        movedBytes = bytes;
    }

    void savePathChanged(Path now) {
        savePath = now;
    }

    /** Asks every tracker and the DHT for peers now, ignoring their minimum intervals. */
    public void forceReannounce() {
        trackers.forceAnnounce();
        if (dht != null) dht.forceNext();
        wake.release();
    }

    /** Puts the first and last piece of every wanted file before all others (for previewing media). */
    public synchronized void setFirstAndLastPiecesFirst(boolean value) {
        files.setFirstAndLastPiecesFirst(value);
        if (picker != null) {
            applyPriorities();
            requests.refreshInterest();
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
    public synchronized void setUploadSlots(int slots) {
        uploads.setSlots(slots);
    }

    /** The most connections this torrent keeps (at most the session's limit); extra peers are dropped. */
    public synchronized void setMaxPeers(int max) {
        if (max <= 0) throw new IllegalArgumentException("the peer limit must be positive");
        maxPeers = max;
        List<Peer> all = peerList();
        for (int i = max; i < all.size(); i++) all.get(i).close("the torrent's peer limit was lowered");
    }

    /** The session listens on another port now: trackers must hear it (the DHT reads it at each announce). */
    public void listenPortChanged() {
        trackers.restart();
        if (dht != null) dht.forceNext();
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

    /** Adds trackers, each in a tier of its own after the others; ones already listed are skipped. */
    public void addTrackers(List<java.net.URI> urls) {
        trackers.add(urls);
    }

    public void removeTrackers(java.util.Collection<java.net.URI> urls) {
        trackers.remove(urls);
    }

    public synchronized void setSequential(boolean sequential) {
        if (picker != null) picker.setSequential(sequential);
    }

    /** Stops transferring: connections close, the peers' addresses are kept for {@link #resume()}. */
    public void pause() {
        synchronized (this) {
            if (!isActive()) return;
            setState(TorrentState.PAUSED);
            for (Peer p : peerList()) p.close("paused");
        }
        trackers.stop();
    }

    public void resume() {
        synchronized (this) {
            if (stopped || (state != TorrentState.PAUSED && state != TorrentState.ERROR)) return;
            if (picker == null) return; // failed before it could start: nothing to resume
            error = null;
            outcomes.newEpoch();
            swarm.retryAllNow();
            setState(runningState());
        }
        if (params.useTrackers()) trackers.start();
        wake.release();
    }

    /**
     * Stops for good: closes peers, lets verified pieces reach the disk, tells trackers, releases files.
     * Blocks briefly (bounded) for the last writes and the {@code stopped} announce.
     */
    public void stop() {
        List<Peer> toClose;
        synchronized (this) {
            if (stopped) return;
            stopped = true;
            toClose = peerList();
        }
        for (Peer p : toClose) p.close("torrent stopped");
        writer.drain(Duration.ofSeconds(30));
        trackers.stop();
        writer.close();
    }

    // ---- status ----

    public synchronized TorrentStatus status() {
        accountTime();
        int seeds = 0;
        for (Peer p : peers) if (p.isSeed()) seeds++;
        TorrentViews.TrackerSummary swarmSize = TorrentViews.summarize(trackers.status());
        return new TorrentStatus(
                meta.infoHash(),
                meta.name(),
                state,
                Optional.ofNullable(error),
                new TorrentStatus.Progress(
                        meta.totalLength(),
                        wantedBytes,
                        wantedDoneBytes,
                        writer.checkedBytes(),
                        movedBytes,
                        have == null ? 0 : have.cardinality(),
                        meta.pieceCount(),
                        1.0,
                        TorrentViews.distributedCopies(meta.pieceCount(), picker, !peers.isEmpty())),
                totals.transfer(outcomes.failedBytes(), downloadLimit.rate(), uploadLimit.rate()),
                new TorrentStatus.Peers(
                        peers.size(), seeds, swarmSize.seeds(), swarmSize.leechers(), swarm.knownCount()),
                totals.times(swarmSize.nextAnnounce()));
    }

    /** The connected peers, for a peer list. */
    public synchronized List<PeerInfo> peers() {
        return TorrentViews.peers(peers, swarm, meta.pieceCount());
    }

    /** Every file with its size, verified bytes and priority. */
    public synchronized List<FileInfo> files() {
        long[] done = have == null ? new long[meta.files().size()] : pieceMap.fileBytesDone(have);
        return TorrentViews.files(meta, storage.layout(), done, files);
    }

    /** Every piece's state and availability, for a piece map. */
    public synchronized PieceStates pieces() {
        return TorrentViews.pieces(meta.pieceCount(), picker, have);
    }

    /** Each tracker's state, for a tracker list in the UI. */
    public List<TrackerInfo> trackers() {
        return trackers.status();
    }

    /** For {@link TrackerLink}: what to report in announces. */
    @Override
    public synchronized long[] transferTotals() {
        long verified = 0;
        if (have != null) {
            int last = meta.pieceCount() - 1;
            verified = (long) have.cardinality() * meta.pieceLength();
            if (have.get(last)) verified -= meta.pieceLength() - meta.pieceSize(last);
        }
        return new long[] {totals.sessionUploaded(), totals.sessionDownloaded(), meta.totalLength() - verified};
    }

    /** Public torrents use the session's DHT node, if there is one. */
    private void dhtTick() {
        if (dht == null) return;
        boolean downloading;
        synchronized (this) {
            if (!isActive()) return;
            downloading = state == TorrentState.DOWNLOADING;
        }
        dht.tick(downloading);
    }

    /** Downloading with nobody to download from and nobody left to try. */
    private synchronized boolean needsPeersNow() {
        return state == TorrentState.DOWNLOADING && peers.isEmpty() && dialer.inProgress() == 0 && !swarm.hasUsable();
    }

    @Override
    public void trackerFailed(java.net.URI tracker, String message) {
        publish(new TorrentEvent.TrackerFailed(meta.infoHash(), tracker, message));
    }

    @Override
    public void trackerReplied(java.net.URI tracker, int peers) {
        publish(new TorrentEvent.TrackerReplied(meta.infoHash(), tracker, peers));
    }

    @Override
    public boolean isStopped() {
        return stopped;
    }
}
