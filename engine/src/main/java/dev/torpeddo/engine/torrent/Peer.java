package dev.torpeddo.engine.torrent;

import dev.torpeddo.engine.internal.Bitfield;
import dev.torpeddo.engine.peer.PeerConnection;
import dev.torpeddo.engine.picker.BlockRequest;
import dev.torpeddo.engine.wire.ExtensionHandshake;
import dev.torpeddo.engine.wire.Message;
import dev.torpeddo.engine.wire.WireException;
import dev.torpeddo.engine.wire.ext.ExtensionIds;
import dev.torpeddo.engine.wire.ext.PexState;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One peer of one torrent: the protocol state (choke and interest in both directions, what the peer has,
 * requests in both directions) and the rules that say which message is legal when. Decisions that need the
 * whole torrent (what to request, whom to unchoke) belong to the torrent's parts ({@link Requester},
 * {@link Uploader}, {@link Extensions}); they change a peer only through its methods. Everything here is
 * guarded by the torrent's lock, except the final fields.
 */
final class Peer implements PeerConnection.Handler {
    static final int INITIAL_DEPTH = 32;
    /** BEP 6 suggests about ten; more is either a bug or an attempt to make us track a huge set. */
    private static final int MAX_ALLOWED_FAST = 32;
    /** Late or unasked blocks we put up with: a few are normal after a cancel or choke, a stream is not. */
    private static final int MAX_UNSOLICITED_BLOCKS = 200;

    private final PeerConnection connection;
    private final Torrent torrent;
    private final boolean outgoing;
    private final long connectedAtNanos;
    private final PeerKey key;

    private Bitfield has;
    private boolean sawPieceInfo;
    private boolean amChoking = true;
    private boolean amInterested;
    private boolean peerChoking = true;
    private boolean peerInterested;
    private boolean snubbed;
    private long lastPieceNanos;
    private long lastUnchokedNanos;
    /** Requests we may keep in flight before the peer's rate is known; grows as blocks arrive. */
    private int slowStartDepth = INITIAL_DEPTH;
    /** Their BEP 10 {@code reqq}: how many requests they queue; we never keep more in flight. */
    private int theirMaxRequests = 250;
    /** The id under which the peer wants ut_metadata messages, 0 if it does not speak it. */
    private int theirMetadataId;
    /** The id under which the peer wants ut_pex messages, 0 if it does not (or the torrent is private). */
    private int theirPexId;
    /** The port the peer accepts connections on (BEP 10 {@code p}), 0 if unknown. */
    private int theirListenPort;
    /** The client name and version the peer gave in its extension handshake ({@code v}). */
    private String clientVersion = "";
    /** What we told this peer about other peers (BEP 11); null when we do not exchange peers with it. */
    private PexState pex;

    private long lastPexReceivedNanos = Long.MIN_VALUE;
    /** Blocks we asked this peer for and have not received, in the order asked. */
    private final Set<BlockRequest> inFlight = new LinkedHashSet<>();
    /** Blocks the peer asked us for that we have not sent yet (a cancel removes them). */
    private final Set<BlockRequest> serving = new HashSet<>();

    private final Set<Integer> allowedFast = new HashSet<>();
    /** Set when the connection is closed: later messages are ignored. */
    private boolean gone;
    /** Late or unasked blocks, decayed on every useful one. */
    private int unsolicited;
    /** Since when our send queue to the peer has been full without a write, and the write count then. */
    private long fullSinceNanos = Long.MIN_VALUE;

    private long writtenAtFull = -1;

    Peer(PeerConnection connection, Torrent torrent, boolean outgoing, int pieceCount, long nowNanos) {
        this.connection = connection;
        this.torrent = torrent;
        this.outgoing = outgoing;
        this.has = new Bitfield(pieceCount);
        this.connectedAtNanos = nowNanos;
        this.lastPieceNanos = nowNanos;
        this.key = new PeerKey(
                connection.address(),
                java.util.HexFormat.of().formatHex(connection.handshake().peerId()));
    }

    // ---- identity ----

    PeerConnection connection() {
        return connection;
    }

    boolean isOutgoing() {
        return outgoing;
    }

    long connectedAtNanos() {
        return connectedAtNanos;
    }

    PeerKey key() {
        return key;
    }

    InetSocketAddress address() {
        return connection.address();
    }

    boolean fast() {
        return connection.handshake().supportsFast();
    }

    String clientVersion() {
        return clientVersion;
    }

    /** Where others can reach this peer: its own port for outgoing connections, else the one it announced. */
    Optional<InetSocketAddress> listenAddress() {
        if (outgoing) return Optional.of(connection.address());
        if (theirListenPort <= 0) return Optional.empty();
        return Optional.of(new InetSocketAddress(connection.address().getAddress(), theirListenPort));
    }

