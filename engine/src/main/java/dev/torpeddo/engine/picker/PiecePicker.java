package dev.torpeddo.engine.picker;

import dev.torpeddo.engine.internal.Bitfield;
import dev.torpeddo.engine.metainfo.Metainfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntUnaryOperator;
import java.util.random.RandomGenerator;

/**
 * Decides which blocks to request from which peer, and tracks what is requested, received and verified.
 *
 * <p>Order of preference in {@link #pick}: blocks of pieces already started (few pieces in flight keeps memory
 * bounded and completes pieces we can share), then new pieces by priority (7 high .. 1 low, 0 = skip), then
 * rarest first with random tie-breaking. Until {@link #setRandomFirstPieces N} pieces are complete a random
 * piece is started instead, so we quickly have something to trade. In sequential mode the lowest index wins.
 * Once every wanted block that anyone has is requested, endgame lets a peer duplicate other peers' requests
 * (never its own), and {@link #blockReceived} names the peers to CANCEL.
 *
 * <p>Peers are opaque keys {@code P} (with equals/hashCode). The picker keeps each peer's pieces and requests,
 * so {@link #peerDisconnected} can undo both.
 *
 * <p>Cost: HAVE and request bookkeeping are O(1); a seed's bitfield or HAVE_ALL is O(1), other bitfields
 * O(pieces) once. {@code pick} is O(started pieces + blocks returned) while started pieces have free blocks;
 * starting a new piece walks the (priority, availability) buckets and stops at the first piece the peer has,
 * or, for a peer with few pieces, walks only that peer's pieces. Random-first and sequential picks scan the
 * candidate bitsets, O(pieces/64 + pieces skipped). Endgame picks are O(blocks in flight).
 *
 * <p>Not thread-safe: callers hold the torrent's lock.
 */
public final class PiecePicker<P> {
    /** The priority every piece starts with. */
    public static final int DEFAULT_PRIORITY = 4;
    /** The most urgent priority; 0 means do not download. */
    public static final int MAX_PRIORITY = CandidatePieces.MAX_PRIORITY;
    /** How many pieces are picked at random before rarest-first starts. */
    public static final int DEFAULT_RANDOM_FIRST_PIECES = 4;

    private final int pieceCount;
    private final IntUnaryOperator pieceSize;
    private final Bitfield have;
    private final byte[] priority;
    private final int[] availability; // counts peers with a partial bitfield; seeds are counted in seedCount
    private final CandidatePieces candidates;
    private final TreeMap<Integer, InFlightPiece<P>> inFlight = new TreeMap<>();
    private final Map<P, PeerState> peers = new HashMap<>();
    private int seedCount;
    private boolean sequential;
    private int randomFirstPieces = DEFAULT_RANDOM_FIRST_PIECES;
    private int wantedMissingCount;
    private long wantedMissingBytes;

    /**
     * @param pieceCount the number of pieces in the torrent
     * @param pieceSize the size in bytes of each piece (positive)
     * @param have the pieces already verified on disk (copied)
     * @param random the source of random choices; seed it for reproducible tests
     */
    public PiecePicker(int pieceCount, IntUnaryOperator pieceSize, Bitfield have, RandomGenerator random) {
        if (have.size() != pieceCount) {
            throw new IllegalArgumentException("have has " + have.size() + " bits for " + pieceCount + " pieces");
        }
        this.pieceCount = pieceCount;
        this.pieceSize = pieceSize;
        this.have = have.copy();
        this.priority = new byte[pieceCount];
        this.availability = new int[pieceCount];
        this.candidates = new CandidatePieces(pieceCount, random);
        for (int i = 0; i < pieceCount; i++) {
            int size = pieceSize.applyAsInt(i);
            if (size <= 0) throw new IllegalArgumentException("piece " + i + " has size " + size);
            priority[i] = DEFAULT_PRIORITY;
            if (!this.have.get(i)) {
                wantedMissingCount++;
                wantedMissingBytes += size;
                candidates.put(i, DEFAULT_PRIORITY, 0);
            }
        }
    }

    /** A picker for the pieces of {@code torrent}. */
    public static <P> PiecePicker<P> forTorrent(Metainfo torrent, Bitfield have, RandomGenerator random) {
        return new PiecePicker<>(torrent.pieceCount(), torrent::pieceSize, have, random);
    }

    // ---- what peers have ----

    /** Records a peer's BITFIELD (replacing what we knew of it). A complete bitfield costs O(1). */
    public void peerBitfield(P peer, Bitfield pieces) throws PickerException {
        if (pieces.size() != pieceCount) {
            throw new PickerException("bitfield of " + pieces.size() + " pieces for a torrent of " + pieceCount);
        }
        PeerState state = forgetAvailability(peer);
        if (pieces.isComplete()) {
            becomeSeed(state);
            return;
        }
        state.pieces = pieces.copy();
        for (int i = pieces.nextSetBit(0); i >= 0; i = pieces.nextSetBit(i + 1)) changeAvailability(i, +1);
    }

