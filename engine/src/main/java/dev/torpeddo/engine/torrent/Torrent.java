package dev.torpeddo.engine.torrent;

import dev.torpeddo.engine.internal.Bitfield;
import dev.torpeddo.engine.internal.Clock;
import dev.torpeddo.engine.internal.Futures;
import dev.torpeddo.engine.internal.RateMeter;
import dev.torpeddo.engine.metainfo.Metainfo;
import dev.torpeddo.engine.net.Network;
import dev.torpeddo.engine.peer.PeerConnection;
import dev.torpeddo.engine.picker.BlockReceipt;
import dev.torpeddo.engine.picker.BlockRequest;
import dev.torpeddo.engine.picker.PickerException;
import dev.torpeddo.engine.picker.PiecePicker;
import dev.torpeddo.engine.session.AddTorrent;
import dev.torpeddo.engine.session.SessionConfig;
import dev.torpeddo.engine.session.TorrentEvent;
import dev.torpeddo.engine.session.TorrentState;
import dev.torpeddo.engine.session.TorrentStatus;
import dev.torpeddo.engine.storage.PieceMap;
import dev.torpeddo.engine.storage.Storage;
import dev.torpeddo.engine.wire.ExtensionHandshake;
import dev.torpeddo.engine.wire.Handshake;
import dev.torpeddo.engine.wire.Message;
import dev.torpeddo.engine.wire.WireException;
import dev.torpeddo.engine.wire.WireLimits;
import dev.torpeddo.engine.wire.ext.ExtensionException;
import dev.torpeddo.engine.wire.ext.ExtensionIds;
import dev.torpeddo.engine.wire.ext.MetadataAssembler;
import dev.torpeddo.engine.wire.ext.UtMetadataCodec;
import dev.torpeddo.engine.wire.ext.UtMetadataMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * One torrent at work: checks existing data, then runs its peers, picker, choker and tracker announces,
 * and assembles, verifies and writes pieces. Every mutable field is guarded by {@code this}; network
 * threads call in through {@link Peer}, disk and hash threads through {@link PieceWriter}.
 */
public final class Torrent implements TrackerLink.Owner {
    private static final System.Logger LOG = System.getLogger(Torrent.class.getName());
    private static final long SNUB_NANOS = 60_000_000_000L;
    private static final int MAX_UNSOLICITED_BLOCKS = 200;
    private static final long MAX_UPLOAD_QUEUE_BYTES = 4L << 20;

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
    private final SmartBan<PeerKey> smartBan = new SmartBan<>();
    private final Set<Peer> peers = new LinkedHashSet<>();
    private final UploadSlots uploadSlots;
    private final FileSelection files;
    private final RateMeter downloadMeter;
    private final RateMeter uploadMeter;
    private final TrackerLink trackers;
    private final DhtLink dht;
    private final PeerExchange pex;
    private PiecePicker<Peer> picker;
    private Bitfield have;
    private TorrentState state = TorrentState.CHECKING;
    private TorrentState stateBeforePause = TorrentState.DOWNLOADING;
    private String error;
    private volatile boolean stopped;
    private long wantedBytes;
    private long wantedDoneBytes;
    private long downloaded;
    private long uploaded;
    private volatile long failedBytes;
    private long nextChokeNanos = Long.MIN_VALUE;
    private final java.util.concurrent.Semaphore wake = new java.util.concurrent.Semaphore(0);
    private volatile int resumeEpoch;

    public Torrent(AddTorrent params, TorrentContext ctx) throws IOException {
        this.meta = params.metainfo();
        this.params = params;
        this.ctx = ctx;
        this.config = ctx.config();
        this.clock = config.clock();
        this.pieceMap = new PieceMap(meta);
        this.files = new FileSelection(pieceMap, params.filePriorities());
        this.storage = config.storage().open(meta, params.downloadDir(), files.unwantedFiles());
        this.writer = new PieceWriter(this, meta, storage, ctx.diskIo(), ctx.hashPool());
        this.uploadSlots = new UploadSlots(config.uploadSlots());
        this.downloadMeter = new RateMeter(clock);
        this.uploadMeter = new RateMeter(clock);
        this.trackers = new TrackerLink(this, meta.infoHash(), meta.trackerTiers(), ctx);
        this.dialer = new PeerDialer(
                ctx, meta.infoHash(), this, swarm, (a, est) -> attach(est.connection(), est.remote(), true, a));
        // BEP 27: a private torrent learns peers from its trackers only.
        this.pex = new PeerExchange(meta.isPrivate(), clock);
        this.dht = meta.isPrivate()
                ? null
                : ctx.dht()
                        .map(node ->
                                new DhtLink(node, meta.infoHash(), ctx.listenPort(), this::addPeerCandidates, clock))
                        .orElse(null);
    }

