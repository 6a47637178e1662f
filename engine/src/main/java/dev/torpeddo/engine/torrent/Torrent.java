package dev.torpeddo.engine.torrent;

import dev.torpeddo.engine.api.AddTorrent;
import dev.torpeddo.engine.api.PeerSource;
import dev.torpeddo.engine.api.SessionConfig;
import dev.torpeddo.engine.api.TorrentEvent;
import dev.torpeddo.engine.bandwidth.Bandwidth;
import dev.torpeddo.engine.bandwidth.RateLimiter;
import dev.torpeddo.engine.internal.Bitfield;
import dev.torpeddo.engine.internal.Clock;
import dev.torpeddo.engine.internal.Wakeup;
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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One torrent at work: checks existing data, then runs its peers, picker, choker and tracker announces.
 * This class is the coordinator: it builds the parts, runs the check and then the heartbeat, takes peers in
 * (through {@link PeerAdmission}) and is what the parts call back. The rest is split by concern: {@link
 * Lifecycle} (states and the moves between them), {@link PieceProgress} (what we have and want), {@link
 * TorrentControls} (user actions), {@link TorrentViews} (status and lists), and on the wire {@link
 * Requester} (what we ask peers for), {@link Uploader} (what we serve), {@link Extensions} (BEP 10 messages)
 * and {@link PieceOutcomes} (what follows a piece's hash check). Every mutable field of all of them is
 * guarded by this object's monitor; network threads call in through {@link Peer}, disk and hash threads
 * through {@link PieceWriter}.
 */
public final class Torrent implements TrackerLink.Owner {
    private static final System.Logger LOG = System.getLogger(Torrent.class.getName());
    /** Half a second between beats; news (a new address, a finished piece) wakes it sooner. */
    private static final long HEARTBEAT_NANOS = 500_000_000L;

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
    private final PeerAdmission<Peer> admission;
    private final FileSelection files;
    private final TrackerLink trackers;
    private final DhtUse dht; // null for a private torrent
    private final PeerExchange pex;
    final Requester requests;
    final Uploader uploads;
    final Extensions extensions;
    private final PieceOutcomes outcomes;
    private final Totals totals;
    private final Lifecycle lifecycle;
    private final TorrentControls controls;
    private final TorrentViews views;
    /** The resume record's settings and totals, when the torrent was added with a usable one. */
    private final Optional<ResumeRecord> restored;
    // This torrent's own limits; every connection also draws from the session's (ctx).
    private final RateLimiter downloadLimit;
    private final RateLimiter uploadLimit;

    /** What we have and want; null until the first check ends. */
    private PieceProgress progress;

    private long nextChokeNanos = Long.MIN_VALUE;
    private final Wakeup wake;
    private volatile Path savePath;
    private long movedBytes;

    public Torrent(AddTorrent params, TorrentContext ctx) throws IOException {
        this.meta = params.metainfo();
        this.params = params;
        this.ctx = ctx;
        this.config = ctx.config();
        this.clock = ctx.env().clock();
        this.wake = clock.newWakeup();
        this.pieceMap = new PieceMap(meta);
        this.restored = params.resumeData().flatMap(r -> Checkpoint.settingsOf(meta, r));
        this.totals = new Totals(clock);
        this.files = new FileSelection(pieceMap, Checkpoint.priorities(params.filePriorities(), restored));
        this.storage = ctx.env()
                .storage()
                .open(meta, params.downloadDir(), files.unwantedFiles(), Checkpoint.layout(meta, restored));
        // The caller kept a record that names the files as they are: a rename journal standing in for it can go.
        if (restored.isPresent()) storage.layoutRecorded(Checkpoint.layout(meta, restored));
        // Opening follows a move an earlier run finished (or undoes one it cut short): the files are here.
        this.savePath = storage.downloadDir();
        this.outcomes = new PieceOutcomes(
                this,
                config.banAfterHashFailures(),
                ctx.env().random().secure("smart ban salt " + meta.infoHash().hex()));
        this.writer = new PieceWriter(
                outcomes, meta, storage, ctx.diskIo(), ctx.hashPool(), ctx.env().threads());
        this.trackers = new TrackerLink(
                this,
                meta.infoHash(),
                restored.map(ResumeRecord::trackerTiers)
                        .filter(t -> !t.isEmpty())
                        .orElse(meta.trackerTiers()),
                ctx,
                true);
        this.dialer = new PeerDialer(
                ctx, meta.infoHash(), this, swarm, (a, est) -> attach(est.connection(), est.remote(), true, a));
        // BEP 27: a private torrent learns peers from its trackers only.
        this.pex = new PeerExchange(meta.isPrivate(), config.pex(), clock);
        this.dht = meta.isPrivate()
                ? null
                : new DhtUse(
                        ctx.dht(),
                        node -> new DhtLink(
                                node,
                                meta.infoHash(),
                                ctx.listenPort(),
                                found -> addPeerCandidates(found, PeerSource.DHT),
                                clock));
        this.admission = new PeerAdmission<>(ctx.connectionSlots(), swarm, clock, config.maxPeersPerTorrent());
        this.downloadLimit = new RateLimiter(clock, params.downloadLimit());
        this.uploadLimit = new RateLimiter(clock, params.uploadLimit());
        restored.ifPresent(this::restoreFrom);
        this.lifecycle =
                new Lifecycle(this, writer, trackers, swarm, outcomes, totals, params.useTrackers(), params.paused());
        DiskTasks diskTasks = new DiskTasks(
                this, lifecycle, writer, storage, ctx.diskIo(), ctx.env().threads());
        this.requests = new Requester(this, pieceMap, writer, config.maxRequestsPerPeer());
        this.uploads = new Uploader(
                this,
                pieceMap,
                writer,
                config.uploadSlots(),
                config.maxQueuedRequestsFromPeer(),
                ctx.env().random().generator("choker " + meta.infoHash().hex()));
        this.extensions = new Extensions(this, pex, ctx.listenPort(), config.maxQueuedRequestsFromPeer());
        this.controls = new TorrentControls(
                this, files, storage, downloadLimit, uploadLimit, admission, trackers, dht, pex, diskTasks);
        this.views = new TorrentViews(
                this,
                lifecycle,
                storage,
                files,
                writer,
                admission,
                swarm,
                trackers,
                outcomes,
                totals,
                downloadLimit,
                uploadLimit);
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
        ctx.env().threads().startVirtual("torrent-" + meta.infoHash().hex().substring(0, 8), this::run);
    }

    private void run() {
        if (meta.pieceLength() > PieceWriter.MAX_PIECE_LENGTH) {
            // Pieces are assembled in memory; one this large would not fit the bounded heap.
            fail("pieces of " + (meta.pieceLength() >> 20) + " MiB are larger than Torpeddo supports yet ("
                    + (PieceWriter.MAX_PIECE_LENGTH >> 20) + " MiB)");
            return;
        }
        // Announce while checking, as other clients do: peers are ready by the time the check ends.
        boolean announce;
        synchronized (this) {
            announce = params.useTrackers() && !lifecycle.pausedAfterCheck();
        }
        if (announce) trackers.start();
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
            if (lifecycle.isStopped()) return;
            boolean sequential = params.sequential()
                    || restored.map(r -> r.options().sequential()).orElse(false);
            progress = new PieceProgress(
                    pieceMap,
                    files,
                    found,
                    sequential,
                    ctx.env().random().generator("picker " + meta.infoHash().hex()));
            lifecycle.checked();
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
            if (progress == null && params.resumeData().isPresent())
                return CompletableFuture.completedFuture(params.resumeData().get());
            facts = views.resumeFacts();
        }
        return ctx.diskIo().submit(() -> Checkpoint.write(meta, storage, facts));
    }

    /** Stops transferring: connections close, the peers' addresses are kept for {@link #resume()}. */
    public void pause() {
        lifecycle.pause();
    }

    /** Carries on after a pause, or after an error once its cause is fixed. */
    public void resume() {
        lifecycle.resume();
    }

    /**
     * Stops for good: closes peers, lets verified pieces reach the disk, tells trackers, releases files.
     * Blocks briefly (bounded) for the last writes and the {@code stopped} announce.
     */
    public void stop() {
        lifecycle.stop();
    }

    /** What the user changes while the torrent runs. */
    public TorrentControls controls() {
        return controls;
    }

    /** What the torrent shows of itself: status, peers, files, pieces, trackers. */
    public TorrentViews views() {
        return views;
    }

    /** The torrent's heartbeat: dial peers, run the choker, release requests held by snubbing peers. */
    private void maintain() {
        while (!lifecycle.isStopped()) {
            synchronized (this) {
                long now = clock.nanoTime();
                if (isActive()) dialer.dialDue(admission.room());
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
                if (isActive()) pex.share(admission.peers());
            }
            publishVerifiedPieces();
            trackers.poll();
            if (needsPeersNow()) trackers.announceNow(); // the announcer holds this to the min interval
            dhtTick();
            try {
                wake.await(HEARTBEAT_NANOS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    // ---- peers ----

    /** Takes over an incoming connection whose handshake named this torrent. */
    public void acceptIncoming(Network.Connection c, Handshake remote) throws IOException {
        admission.takeIncomingSlot();
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
        Optional<String> refused;
        synchronized (this) {
            Optional<PeerAdmission.Refusal> notNow = lifecycle.isStopped() || !isActive()
                    ? Optional.of(new PeerAdmission.Refusal("torrent not active", false))
                    : Optional.empty();
            refused = admission.admit(peer, remote, address, outgoing, notNow);
            if (refused.isEmpty()) sendGreeting(peer);
        }
        if (refused.isPresent()) {
            admission.turnAway(c);
            return;
        }
        LOG.log(
                System.Logger.Level.DEBUG,
                "{0}: connected ({1}, {2})",
                address,
                outgoing ? "outgoing" : "incoming",
                new String(remote.peerId(), 0, 8, StandardCharsets.ISO_8859_1));
        conn.start(peer, ctx.env().threads());
    }

    private void sendGreeting(Peer peer) {
        Bitfield have = progress.have();
        if (peer.fast() && have.isComplete()) peer.send(new Message.HaveAll());
        else if (peer.fast() && have.isEmpty()) peer.send(new Message.HaveNone());
        else if (!have.isEmpty()) peer.send(new Message.Bitfield(have.toWire()));
        // After the bitfield, as libtorrent does: strict peers want the bitfield first.
        extensions.sendHandshake(peer);
    }

    synchronized void onPeerClosed(Peer peer, String reason) {
        peer.markGone();
        if (!admission.leave(peer)) return;
        if (progress != null) progress.picker().peerDisconnected(peer);
        LOG.log(System.Logger.Level.DEBUG, "{0}: {1}", peer, reason);
        requests.fillOthers(peer);
    }

    // ---- for the torrent's parts (all under this object's lock) ----

    /** The connected peers, copied: callers may close peers while iterating. */
    List<Peer> peerList() {
        return admission.peerList();
    }

    PiecePicker<Peer> picker() {
        return progress == null ? null : progress.picker();
    }

    /** Null until the first check ends. */
    PieceProgress progress() {
        return progress;
    }

    Swarm swarm() {
        return swarm;
    }

    long now() {
        return clock.nanoTime();
    }

    boolean hasPiece(int piece) {
        return progress.has(piece);
    }

    boolean isActive() {
        return lifecycle.isActive();
    }

    boolean isDownloading() {
        return lifecycle.isDownloading();
    }

    boolean isSeeding() {
        return lifecycle.isSeeding();
    }

    boolean isDone() {
        return progress != null && progress.isDone();
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
        Optional<List<Integer>> completedFiles = progress.add(piece);
        if (completedFiles.isEmpty()) return;
        for (int file : completedFiles.get()) publish(new TorrentEvent.FileCompleted(meta.infoHash(), file));
        requests.pieceAdded(piece);
        lifecycle.pieceAdded();
    }

    /** Sends the pieces verified since the last heartbeat as one event. */
    private void publishVerifiedPieces() {
        int[] pieces;
        synchronized (this) {
            pieces = progress.takeVerified();
        }
        if (pieces.length == 0) return;
        publish(new TorrentEvent.PiecesVerified(meta.infoHash(), pieces));
    }

    /** Public torrents use the session's DHT node, if one runs now. */
    private void dhtTick() {
        if (dht == null) return;
        boolean downloading;
        synchronized (this) {
            if (!isActive()) return;
            downloading = isDownloading();
        }
        dht.tick(downloading);
    }

    /** Downloading with nobody to download from and nobody left to try. */
    private synchronized boolean needsPeersNow() {
        return isDownloading() && admission.isEmpty() && dialer.inProgress() == 0 && !swarm.hasUsable();
    }

    /** A disk or internal fault: stop transferring, keep what is verified, tell the user why. */
    void fail(String message) {
        lifecycle.fail(message);
    }

    /** The file selection changed: the picker follows it, and a seed that now lacks wanted pieces downloads. */
    void selectionChanged() {
        if (progress == null) return;
        progress.applyPriorities();
        lifecycle.selectionChanged();
        requests.refreshInterest();
    }

    /** The heartbeat runs at once (new addresses to dial), not half a second later. */
    void wake() {
        wake.signal();
    }

    /** A recheck found these pieces on disk: they replace what we had, and the picker starts over. */
    synchronized void replacePieces(Bitfield found) {
        progress.replace(found);
    }

    synchronized void moved(long bytes) {
        movedBytes = bytes;
    }

    /** How far the current or last move has got. */
    long movedBytes() {
        return movedBytes;
    }

    void savePathChanged(Path now) {
        savePath = now;
    }

    // ---- for TrackerLink and DhtLink ----

    @Override
    public synchronized void addPeerCandidates(List<InetSocketAddress> addresses, PeerSource source) {
        for (InetSocketAddress a : addresses) swarm.add(a, source);
        wake.signal();
    }

    /** For {@link TrackerLink}: what to report in announces. */
    @Override
    public synchronized long[] transferTotals() {
        long left = progress == null ? meta.totalLength() : progress.leftBytes();
        return new long[] {totals.sessionUploaded(), totals.sessionDownloaded(), left};
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
        return lifecycle.isStopped();
    }
}