    /** Records HAVE_ALL (BEP 6), or any peer known to be a seed. O(1). */
    public void peerHasAll(P peer) {
        becomeSeed(forgetAvailability(peer));
    }

    /** Records a HAVE message. */
    public void peerHas(P peer, int piece) throws PickerException {
        if (piece < 0 || piece >= pieceCount) {
            throw new PickerException("HAVE for piece " + piece + " of a torrent with " + pieceCount + " pieces");
        }
        PeerState state = peers.computeIfAbsent(peer, p -> new PeerState(pieceCount));
        if (state.seed) return;
        if (state.pieces.set(piece)) changeAvailability(piece, +1);
    }

    /** Whether {@code peer} told us it has {@code piece}. */
    public boolean peerHasPiece(P peer, int piece) {
        PeerState state = peers.get(peer);
        return state != null && state.has(piece);
    }

    /** How many connected peers have {@code piece}. */
    public int availability(int piece) {
        return availability[piece] + seedCount;
    }

    /** The peer is gone: forget its pieces and release every block requested from it. */
    public void peerDisconnected(P peer) {
        PeerState state = peers.get(peer);
        if (state == null) return;
        releaseAll(peer, state);
        forgetAvailability(peer);
        peers.remove(peer);
    }

    // ---- priorities and modes ----

    /** Sets one piece's priority, 0 (do not download) to 7 (most urgent). */
    public void setPiecePriority(int piece, int newPriority) {
        if (newPriority < 0 || newPriority > MAX_PRIORITY) {
            throw new IllegalArgumentException("priority " + newPriority + " not in 0..7");
        }
        int old = priority[piece];
        if (old == newPriority) return;
        priority[piece] = (byte) newPriority;
        if (have.get(piece)) return;
        if (old == 0) {
            wantedMissingCount++;
            wantedMissingBytes += pieceSize.applyAsInt(piece);
        } else if (newPriority == 0) {
            wantedMissingCount--;
            wantedMissingBytes -= pieceSize.applyAsInt(piece);
        }
        if (!inFlight.containsKey(piece)) candidates.put(piece, newPriority, availability[piece]);
    }

    /** Sets every piece's priority at once, e.g. from file priorities. */
    public void setPiecePriorities(int[] priorities) {
        if (priorities.length != pieceCount) {
            throw new IllegalArgumentException(priorities.length + " priorities for " + pieceCount + " pieces");
        }
        for (int i = 0; i < pieceCount; i++) setPiecePriority(i, priorities[i]);
    }

    public int piecePriority(int piece) {
        return priority[piece];
    }

    public boolean isSequential() {
        return sequential;
    }

    /** In sequential mode new pieces are started lowest index first (for streaming). */
    public void setSequential(boolean sequential) {
        this.sequential = sequential;
    }

    /** How many complete pieces we want before switching from random to rarest-first; 0 disables. */
    public void setRandomFirstPieces(int count) {
        if (count < 0) throw new IllegalArgumentException("negative random-first count " + count);
        this.randomFirstPieces = count;
    }

    // ---- picking ----

    /**
     * Up to {@code maxBlocks} blocks to request from {@code peer}, which are then recorded as requested from
     * it. Only pieces the peer has, that we lack, with priority above 0.
     */
    public List<BlockRequest> pick(P peer, int maxBlocks) {
        return pick(peer, maxBlocks, true);
    }

    /**
     * Like {@link #pick(Object, int)}, but when {@code mayStartPieces} is false only blocks of pieces already
     * started are returned: the caller uses this to bound the memory held by partly received pieces.
     */
    public List<BlockRequest> pick(P peer, int maxBlocks, boolean mayStartPieces) {
        PeerState state = peers.get(peer);
        List<BlockRequest> out = new ArrayList<>();
        if (state == null || maxBlocks <= 0) return out;
        for (InFlightPiece<P> piece : inFlight.values()) {
            if (out.size() >= maxBlocks) return out;
            if (piece.freeCount() > 0 && priority[piece.index] > 0 && state.has(piece.index)) {
                takeFree(piece, peer, state, out, maxBlocks);
            }
        }
        while (mayStartPieces && out.size() < maxBlocks) {
            int next = chooseNewPiece(state);
            if (next < 0) break;
            takeFree(start(next), peer, state, out, maxBlocks);
        }
        if (out.size() < maxBlocks && isEndgame()) takeDuplicates(peer, state, out, maxBlocks);
        return out;
    }

