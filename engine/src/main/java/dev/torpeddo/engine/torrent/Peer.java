package dev.torpeddo.engine.torrent;

import dev.torpeddo.engine.internal.Bitfield;
import dev.torpeddo.engine.peer.PeerConnection;
import dev.torpeddo.engine.picker.BlockRequest;
import dev.torpeddo.engine.wire.Message;
import dev.torpeddo.engine.wire.WireException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One peer of one torrent: the protocol state (choke and interest in both directions, what the peer has,
 * requests in both directions) and the rules that say which message is legal when. Decisions that need the
 * whole torrent (what to request, whom to unchoke) are the {@link Torrent}'s. All fields are guarded by the
 * torrent's lock.
 */
final class Peer implements PeerConnection.Handler {
    final PeerConnection connection;
    final Torrent torrent;
    final boolean outgoing;
    final long connectedAtNanos;
    Bitfield has;
    boolean amChoking = true;
    boolean amInterested;
    boolean peerChoking = true;
    boolean peerInterested;
    boolean snubbed;
    long lastPieceNanos;
    long lastUnchokedNanos;
    static final int INITIAL_DEPTH = 32;
    /** Requests we may keep in flight to this peer before its rate is known; grows as blocks arrive. */
    int slowStartDepth = INITIAL_DEPTH;
    /** Their BEP 10 {@code reqq}: how many requests they queue; we never keep more in flight. */
    int theirMaxRequests = 250;
    /** The id under which the peer wants ut_metadata messages, 0 if it does not speak it. */
    int theirMetadataId;
    /** The id under which the peer wants ut_pex messages, 0 if it does not (or the torrent is private). */
    int theirPexId;
    /** The port the peer accepts connections on (BEP 10 {@code p}), 0 if unknown. */
    int theirListenPort;
    /** What we told this peer about other peers (BEP 11); null when we do not exchange peers with it. */
    dev.torpeddo.engine.wire.ext.PexState pex;

    long lastPexReceivedNanos = Long.MIN_VALUE;
    /** Blocks we asked this peer for and have not received. */
    final Set<BlockRequest> inFlight = new LinkedHashSet<>();
    /** Blocks the peer asked us for that we have not sent yet (a cancel removes them). */
    final Set<BlockRequest> serving = new HashSet<>();

    final Set<Integer> allowedFast = new HashSet<>();
    private boolean sawPieceInfo;
    private final PeerKey key;
    /** Set under the torrent lock when the connection is closed: later messages are ignored. */
    boolean gone;
    /** Late or unasked blocks, decayed on every useful one: a few are normal, a stream is not. */
    int unsolicited;

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

    boolean fast() {
        return connection.handshake().supportsFast();
    }

    boolean isSeed() {
        return has.isComplete();
    }

    PeerKey key() {
        return key;
    }

    /** Where others can reach this peer: its own port for outgoing connections, else the one it announced. */
    java.util.Optional<InetSocketAddress> listenAddress() {
        if (outgoing) return java.util.Optional.of(connection.address());
        if (theirListenPort <= 0) return java.util.Optional.empty();
        return java.util.Optional.of(new InetSocketAddress(connection.address().getAddress(), theirListenPort));
    }

    InetSocketAddress address() {
        return connection.address();
    }

    void send(Message m) {
        connection.send(m);
    }

    @Override
    public void onMessage(PeerConnection c, Message m) throws IOException {
        BlockRequest serve = null;
        synchronized (torrent) {
            if (gone) return;
            if (m instanceof Message.Request r) {
                BlockRequest b = new BlockRequest(r.piece(), r.offset(), r.length());
                if (torrent.onRequest(this, b)) serve = b;
            } else {
                dispatch(m);
            }
        }
        // The disk read is queued outside the lock: a full disk queue must not stall the whole torrent.
        if (serve != null) torrent.serve(this, serve);
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
        switch (m) {
            case Message.KeepAlive k -> {}
            case Message.Bitfield b -> torrent.onBitfield(this, b.bits(), first);
            case Message.HaveAll h -> {
                requireFast(m);
                torrent.onHaveAll(this);
            }
            case Message.HaveNone h -> requireFast(m);
            case Message.Have h -> torrent.onHave(this, h.piece());
            case Message.Choke ch -> torrent.onChoked(this);
            case Message.Unchoke u -> torrent.onUnchoked(this);
            case Message.Interested i -> torrent.onInterest(this, true);
            case Message.NotInterested n -> torrent.onInterest(this, false);
            case Message.Request r -> throw new IllegalStateException("requests are handled in onMessage");
            case Message.Cancel x -> torrent.onCancel(this, new BlockRequest(x.piece(), x.offset(), x.length()));
            case Message.Piece p -> torrent.onBlock(this, p.piece(), p.offset(), p.data());
            case Message.Reject r -> {
                requireFast(m);
                torrent.onReject(this, new BlockRequest(r.piece(), r.offset(), r.length()));
            }
            case Message.AllowedFast a -> {
                requireFast(m);
                torrent.onAllowedFast(this, a.piece());
            }
            case Message.Suggest s -> requireFast(m); // a hint only; rarest-first already picks well
            case Message.Port p -> {} // DHT arrives with the magnet work
            case Message.Extended e -> torrent.onExtended(this, e);
        }
    }

    private void requireFast(Message m) throws WireException {
        if (!fast()) throw new WireException("sent " + m.getClass().getSimpleName() + " without the Fast extension");
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
