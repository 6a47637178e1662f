package dev.torpeddo.engine.torrent;

import dev.torpeddo.engine.internal.Futures;
import dev.torpeddo.engine.peer.PeerConnection;
import dev.torpeddo.engine.picker.BlockRequest;
import dev.torpeddo.engine.storage.PieceMap;
import dev.torpeddo.engine.wire.Message;
import dev.torpeddo.engine.wire.WireException;
import dev.torpeddo.engine.wire.WireLimits;
import java.util.random.RandomGenerator;

/**
 * The upload side of a torrent: whom we unchoke ({@link UploadSlots}), which requests we accept, and
 * serving them from disk. Called under the torrent's lock, except {@link #serve}, which queues a disk read
 * and must not hold it.
 */
final class Uploader {
    /** Requests being read and blocks waiting to be sent, per peer: a peer that does not read costs no more. */
    static final long MAX_UPLOAD_QUEUE_BYTES = 4L << 20;
    /**
     * How long a peer may keep its queue full without reading anything before it is dropped: it asks and
     * asks and never takes what we send.
     */
    static final long STUCK_NANOS = 30_000_000_000L;

    private final Torrent torrent;
    private final PieceMap pieceMap;
    private final PieceWriter writer;
    private final UploadSlots slots;
    private final int maxQueuedRequests;

    Uploader(
            Torrent torrent,
            PieceMap pieceMap,
            PieceWriter writer,
            int uploadSlots,
            int maxQueuedRequests,
            RandomGenerator random) {
        this.torrent = torrent;
        this.pieceMap = pieceMap;
        this.writer = writer;
        this.slots = new UploadSlots(uploadSlots, random);
        this.maxQueuedRequests = maxQueuedRequests;
    }

    void setSlots(int count) {
        slots.setSlots(count);
    }

    int slots() {
        return slots.slots();
    }

    void onInterest(Peer peer, boolean interested) {
        peer.setInterestedInUs(interested);
        if (interested && torrent.isActive()) slots.offerFreeSlot(peer, torrent.peerList(), torrent.now());
    }

    /** One choking round over every peer. */
    void chokeRound(long now) {
        if (torrent.isActive()) slots.round(now, torrent.peerList(), torrent.isSeeding());
    }

    /** Decides whether to serve a request; true means the caller queues the read with {@link #serve}. */
    boolean onRequest(Peer peer, BlockRequest b) throws WireException {
        if (!pieceMap.isValidBlock(b.piece(), b.offset(), b.length())) {
            throw new WireException("request out of range: " + b);
        }
        // Requests being read from disk and blocks waiting to be sent both count: a peer that asks but
        // does not read cannot make us buffer more than a few MiB for it.
        long queued = peer.connection().queuedBytes() + (long) peer.servingCount() * WireLimits.BLOCK;
        boolean allowed = !peer.amChoking()
                && torrent.hasPiece(b.piece())
                && peer.servingCount() < maxQueuedRequests
                && queued < MAX_UPLOAD_QUEUE_BYTES;
        if (!allowed) {
            if (peer.connection().queuedBytes() >= 2 * MAX_UPLOAD_QUEUE_BYTES) {
                throw new WireException("requests far beyond what it reads");
            }
            if (peer.fast()) peer.send(new Message.Reject(b.piece(), b.offset(), b.length()));
            return false;
        }
        return peer.queueServe(b);
    }

    /** Reads the block on the disk threads and sends it, unless the peer cancelled meanwhile. */
    void serve(Peer peer, BlockRequest b) {
        Futures.whenDone(writer.readBlock(b), (data, failure) -> blockRead(peer, b, data, failure));
    }

    private void blockRead(Peer peer, BlockRequest b, byte[] data, Throwable failure) {
        synchronized (torrent) {
            if (failure != null) {
                torrent.fail("reading " + torrent.metainfo().name() + " failed: " + failure.getMessage());
                return;
            }
            if (!peer.unqueueServe(b) || peer.connection().isClosed()) return;
            peer.send(new Message.Piece(b.piece(), b.offset(), data)); // counted once sent (Peer.onBlockSent)
        }
    }

    /**
     * Drops a peer whose send queue has been full for {@link #STUCK_NANOS} while it read nothing: it floods
     * us with requests and never takes the answers. Called from the heartbeat.
     */
    void checkStuck(Peer peer, long now) {
        PeerConnection c = peer.connection();
        boolean full = c.queuedBytes() >= MAX_UPLOAD_QUEUE_BYTES;
        // Block bytes written count, not only flushes: the writer flushes when its queue runs dry, which never
        // happens to a slow peer that keeps asking as fast as it reads.
        long written = c.uploadMeter().total() + c.flushCount();
        if (peer.uploadStalled(full, written, now, STUCK_NANOS))
            peer.close("requests more than it reads, and has read nothing for " + STUCK_NANOS / 1_000_000_000L + " s");
    }
}