    /**
     * Like {@link #pick} but only from {@code allowedFast} pieces (BEP 6), for a peer that chokes us. Indexes
     * out of range are ignored, since the set comes from the peer. No endgame duplicates.
     */
    public List<BlockRequest> pickAllowedFast(P peer, Set<Integer> allowedFast, int maxBlocks) {
        PeerState state = peers.get(peer);
        List<BlockRequest> out = new ArrayList<>();
        if (state == null) return out;
        List<Integer> order = new ArrayList<>();
        for (int piece : allowedFast) {
            if (piece >= 0 && piece < pieceCount && priority[piece] > 0 && !have.get(piece) && state.has(piece)) {
                order.add(piece);
            }
        }
        order.sort(Comparator.<Integer>comparingInt(i -> -priority[i]).thenComparingInt(i -> i));
        for (int piece : order) {
            if (out.size() >= maxBlocks) break;
            InFlightPiece<P> started = inFlight.get(piece);
            if (started == null) started = start(piece);
            takeFree(started, peer, state, out, maxBlocks);
        }
        return out;
    }

    /**
     * Whether every wanted block that some connected peer has is already requested or received, so that
     * blocks may be requested a second time from another peer.
     */
    public boolean isEndgame() {
        if (candidates.availableCount(seedCount > 0) > 0) return false;
        for (InFlightPiece<P> piece : inFlight.values()) {
            if (piece.freeCount() > 0 && priority[piece.index] > 0 && availability(piece.index) > 0) return false;
        }
        return !inFlight.isEmpty();
    }

    // ---- answers from peers ----

    /**
     * Records a received block. Also accepted from a peer we did not ask (e.g. it arrived after we released
     * the request on choke) as long as the piece is started and the block still missing.
     */
    public BlockReceipt<P> blockReceived(P peer, BlockRequest block) {
        InFlightPiece<P> piece = inFlight.get(block.piece());
        int i = piece == null ? -1 : piece.blockNumber(block);
        if (i < 0) return BlockReceipt.unwanted();
        PeerState state = peers.get(peer);
        if (piece.isReceived(i)) {
            if (state != null) state.requested.remove(block);
            return BlockReceipt.unwanted();
        }
        List<P> others = piece.receive(i, peer);
        if (state != null) state.requested.remove(block);
        for (P other : others) peers.get(other).requested.remove(block);
        return new BlockReceipt<>(true, piece.isComplete(), others);
    }

    /** The peer rejected a request (BEP 6): the block becomes free for others. Returns false if unknown. */
    public boolean requestRejected(P peer, BlockRequest block) {
        return release(peer, block);
    }

    /** We cancelled a request (timeout, snub): the block becomes free for others. Returns false if unknown. */
    public boolean requestCancelled(P peer, BlockRequest block) {
        return release(peer, block);
    }

    /**
     * The peer choked us: releases all its requests and returns them. Without the Fast extension requests do
     * not survive a choke; with it the caller decides whether to call this.
     */
    public List<BlockRequest> choked(P peer) {
        PeerState state = peers.get(peer);
        return state == null ? List.of() : releaseAll(peer, state);
    }

    /** The blocks currently requested from {@code peer}. */
    public Set<BlockRequest> requestedFrom(P peer) {
        PeerState state = peers.get(peer);
        return state == null ? Set.of() : Set.copyOf(state.requested);
    }

    // ---- pieces ----

    /** Whether all blocks of an unverified piece are received, so the caller should hash it. */
    public boolean isPieceComplete(int piece) {
        InFlightPiece<P> started = inFlight.get(piece);
        return started != null && started.isComplete();
    }

    /** The piece passed its hash check (or was found on disk): we have it. */
    public void pieceVerified(int piece) {
        InFlightPiece<P> started = inFlight.remove(piece);
        if (started != null) releaseRequesters(started);
        candidates.remove(piece);
        if (have.set(piece) && priority[piece] > 0) {
            wantedMissingCount--;
            wantedMissingBytes -= pieceSize.applyAsInt(piece);
        }
    }

    /**
     * The piece failed its hash check: all its blocks become free again. Returns the peers that sent blocks of
     * it, for the caller to blame.
     */
    public List<P> pieceFailed(int piece) {
        InFlightPiece<P> started = inFlight.remove(piece);
        if (started == null) return List.of();
        releaseRequesters(started);
        candidates.put(piece, priority[piece], availability[piece]);
        return started.contributors();
    }

    /** A copy of the pieces we have verified. */
    public Bitfield havePieces() {
        return have.copy();
    }

    /** Whether every piece with priority above 0 is verified. */
    public boolean isDone() {
        return wantedMissingCount == 0;
    }