    public Metainfo metainfo() {
        return meta;
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
            found = writer.checkExisting();
        } catch (InterruptedException e) {
            return;
        } catch (IOException e) {
            fail("checking existing data failed: " + e.getMessage());
            return;
        }
        synchronized (this) {
            if (stopped) return;
            have = found;
            picker = new PiecePicker<>(meta.pieceCount(), meta::pieceSize, have.copy(), RandomGenerator.getDefault());
            picker.setSequential(params.sequential());
            applyPriorities();
            stateBeforePause = isDoneLocked() ? TorrentState.SEEDING : TorrentState.DOWNLOADING;
            setState(params.paused() ? TorrentState.PAUSED : stateBeforePause);
            for (InetSocketAddress a : params.peers()) swarm.add(a);
        }
        maintain();
    }

    /** The torrent's heartbeat: dial peers, run the choker, release requests held by snubbing peers. */
    private void maintain() {
        while (!stopped) {
            synchronized (this) {
                long now = clock.nanoTime();
                if (isActive()) dialer.dialDue(config.maxPeersPerTorrent() - peers.size());
                if (now >= nextChokeNanos) {
                    chokeRound(now);
                    nextChokeNanos = now + config.chokeInterval().toNanos();
                }
                for (Peer p : List.copyOf(peers)) {
                    p.connection.checkTimers(now); // idle timeout and keep-alives
                    checkSnubbed(p, now);
                    fillRequests(p); // nothing may wait on an event that never comes
                }
                if (isActive()) pex.share(peers);
            }
            trackers.poll();
            if (needsPeersNow()) trackers.announceNow(); // the announcer holds this to the min interval
            dhtTick();
            try {
                // Half a second between beats, but new addresses are dialled at once.
                if (wake.tryAcquire(500, java.util.concurrent.TimeUnit.MILLISECONDS)) wake.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private boolean isActive() {
        return state == TorrentState.DOWNLOADING || state == TorrentState.SEEDING;
    }

    /** Takes over an incoming connection whose handshake named this torrent. */
    public void acceptIncoming(Network.Connection c, Handshake remote) throws IOException {
        if (!ctx.connectionSlots().tryAcquire()) throw new IOException("too many connections");
        attach(c, remote, false, c.remote());
    }

    private void attach(Network.Connection c, Handshake remote, boolean outgoing, InetSocketAddress address) {
        PeerConnection conn =
                new PeerConnection(c, remote, clock, wireLimits(), config.idleTimeout(), config.keepAliveInterval());
        Peer peer = new Peer(conn, this, outgoing, meta.pieceCount(), clock.nanoTime());
        String why = null;
        synchronized (this) {
            if (stopped || !isActive()) why = "torrent not active";
            else if (peers.size() >= config.maxPeersPerTorrent()) why = "too many peers";
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
                new String(remote.peerId(), 0, 8, java.nio.charset.StandardCharsets.ISO_8859_1));
        conn.start(peer);
    }

    private boolean hasPeerId(byte[] id) {
        for (Peer p : peers)
            if (java.util.Arrays.equals(p.connection.handshake().peerId(), id)) return true;
        return false;
    }

    private WireLimits wireLimits() {
        return new WireLimits(WireLimits.BLOCK, 1 << 20, meta.pieceCount());
    }

    private void sendGreeting(Peer peer) {
        if (peer.fast() && have.isComplete()) peer.send(new Message.HaveAll());
        else if (peer.fast() && have.isEmpty()) peer.send(new Message.HaveNone());
        else if (!have.isEmpty()) peer.send(new Message.Bitfield(have.toWire()));
        // After the bitfield, as libtorrent does: strict peers want the bitfield first.
        if (peer.connection.handshake().supportsExtensionProtocol()) {
            // metadata_size lets magnet users fetch the info dictionary from us (BEP 9).
            peer.send(new Message.Extended(
                    0,
                    ExtensionIds.handshake(
                                    ctx.listenPort().getAsInt(),
                                    config.maxQueuedRequestsFromPeer(),
                                    ExtensionIds.CLIENT,
                                    java.util.OptionalInt.of(meta.rawInfo().length),
                                    !meta.isPrivate())
                            .encode()));
        }
    }

    // ---- messages from peers (called on the peer's reader thread) ----

    synchronized void onBitfield(Peer peer, byte[] bits, boolean first) throws WireException {
        Bitfield received;
        try {
            received = Bitfield.fromWire(bits, meta.pieceCount());
        } catch (IllegalArgumentException e) {
            throw new WireException(e.getMessage());
        }
        if (!first) {
            for (int i = received.nextSetBit(0); i >= 0; i = received.nextSetBit(i + 1)) onHave(peer, i);
            return;
        }
        peer.has = received;
        try {
            picker.peerBitfield(peer, peer.has);
        } catch (PickerException e) {
            throw new WireException(e.getMessage());
        }
        afterPeerHasChanged(peer);
    }

    synchronized void onHaveAll(Peer peer) {
        if (peer.isSeed()) return;
        peer.has = Bitfield.full(meta.pieceCount());
        picker.peerHasAll(peer);
        afterPeerHasChanged(peer);
    }

    synchronized void onHave(Peer peer, int piece) throws WireException {
        if (piece < 0 || piece >= meta.pieceCount())
            throw new WireException("have for piece " + piece + " out of range");
        if (!peer.has.set(piece)) return;
        try {
            picker.peerHas(peer, piece);
        } catch (PickerException e) {
            throw new WireException(e.getMessage());
        }
        if (peer.isSeed() && isDoneLocked()) {
            peer.connection.close("both are seeds");
            return;
        }
        if (!peer.amInterested && wants(piece)) setInterested(peer, true);
        fillRequests(peer);
    }

    private void afterPeerHasChanged(Peer peer) {
        if (peer.isSeed() && isDoneLocked()) {
            peer.connection.close("both are seeds");
            return;
        }
        setInterested(peer, wantsAnything(peer));
        fillRequests(peer);
    }

    synchronized void onChoked(Peer peer) {
        peer.peerChoking = true;
        releaseRequests(peer);
        fillOthers(peer);
    }

    synchronized void onUnchoked(Peer peer) {
        peer.peerChoking = false;
        peer.lastPieceNanos = clock.nanoTime(); // the snub clock starts now, not at connect
        fillRequests(peer);
    }

    synchronized void onInterest(Peer peer, boolean interested) {
        peer.peerInterested = interested;
        if (interested && isActive()) uploadSlots.offerFreeSlot(peer, peers, clock.nanoTime());
    }

    /** Decides whether to serve a request; true means the caller queues the read with {@link #serve}. */
    synchronized boolean onRequest(Peer peer, BlockRequest b) throws WireException {
        if (!pieceMap.isValidBlock(b.piece(), b.offset(), b.length())) {
            throw new WireException("request out of range: " + b);
        }
        // Requests being read from disk and blocks waiting to be sent both count: a peer that asks but
        // does not read cannot make us buffer more than a few MiB for it.
        boolean allowed = !peer.amChoking
                && have.get(b.piece())
                && peer.serving.size() < config.maxQueuedRequestsFromPeer()
                && peer.connection.queuedBytes() + (long) peer.serving.size() * WireLimits.BLOCK
                        < MAX_UPLOAD_QUEUE_BYTES;
        if (!allowed) {
            if (peer.connection.queuedBytes() >= 2 * MAX_UPLOAD_QUEUE_BYTES) {
                throw new WireException("requests far beyond what it reads");
            }
            if (peer.fast()) peer.send(new Message.Reject(b.piece(), b.offset(), b.length()));
            return false;
        }
        return peer.serving.add(b);
    }

    void serve(Peer peer, BlockRequest b) {
        Futures.whenDone(writer.readBlock(b), (data, failure) -> blockRead(peer, b, data, failure));
    }

    private synchronized void blockRead(Peer peer, BlockRequest b, byte[] data, Throwable failure) {
        if (failure != null) {
            fail("reading " + meta.name() + " failed: " + failure.getMessage());
            return;
        }
        if (!peer.serving.remove(b) || peer.connection.isClosed()) return;
        peer.send(new Message.Piece(b.piece(), b.offset(), data));
        uploaded += data.length;
        uploadMeter.add(data.length);
    }

    synchronized void onCancel(Peer peer, BlockRequest b) {
        peer.serving.remove(b);
    }

    synchronized void onReject(Peer peer, BlockRequest b) {
        if (peer.inFlight.remove(b)) {
            picker.requestRejected(peer, b);
            fillOthers(peer);
        }
    }

    synchronized void onAllowedFast(Peer peer, int piece) {
        // BEP 6 suggests about ten; more is either a bug or an attempt to make us track a huge set.
        if (piece >= 0 && piece < meta.pieceCount() && peer.allowedFast.size() < 32) {
            peer.allowedFast.add(piece);
            fillRequests(peer);
        }
    }

    /** Blocks were released by {@code from}: let the other peers take them. */
    private void fillOthers(Peer from) {
        for (Peer p : List.copyOf(peers)) if (p != from) fillRequests(p);
    }

    synchronized void onBlock(Peer peer, int piece, int offset, byte[] data) throws WireException {
        BlockRequest b = new BlockRequest(piece, offset, data.length);
        downloaded += data.length;
        downloadMeter.add(data.length);
        boolean asked = peer.inFlight.remove(b);
        if (!asked) {
            // Late blocks after a choke, a cancel or a snub are normal, and still useful if the piece
            // needs them; a stream of unasked data is not.
            if (++peer.unsolicited > MAX_UNSOLICITED_BLOCKS) throw new WireException("too many unrequested blocks");
        } else if (peer.unsolicited > 0) {
            peer.unsolicited--;
        }
        peer.lastPieceNanos = clock.nanoTime();
        peer.snubbed = false;
        if (peer.slowStartDepth < config.maxRequestsPerPeer()) peer.slowStartDepth++;
        BlockReceipt<Peer> receipt = picker.blockReceived(peer, b);
        if (receipt.wanted()) {
            writer.addBlock(piece, offset, data, peer.key());
            for (Peer other : receipt.cancelFrom()) {
                if (other.inFlight.remove(b)) other.send(new Message.Cancel(piece, offset, data.length));
            }
            if (receipt.pieceComplete()) writer.verifyAndWrite(piece);
        }
        fillRequests(peer);
    }

    synchronized void onExtended(Peer peer, Message.Extended m) throws WireException {
        if (m.extendedId() == 0) {
            ExtensionHandshake.parse(m.payload()).ifPresent(h -> {
                if (h.maxRequests() > 0) peer.theirMaxRequests = Math.min(h.maxRequests(), 2000);
                peer.theirMetadataId =
                        ExtensionIds.remoteId(h, ExtensionIds.UT_METADATA).orElse(0);
                peer.theirListenPort = h.listenPort();
                pex.handshake(peer, h);
            });
            return;
        }
        if (m.extendedId() == ExtensionIds.UT_PEX_ID) {
            addPeers(pex.received(peer, m.payload()));
            return;
        }
        if (m.extendedId() != ExtensionIds.UT_METADATA_ID) return;
        UtMetadataMessage msg;
        try {
            msg = UtMetadataCodec.decode(m.payload());
        } catch (ExtensionException e) {
            throw new WireException("bad ut_metadata message: " + e.getMessage());
        }
        if (msg instanceof UtMetadataMessage.Request r && peer.theirMetadataId > 0) {
            // Serve our info dictionary to peers that came by magnet link; a piece out of range is rejected.
            MetadataAssembler.serve(meta.rawInfo(), r.piece())
                    .ifPresent(reply ->
                            peer.send(new Message.Extended(peer.theirMetadataId, UtMetadataCodec.encode(reply))));
        }
    }

    synchronized void onPeerClosed(Peer peer, String reason) {
        peer.gone = true;
        if (!peers.remove(peer)) return;
        ctx.connectionSlots().release();
        if (picker != null) picker.peerDisconnected(peer);
        peer.inFlight.clear();
        peer.serving.clear();
        if (peer.outgoing) swarm.disconnected(peer.address(), clock.nanoTime());
        LOG.log(System.Logger.Level.DEBUG, "{0}: {1}", peer, reason);
        fillOthers(peer);
    }

    // ---- requesting ----

    private void fillRequests(Peer peer) {
        if (!peer.amInterested || state != TorrentState.DOWNLOADING) return;
        if (writer.backlogBytes() > PieceWriter.MEMORY_BUDGET_BYTES) return; // the disk is behind: let it catch up
        boolean mayStartPieces =
                writer.memoryBytes() < PieceWriter.MEMORY_BUDGET_BYTES || writer.assemblingPieces() == 0;
        int depth = pipelineDepth(peer);
        int room = depth - peer.inFlight.size();
        // Refill in batches, never letting the pipeline fall below three quarters: fewer picker calls, and
        // fewer, larger request packets for the peer to wake up to (64 rather than 16: the seeder spent
        // 0.04-0.09 CPU-s less per GiB and the download was ~5 % faster in interleaved runs on two cores).
        if (room < Math.min(64, depth / 4 + 1)) return;
        List<BlockRequest> picked = peer.peerChoking
                ? picker.pickAllowedFast(peer, peer.allowedFast, room)
                : picker.pick(peer, room, mayStartPieces);
        if (picked.isEmpty()
                && !mayStartPieces
                && peer.inFlight.isEmpty()
                && !peer.peerChoking
                && writer.backlogBytes() < PieceWriter.MEMORY_BUDGET_BYTES) {
            // The started pieces are all waiting on other peers (or nobody has their missing blocks):
            // exceed the budget rather than let this peer idle for good.
            picked = picker.pick(peer, room, true);
        }
        for (BlockRequest b : picked) {
            peer.inFlight.add(b);
            peer.send(new Message.Request(b.piece(), b.offset(), b.length()));
        }
        if (picked.isEmpty() && peer.inFlight.isEmpty() && !wantsAnything(peer)) setInterested(peer, false);
    }

    /**
     * How many requests to keep in flight to a peer: a slow start that grows by one per block received
     * (so a fast peer reaches the maximum within a few MiB), or two seconds' worth at its measured rate,
     * never more than we allow or it accepts.
     */
    private int pipelineDepth(Peer peer) {
        if (peer.snubbed) return 1;
        long perTwoSeconds = 2 * peer.connection.downloadMeter().rate() / WireLimits.BLOCK;
        long depth = Math.max(peer.slowStartDepth, perTwoSeconds);
        return (int) Math.min(Math.min(depth, config.maxRequestsPerPeer()), peer.theirMaxRequests);
    }

    private void releaseRequests(Peer peer) {
        if (picker == null) return;
        for (BlockRequest b : peer.inFlight) picker.requestRejected(peer, b);
        peer.inFlight.clear();
    }

    /**
     * A peer that owes us blocks and sent none for a minute is snubbing us: its requests are cancelled
     * and go to others, it keeps one request at a time, and it loses its regular unchoke slot.
     */
    private void checkSnubbed(Peer peer, long now) {
        if (peer.inFlight.isEmpty() || now - peer.lastPieceNanos <= SNUB_NANOS) return;
        peer.snubbed = true;
        peer.slowStartDepth = 1;
        peer.lastPieceNanos = now; // check again a minute from now
        for (BlockRequest b : peer.inFlight) peer.send(new Message.Cancel(b.piece(), b.offset(), b.length()));
        releaseRequests(peer);
        fillOthers(peer);
    }

    private boolean wants(int piece) {
        return !have.get(piece) && picker.piecePriority(piece) > 0;
    }

    private boolean wantsAnything(Peer peer) {
        for (int i = peer.has.nextSetBit(0); i >= 0; i = peer.has.nextSetBit(i + 1)) {
            if (wants(i)) return true;
        }
        return false;
    }

    private void setInterested(Peer peer, boolean interested) {
        if (peer.amInterested == interested) return;
        peer.amInterested = interested;
        peer.send(interested ? new Message.Interested() : new Message.NotInterested());
    }

    // ---- choking ----

    private void chokeRound(long now) {
        if (isActive()) uploadSlots.round(now, peers, state == TorrentState.SEEDING);
    }

    // ---- pieces (called back by PieceWriter) ----

    synchronized void pieceWritten(int piece) {
        if (!have.set(piece)) return; // even when stopping: it is on disk, so it counts
        picker.pieceVerified(piece);
        wantedDoneBytes += files.wantedBytesOf(piece);
        if (state == TorrentState.DOWNLOADING) for (Peer p : List.copyOf(peers)) fillRequests(p);
        Message haveMsg = new Message.Have(piece);
        for (Peer p : List.copyOf(peers)) {
            if (!p.has.get(piece)) p.send(haveMsg);
            if (p.amInterested && p.inFlight.isEmpty() && !wantsAnything(p)) setInterested(p, false);
        }
        if (state == TorrentState.DOWNLOADING && isDoneLocked()) {
            setState(TorrentState.SEEDING);
            writer.dropPooledBuffers();
            ctx.events().accept(new TorrentEvent.Finished(meta.infoHash()));
            trackers.completed();
            for (Peer p : List.copyOf(peers)) if (p.isSeed()) p.connection.close("both are seeds");
        }
    }

    synchronized void pieceFailed(int piece, byte[] data, List<PeerKey> senders) {
        if (stopped) return;
        failedBytes += meta.pieceSize(piece);
        ctx.events().accept(new TorrentEvent.PieceFailed(meta.infoHash(), piece));
        picker.pieceFailed(piece);
        Set<PeerKey> contributors = new java.util.HashSet<>(senders);
        contributors.remove(null);
        if (contributors.size() == 1) {
            // One peer sent the whole piece: it is to blame, though a single bad piece may be an accident.
            PeerKey only = contributors.iterator().next();
            if (swarm.strike(only.address(), only.peerId(), config.banAfterHashFailures())) ban(only);
        } else {
            smartBan.pieceFailed(piece, data, senders, WireLimits.BLOCK);
        }
        for (Peer p : List.copyOf(peers)) fillRequests(p);
    }

    /** Whether any piece ever failed: only then do passed pieces need the smart-ban comparison. */
    boolean hadFailures() {
        return failedBytes > 0;
    }

    /** A piece passed its hash: peers proven to have sent bad blocks of it earlier are banned. */
    synchronized void pieceHashed(int piece, byte[] good) {
        for (PeerKey liar : smartBan.pieceVerified(piece, good)) {
            swarm.strike(liar.address(), liar.peerId(), 1);
            ban(liar);
        }
    }

    private void ban(PeerKey key) {
        ctx.events().accept(new TorrentEvent.PeerBanned(meta.infoHash(), key.address(), "sent corrupt data"));
        for (Peer p : List.copyOf(peers)) {
            if (swarm.isBanned(p.address(), p.key().peerId())) p.connection.close("banned: sent corrupt data");
        }
    }

    /** Verified data could not be written (disk full, I/O error): the piece is needed again, and we stop. */
    synchronized void pieceWriteFailed(int piece, Throwable failure, int epochAtSubmit) {
        picker.pieceFailed(piece); // no blame: the data was good
        // A write queued before the user resumed failed for the old reason: fetch the piece again quietly.
        if (epochAtSubmit != resumeEpoch) return;
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause()
                : failure;
        fail("writing to " + params.downloadDir() + " failed: " + cause.getMessage());
    }

    /** A disk or internal fault: stop transferring, keep what is verified, tell the user why. */
    synchronized void fail(String message) {
        if (state == TorrentState.ERROR || stopped) return;
        error = message;
        LOG.log(System.Logger.Level.WARNING, "{0}: {1}", meta.name(), message);
        setState(TorrentState.ERROR);
        ctx.events().accept(new TorrentEvent.Failed(meta.infoHash(), message));
        for (Peer p : List.copyOf(peers)) p.connection.close("torrent stopped: " + message);
    }

    private boolean isDoneLocked() {
        return picker != null && picker.isDone();
    }

    private void setState(TorrentState next) {
        if (state == next) return;
        TorrentState prev = state;
        state = next;
        LOG.log(System.Logger.Level.DEBUG, "{0}: {1} -> {2}", meta.name(), prev, next);
        ctx.events().accept(new TorrentEvent.StateChanged(meta.infoHash(), prev, next));
    }

    // ---- user actions ----

    synchronized void addPeers(List<InetSocketAddress> addresses) {
        for (InetSocketAddress a : addresses) swarm.add(a);
        wake.release();
    }

    @Override
    public void addPeerCandidates(List<InetSocketAddress> addresses) {
        addPeers(addresses);
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
        if (state == TorrentState.SEEDING && !isDoneLocked()) setState(TorrentState.DOWNLOADING);
        for (Peer p : List.copyOf(peers)) {
            setInterested(p, wantsAnything(p));
            fillRequests(p);
        }
    }

    private void applyPriorities() {
        picker.setPiecePriorities(files.piecePriorities());
        wantedBytes = files.wantedBytes();
        wantedDoneBytes = files.wantedBytesIn(have);
    }

    public synchronized void setSequential(boolean sequential) {
        if (picker != null) picker.setSequential(sequential);
    }

    public void pause() {
        synchronized (this) {
            if (!isActive()) return;
            stateBeforePause = state;
            setState(TorrentState.PAUSED);
            for (Peer p : List.copyOf(peers)) p.connection.close("paused");
        }
        trackers.stop();
    }

    public void resume() {
        synchronized (this) {
            if (stopped || (state != TorrentState.PAUSED && state != TorrentState.ERROR)) return;
            if (picker == null) return; // failed before it could start: nothing to resume
            error = null;
            resumeEpoch++;
            swarm.retryAllNow();
            setState(isDoneLocked() ? TorrentState.SEEDING : TorrentState.DOWNLOADING);
        }
        if (params.useTrackers()) trackers.start();
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
            toClose = List.copyOf(peers);
        }
        for (Peer p : toClose) p.connection.close("torrent stopped");
        writer.drain(java.time.Duration.ofSeconds(30));
        trackers.stop();
        writer.close();
    }

    // ---- status ----

    public synchronized TorrentStatus status() {
        int seeds = 0;
        for (Peer p : peers) if (p.isSeed()) seeds++;
        return new TorrentStatus(
                meta.infoHash(),
                meta.name(),
                state,
                meta.totalLength(),
                wantedBytes,
                wantedDoneBytes,
                writer.checkedBytes(),
                have == null ? 0 : have.cardinality(),
                meta.pieceCount(),
                downloadMeter.rate(),
                uploadMeter.rate(),
                downloaded,
                uploaded,
                failedBytes,
                peers.size(),
                seeds,
                Optional.ofNullable(error),
                1.0);
    }

    /** Each tracker's state, for a tracker list in the UI. */
    public List<dev.torpeddo.engine.tracker.TrackerStatus> trackers() {
        return trackers.status();
    }

    public synchronized long[] fileProgress() {
        return have == null ? new long[meta.files().size()] : pieceMap.fileBytesDone(have);
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
        return new long[] {uploaded, downloaded, meta.totalLength() - verified};
    }

    synchronized boolean isComplete() {
        return isDoneLocked();
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
    public synchronized void trackerFailed(java.net.URI tracker, String message) {
        ctx.events().accept(new TorrentEvent.TrackerFailed(meta.infoHash(), tracker, message));
    }

    /** Changes on every resume, so that failures of work queued earlier can be told apart. */
    int resumeEpoch() {
        return resumeEpoch;
    }

    @Override
    public boolean isStopped() {
        return stopped;
    }
}