    void send(Message m) {
        connection.send(m);
    }

    void close(String reason) {
        connection.close(reason);
    }

    // ---- what the peer has ----

    boolean has(int piece) {
        return has.get(piece);
    }

    /** The peer's pieces; callers only read it. */
    Bitfield pieces() {
        return has;
    }

    boolean isSeed() {
        return has.isComplete();
    }

    /** Records a HAVE; false if the peer had announced the piece before. */
    boolean addPiece(int piece) {
        return has.set(piece);
    }

    void setPieces(Bitfield pieces) {
        has = pieces;
    }

    // ---- choke and interest, both ways ----

    boolean amChoking() {
        return amChoking;
    }

    boolean amInterested() {
        return amInterested;
    }

    boolean isChokingUs() {
        return peerChoking;
    }

    boolean isInterestedInUs() {
        return peerInterested;
    }

    long lastUnchokedNanos() {
        return lastUnchokedNanos;
    }

    void choke() {
        if (amChoking) return;
        amChoking = true;
        send(new Message.Choke());
        // What a choked peer asked for is dropped; under the Fast extension it is told so (BEP 6).
        if (fast()) for (BlockRequest b : serving) send(new Message.Reject(b.piece(), b.offset(), b.length()));
        serving.clear();
    }

    void unchoke(long now) {
        if (!amChoking) return;
        amChoking = false;
        lastUnchokedNanos = now;
        send(new Message.Unchoke());
    }

    /** Sends INTERESTED or NOT_INTERESTED when our interest changes. */
    void setInterested(boolean interested) {
        if (amInterested == interested) return;
        amInterested = interested;
        send(interested ? new Message.Interested() : new Message.NotInterested());
    }

    void chokedUs() {
        peerChoking = true;
    }

    void unchokedUs(long now) {
        peerChoking = false;
        lastPieceNanos = now; // the snub clock starts now, not at connect
    }

    void setInterestedInUs(boolean interested) {
        peerInterested = interested;
    }

    // ---- our requests to the peer ----

    int inFlightCount() {
        return inFlight.size();
    }

    /** The blocks asked for and not yet received, oldest first; callers only read it. */
    Set<BlockRequest> inFlight() {
        return Collections.unmodifiableSet(inFlight);
    }

    void requested(BlockRequest b) {
        inFlight.add(b);
    }

    /** A block we asked for arrived, or was rejected or cancelled; false if we had not asked (any more). */
    boolean settle(BlockRequest b) {
        return inFlight.remove(b);
    }

    /** Forgets every request in flight (choked, snubbed, gone) and returns them, oldest first. */
    List<BlockRequest> releaseAll() {
        List<BlockRequest> all = new ArrayList<>(inFlight);
        inFlight.clear();
        return all;
    }

    int slowStartDepth() {
        return slowStartDepth;
    }

    int theirMaxRequests() {
        return theirMaxRequests;
    }

    boolean isSnubbed() {
        return snubbed;
    }

    /** A block arrived: the peer is not snubbing us, and its pipeline grows by one up to {@code max}. */
    void blockArrived(long now, int max) {
        lastPieceNanos = now;
        snubbed = false;
        if (slowStartDepth < max) slowStartDepth++;
    }

    /** True once, when the peer owes us blocks and sent none for {@code snubNanos}: it is snubbing us. */
    boolean checkSnub(long now, long snubNanos) {
        if (inFlight.isEmpty() || now - lastPieceNanos <= snubNanos) return false;
        snubbed = true;
        slowStartDepth = 1;
        lastPieceNanos = now; // check again a snub period from now
        return true;
    }

    /**
     * Counts a block we did not ask for (or no longer): a few come late after every choke and cancel, a
     * stream does not. Throws when the peer has sent too many.
     */
    void unsolicitedBlock() throws WireException {
        if (++unsolicited > MAX_UNSOLICITED_BLOCKS) throw new WireException("too many unrequested blocks");
    }

    void solicitedBlock() {
        if (unsolicited > 0) unsolicited--;
    }

    Set<Integer> allowedFast() {
        return Collections.unmodifiableSet(allowedFast);
    }

    /** Records an ALLOWED_FAST piece; false if it was known or the peer has sent too many. */
    boolean allowFast(int piece) {
        return allowedFast.size() < MAX_ALLOWED_FAST && allowedFast.add(piece);
    }

    // ---- the peer's requests to us ----

    int servingCount() {
        return serving.size();
    }

    boolean queueServe(BlockRequest b) {
        return serving.add(b);
    }

    /** The peer cancelled, or the block is about to be sent; false if it was no longer wanted. */
    boolean unqueueServe(BlockRequest b) {
        return serving.remove(b);
    }