    /** Bytes of wanted pieces not yet received (received but unverified blocks count as received). */
    public long wantedRemainingBytes() {
        long remaining = wantedMissingBytes;
        for (InFlightPiece<P> piece : inFlight.values()) {
            if (priority[piece.index] > 0) remaining -= piece.receivedBytes();
        }
        return remaining;
    }

    /** The started, unverified pieces in index order. */
    public Set<Integer> inFlightPieces() {
        return new TreeSet<>(inFlight.keySet());
    }

    // ---- internals ----

    private int chooseNewPiece(PeerState state) {
        if (sequential) return candidates.lowest(state::has);
        if (have.cardinality() < randomFirstPieces) return candidates.randomOf(state::has);
        if (!state.seed && (long) state.pieces.cardinality() * 8 < candidates.count()) {
            return candidates.rarestOf(state.pieces);
        }
        return candidates.rarest(state::has, seedCount > 0 ? 0 : 1);
    }

    private InFlightPiece<P> start(int piece) {
        candidates.remove(piece);
        InFlightPiece<P> started = new InFlightPiece<>(piece, pieceSize.applyAsInt(piece));
        inFlight.put(piece, started);
        return started;
    }

    private void takeFree(InFlightPiece<P> piece, P peer, PeerState state, List<BlockRequest> out, int max) {
        for (int i = 0; i < piece.blockCount() && out.size() < max && piece.freeCount() > 0; i++) {
            if (!piece.isFree(i)) continue;
            piece.request(i, peer);
            BlockRequest block = piece.block(i);
            state.requested.add(block);
            out.add(block);
        }
    }

    /** Endgame: blocks requested from others but not from this peer, least-requested first. */
    private void takeDuplicates(P peer, PeerState state, List<BlockRequest> out, int max) {
        record Candidate<Q>(InFlightPiece<Q> piece, int block, int requesters) {}
        List<Candidate<P>> found = new ArrayList<>();
        for (InFlightPiece<P> piece : inFlight.values()) {
            if (priority[piece.index] == 0 || !state.has(piece.index)) continue;
            for (int i = 0; i < piece.blockCount(); i++) {
                List<P> requesters = piece.requestersOf(i);
                if (!piece.isReceived(i) && !requesters.contains(peer)) {
                    found.add(new Candidate<>(piece, i, requesters.size()));
                }
            }
        }
        found.sort(Comparator.comparingInt(Candidate::requesters));
        for (Candidate<P> c : found) {
            if (out.size() >= max) break;
            c.piece().request(c.block(), peer);
            BlockRequest block = c.piece().block(c.block());
            state.requested.add(block);
            out.add(block);
        }
    }

    private boolean release(P peer, BlockRequest block) {
        PeerState state = peers.get(peer);
        if (state == null || !state.requested.remove(block)) return false;
        InFlightPiece<P> piece = inFlight.get(block.piece());
        piece.release(piece.blockNumber(block), peer);
        return true;
    }

    private List<BlockRequest> releaseAll(P peer, PeerState state) {
        List<BlockRequest> released = List.copyOf(state.requested);
        for (BlockRequest block : released) release(peer, block);
        return released;
    }

    /** Drops every outstanding request for {@code piece} from the peers' books. */
    private void releaseRequesters(InFlightPiece<P> piece) {
        for (int i = 0; i < piece.blockCount(); i++) {
            BlockRequest block = piece.block(i);
            for (P requester : List.copyOf(piece.requestersOf(i))) {
                piece.release(i, requester);
                peers.get(requester).requested.remove(block);
            }
        }
    }

    /** Removes what we knew of the peer's pieces from availability; returns its (kept) state. */
    private PeerState forgetAvailability(P peer) {
        PeerState state = peers.computeIfAbsent(peer, p -> new PeerState(pieceCount));
        if (state.seed) {
            // Seeds are counted apart (seedCount) since they raise every piece alike: O(1) both ways.
            seedCount--;
            state.seed = false;
        } else {
            Bitfield old = state.pieces;
            for (int i = old.nextSetBit(0); i >= 0; i = old.nextSetBit(i + 1)) changeAvailability(i, -1);
        }
        state.pieces = new Bitfield(pieceCount);
        return state;
    }

    private void becomeSeed(PeerState state) {
        state.seed = true;
        seedCount++;
    }

    private void changeAvailability(int piece, int delta) {
        availability[piece] += delta;
        if (candidates.contains(piece)) candidates.put(piece, priority[piece], availability[piece]);
    }

    /** What the picker knows of one peer. */
    private static final class PeerState {
        Bitfield pieces;
        boolean seed;
        final Set<BlockRequest> requested = new LinkedHashSet<>();

        PeerState(int pieceCount) {
            this.pieces = new Bitfield(pieceCount);
        }

        boolean has(int piece) {
            return seed || pieces.get(piece);
        }
    }
}