    /**
     * Whether our send queue to this peer has been full, with nothing written, for {@code stuckNanos}.
     *
     * @param full whether the queue is at its bound now
     * @param written a counter that grows whenever we manage to write to the peer
     */
    boolean uploadStalled(boolean full, long written, long now, long stuckNanos) {
        if (!full || written != writtenAtFull) {
            fullSinceNanos = full ? now : Long.MIN_VALUE;
            writtenAtFull = written;
            return false;
        }
        if (fullSinceNanos == Long.MIN_VALUE) fullSinceNanos = now;
        return now - fullSinceNanos >= stuckNanos;
    }

    // ---- extensions ----

    /** Takes what the peer's BEP 10 handshake tells us. */
    void extensionHandshake(ExtensionHandshake h) {
        if (h.maxRequests() > 0) theirMaxRequests = Math.min(h.maxRequests(), 2000);
        theirMetadataId = ExtensionIds.remoteId(h, ExtensionIds.UT_METADATA).orElse(0);
        theirListenPort = h.listenPort();
        if (!h.client().isEmpty()) clientVersion = h.client();
    }

    int theirMetadataId() {
        return theirMetadataId;
    }

    int theirPexId() {
        return theirPexId;
    }

    void setTheirPexId(int id) {
        theirPexId = id;
    }

    PexState pex() {
        return pex;
    }

    void setPex(PexState state) {
        pex = state;
    }

    long lastPexReceivedNanos() {
        return lastPexReceivedNanos;
    }

    void pexReceived(long now) {
        lastPexReceivedNanos = now;
    }

    // ---- lifetime ----

    boolean isGone() {
        return gone;
    }

    /** The connection closed: requests both ways are dropped and later messages ignored. */
    void markGone() {
        gone = true;
        inFlight.clear();
        serving.clear();
    }

    // ---- messages from the peer (its reader thread) ----

    @Override
    public void onMessage(PeerConnection c, Message m) throws IOException {
        BlockRequest serve = null;
        synchronized (torrent) {
            if (gone) return;
            if (m instanceof Message.Request r) {
                BlockRequest b = new BlockRequest(r.piece(), r.offset(), r.length());
                if (torrent.uploads.onRequest(this, b)) serve = b;
            } else {
                dispatch(m);
            }
        }
        // The disk read is queued outside the lock: a full disk queue must not stall the whole torrent.
        if (serve != null) torrent.uploads.serve(this, serve);
    }

    private void dispatch(Message m) throws IOException {
        // BEP 3 wants the bitfield first and once. Real clients differ (aria2 sends have_none and then a
        // bitfield later), so a late bitfield or have_all only adds pieces: it can never make us forget one.
        boolean first = !sawPieceInfo;
        if (m instanceof Message.Bitfield
                || m instanceof Message.HaveAll
                || m instanceof Message.HaveNone
                || m instanceof Message.Have) {
            sawPieceInfo = true;
        }
        Requester requests = torrent.requests;
        switch (m) {
            case Message.KeepAlive k -> {}
            case Message.Bitfield b -> requests.onBitfield(this, b.bits(), first);
            case Message.HaveAll h -> {
                requireFast(m);
                requests.onHaveAll(this);
            }
            case Message.HaveNone h -> requireFast(m);
            case Message.Have h -> requests.onHave(this, h.piece());
            case Message.Choke ch -> requests.onChoked(this);
            case Message.Unchoke u -> requests.onUnchoked(this);
            case Message.Interested i -> torrent.uploads.onInterest(this, true);
            case Message.NotInterested n -> torrent.uploads.onInterest(this, false);
            case Message.Request r -> throw new IllegalStateException("requests are handled in onMessage");
            case Message.Cancel x -> unqueueServe(new BlockRequest(x.piece(), x.offset(), x.length()));
            case Message.Piece p -> requests.onBlock(this, p.piece(), p.offset(), p.data());
            case Message.Reject r -> {
                requireFast(m);
                requests.onReject(this, new BlockRequest(r.piece(), r.offset(), r.length()));
            }
            case Message.AllowedFast a -> {
                requireFast(m);
                requests.onAllowedFast(this, a.piece());
            }
            case Message.Suggest s -> requireFast(m); // a hint only; rarest-first already picks well
            case Message.Port p -> {} // DHT nodes come from the DHT itself
            case Message.Extended e -> torrent.extensions.onExtended(this, e);
        }
    }

    private void requireFast(Message m) throws WireException {
        if (!fast()) throw new WireException("sent " + m.getClass().getSimpleName() + " without the Fast extension");
    }

    @Override
    public void onBlockSent(PeerConnection c, int bytes) {
        synchronized (torrent) {
            torrent.countUploaded(bytes);
        }
    }

    @Override
    public void onClose(PeerConnection c, String reason) {
        torrent.onPeerClosed(this, reason);
    }

    @Override
    public String toString() {
        return connection.address().toString();
    }
}
