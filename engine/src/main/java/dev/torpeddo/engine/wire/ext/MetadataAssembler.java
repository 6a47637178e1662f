package dev.torpeddo.engine.wire.ext;

import dev.torpeddo.engine.metainfo.InfoHash;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Fetches the info dictionary of one torrent from several peers over ut_metadata (BEP 9), for a torrent added
 * by magnet link. Pure logic: the caller sends the requests it hands out, reports what comes back, and owns
 * the timers ({@link #requestTimedOut}).
 *
 * <p>The first assembly spreads pieces over all peers that announced the size most peers agree on. If the
 * result fails its SHA-1, every piece is dropped and later assemblies take all pieces from one peer at a time
 * (the one with the fewest failures first), so that a failure convicts its sole contributor; a source that
 * keeps rejecting or timing out is replaced, and its pieces dropped without blame. When an assembly
 * succeeds, the pieces of earlier failures are compared with the verified bytes and whoever sent a differing
 * piece is reported. A peer that contributed to two failed assemblies is reported too.
 *
 * <p>Memory is bounded by the size limit: at most one assembly's pieces, plus a 32-byte fingerprint per piece
 * for the last few failed assemblies, plus a little per peer the caller reports. Not thread-safe: use it under the torrent's lock.
 *
 * @param <P> how the caller identifies a peer (equality must be stable)
 */
public final class MetadataAssembler<P> {
    /** How many requests one peer may have outstanding. */
    public static final int MAX_OUTSTANDING_PER_PEER = 4;

    private static final int REMEMBERED_FAILURES = 4;
    /** Rejects and timeouts a single source may cause before its assembly is abandoned. */
    private static final int SOURCE_STRIKES = 3;

    private final InfoHash infoHash;
    private final int maxSize;
    /** Peers that announced a usable size, in the order they did (ties in votes go to the earliest). */
    private final Map<P, PeerState> peers = new LinkedHashMap<>();

    private final Map<P, Integer> failures = new HashMap<>();
    private final Set<P> bad = new HashSet<>();
    private final Deque<FailedAssembly<P>> failed = new ArrayDeque<>();
    private final Set<P> skippedSources = new HashSet<>();

    private boolean singleSource;
    private P source;
    private int sourceStrikes;
    private int size; // 0 while no assembly is under way
    private byte[][] pieces = new byte[0][];
    private List<P> contributors = List.of();
    private List<P> assigned = List.of();
    private int have;
    private boolean complete;
    private int failedCount;

    /**
     * @param maxSize the largest info dictionary to accept, at most {@link UtMetadataMessage#MAX_METADATA_SIZE}
     */
    public MetadataAssembler(InfoHash infoHash, int maxSize) {
        if (maxSize < 1 || maxSize > UtMetadataMessage.MAX_METADATA_SIZE) {
            throw new IllegalArgumentException(
                    "maxSize must be 1.." + UtMetadataMessage.MAX_METADATA_SIZE + ", got " + maxSize);
        }
        this.infoHash = infoHash;
        this.maxSize = maxSize;
    }

    /**
     * Records the {@code metadata_size} from a peer's extension handshake.
     *
     * @return false if the size is unusable (not positive or above the limit) or the peer is known bad; such a
     *     peer is never asked
     */
    public boolean peerOffers(P peer, int metadataSize) {
        if (metadataSize <= 0 || metadataSize > maxSize || bad.contains(peer)) return false;
        PeerState state = peers.get(peer);
        if (state == null) {
            peers.put(peer, new PeerState(metadataSize));
        } else if (state.offeredSize != metadataSize) {
            release(peer, state); // its requests were made under the size it no longer claims
            state.offeredSize = metadataSize;
            if (peer.equals(source)) dropSource(peer);
            revoteIfOrphaned();
        }
        return true;
    }

    /** The piece to request from this peer next, if any: none beyond its outstanding limit, none twice at once. */
    public Optional<Integer> nextRequest(P peer) {
        PeerState state = peers.get(peer);
        if (complete || state == null || !startAssembly()) return Optional.empty();
        if (singleSource && !peer.equals(source)) return Optional.empty();
        if (state.offeredSize != size || state.outstanding.size() >= MAX_OUTSTANDING_PER_PEER) return Optional.empty();
        for (int i = 0; i < pieces.length; i++) {
            if (pieces[i] == null && assigned.get(i) == null && (!state.skip.contains(i) || nobodyElseCanTake(i))) {
                state.skip.remove(i);
                assigned.set(i, peer);
                state.outstanding.add(i);
                state.expectAnswer(i);
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /**
     * The peer rejected a request: the piece goes to someone else, back to this peer only once every peer has
     * refused it.
     */
    public void requestRejected(P peer, int piece) {
        PeerState state = peers.get(peer);
        if (state == null || !state.takeAnswer(piece)) return;
        // If an older request for the piece is still due, this may answer that one instead; either way the
        // answers still due are counted, so whatever comes later for the piece is not taken as unsolicited.
        if (state.outstanding.remove(piece)) giveUp(peer, state, piece);
    }

    /**
     * The peer took too long: the piece goes to someone else. A late answer is still accepted if the piece is
     * still missing.
     */
    public void requestTimedOut(P peer, int piece) {
        PeerState state = peers.get(peer);
        if (state == null || !state.outstanding.remove(piece)) return;
        giveUp(peer, state, piece);
    }

    /** The peer disconnected: its requests go to others. What it did (failures, lies) is remembered. */
    public void peerGone(P peer) {
        PeerState state = peers.remove(peer);
        if (state == null) return;
        for (int piece : state.outstanding) assigned.set(piece, null);
        if (peer.equals(source)) dropSource(peer);
        revoteIfOrphaned();
    }

    /**
     * Handles a ut_metadata data message (the codec has already bounded its numbers). An answer to a request
     * from an abandoned assembly is still used if it fits the current one.
     */
    public MetadataResult<P> onData(P peer, int piece, int totalSize, byte[] data) {
        if (bad.contains(peer)) return new MetadataResult.BadPeer<>("peer already sent bad metadata");
        if (complete) return new MetadataResult.Ignored<>("metadata already complete");
        PeerState state = peers.get(peer);
        if (state == null || !state.takeAnswer(piece)) {
            return new MetadataResult.BadPeer<>("sent metadata piece " + piece + " without being asked");
        }
        if (state.outstanding.remove(piece) && peer.equals(assigned.get(piece))) assigned.set(piece, null);
        if (totalSize != state.offeredSize) {
            return new MetadataResult.BadPeer<>(
                    "total_size " + totalSize + " differs from its announced " + state.offeredSize);
        }
        long start = (long) piece * UtMetadataMessage.PIECE_SIZE;
        if (start >= totalSize) {
            return new MetadataResult.BadPeer<>("metadata piece " + piece + " lies beyond total_size " + totalSize);
        }
        long expected = Math.min(UtMetadataMessage.PIECE_SIZE, totalSize - start);
        if (data.length != expected) {
            return new MetadataResult.BadPeer<>(
                    "metadata piece " + piece + " has " + data.length + " bytes, expected " + expected);
        }
        boolean fitsCurrent = size == totalSize && (!singleSource || peer.equals(source));
        if (!fitsCurrent) return new MetadataResult.Ignored<>("answer to a request from an abandoned assembly");
        if (pieces[piece] != null) return new MetadataResult.Ignored<>("metadata piece " + piece + " already received");
        P holder = assigned.get(piece);
        if (holder != null) {
            peers.get(holder).outstanding.remove(piece); // its answer, when it comes, is merely ignored
            assigned.set(piece, null);
        }
        pieces[piece] = data.clone();
        contributors.set(piece, peer);
        have++;
        return have == pieces.length ? finish() : new MetadataResult.Accepted<>();
    }

    public boolean isComplete() {
        return complete;
    }

    /** Pieces held in the current assembly (all of them once complete). */
    public int piecesHave() {
        return have;
    }

    /** Pieces in the current assembly, 0 before the size is settled. */
    public int pieceCount() {
        return pieces.length;
    }

    /** Fraction of the current assembly held, 0 to 1. */
    public double progress() {
        if (complete) return 1.0;
        return pieces.length == 0 ? 0.0 : (double) have / pieces.length;
    }

    /** How many assemblies failed the hash check so far. */
    public int failedAssemblies() {
        return failedCount;
    }

    /** Splits our own info dictionary into the pieces we serve. */
    public static List<byte[]> slices(byte[] rawInfo) {
        List<byte[]> slices = new ArrayList<>();
        for (int at = 0; at < rawInfo.length; at += UtMetadataMessage.PIECE_SIZE) {
            slices.add(Arrays.copyOfRange(rawInfo, at, Math.min(rawInfo.length, at + UtMetadataMessage.PIECE_SIZE)));
        }
        return slices;
    }

    /**
     * Our answer to a peer's request for a piece of our info dictionary: the piece if it exists, else a reject.
     * Empty for a negative index, which no valid request carries, so there is nothing sensible to answer.
     */
    public static Optional<UtMetadataMessage> serve(byte[] rawInfo, int piece) {
        if (piece < 0) return Optional.empty();
        long start = (long) piece * UtMetadataMessage.PIECE_SIZE;
        if (rawInfo.length == 0 || rawInfo.length > UtMetadataMessage.MAX_METADATA_SIZE || start >= rawInfo.length) {
            return Optional.of(new UtMetadataMessage.Reject(piece));
        }
        int end = (int) Math.min(rawInfo.length, start + UtMetadataMessage.PIECE_SIZE);
        return Optional.of(
                new UtMetadataMessage.Data(piece, rawInfo.length, Arrays.copyOfRange(rawInfo, (int) start, end)));
    }

    /** Settles the size (and, after a failure, the one peer to ask) if no assembly is under way. */
    private boolean startAssembly() {
        if (size != 0) return true;
        int chosen;
        if (singleSource) {
            source = pickSource();
            if (source == null) return false;
            chosen = peers.get(source).offeredSize;
        } else {
            chosen = majoritySize();
            if (chosen == 0) return false;
        }
        size = chosen;
        int count = (size + UtMetadataMessage.PIECE_SIZE - 1) / UtMetadataMessage.PIECE_SIZE;
        pieces = new byte[count][];
        contributors = new ArrayList<>(Collections.nCopies(count, null));
        assigned = new ArrayList<>(Collections.nCopies(count, null));
        have = 0;
        return true;
    }

    /** The size most peers announced; on a tie, the one announced first. */
    private int majoritySize() {
        Map<Integer, Integer> votes = new LinkedHashMap<>();
        for (PeerState state : peers.values()) votes.merge(state.offeredSize, 1, Integer::sum);
        int best = 0;
        int bestVotes = 0;
        for (Map.Entry<Integer, Integer> vote : votes.entrySet()) {
            if (vote.getValue() > bestVotes) {
                best = vote.getKey();
                bestVotes = vote.getValue();
            }
        }
        return best;
    }

    /** Starts over (no blame) if nobody left announces the size the shared assembly is using. */
    private void revoteIfOrphaned() {
        if (!singleSource && size != 0 && peers.values().stream().noneMatch(state -> state.offeredSize == size)) {
            discardAssembly();
        }
    }

    /** The peer with the fewest failed assemblies not yet tried in vain; all become eligible again if none is. */
    private P pickSource() {
        if (peers.keySet().stream().allMatch(skippedSources::contains)) skippedSources.clear();
        P best = null;
        int bestFailures = Integer.MAX_VALUE;
        for (P peer : peers.keySet()) {
            int f = failures.getOrDefault(peer, 0);
            if (!skippedSources.contains(peer) && f < bestFailures) {
                best = peer;
                bestFailures = f;
            }
        }
        return best;
    }

    /** Whether every peer that could be asked for this piece has refused or failed it: then ask again anyway. */
    private boolean nobodyElseCanTake(int piece) {
        for (PeerState other : peers.values()) {
            if (other.offeredSize == size && !other.skip.contains(piece)) return false;
        }
        return true;
    }

    private void giveUp(P peer, PeerState state, int piece) {
        if (peer.equals(assigned.get(piece))) assigned.set(piece, null);
        if (!peer.equals(source)) {
            state.skip.add(piece);
        } else if (++sourceStrikes >= SOURCE_STRIKES) {
            dropSource(peer); // the only peer asked: it may retry a few times before we start over elsewhere
        }
    }

    /** The single source will not deliver: drop its pieces (no blame) and let another peer try. */
    private void dropSource(P peer) {
        skippedSources.add(peer);
        discardAssembly();
    }

    /** Forgets the current assembly; answers to its requests are not held against anyone. */
    private void discardAssembly() {
        peers.forEach(this::release);
        peers.values().forEach(state -> state.skip.clear());
        source = null;
        sourceStrikes = 0;
        size = 0;
        pieces = new byte[0][];
        contributors = List.of();
        assigned = List.of();
        have = 0;
    }

    /** Frees the peer's request slots and pieces; answers still due stay due. */
    private void release(P peer, PeerState state) {
        for (int piece : state.outstanding) {
            if (piece < assigned.size() && peer.equals(assigned.get(piece))) assigned.set(piece, null);
        }
        state.outstanding.clear();
    }

    private MetadataResult<P> finish() {
        byte[] info = new byte[size];
        for (int i = 0; i < pieces.length; i++) {
            System.arraycopy(pieces[i], 0, info, i * UtMetadataMessage.PIECE_SIZE, pieces[i].length);
        }
        if (Arrays.equals(digest("SHA-1", info), infoHash.bytes())) {
            Set<P> liars = new LinkedHashSet<>();
            for (FailedAssembly<P> round : failed) {
                for (int i = 0; i < Math.min(round.digests().size(), pieces.length); i++) {
                    if (!Arrays.equals(round.digests().get(i), digest("SHA-256", pieces[i]))) {
                        liars.add(round.contributors().get(i));
                    }
                }
                for (int i = pieces.length; i < round.digests().size(); i++)
                    liars.add(round.contributors().get(i));
            }
            liars.removeAll(bad);
            bad.addAll(liars);
            complete = true;
            failed.clear();
            peers.clear();
            pieces = new byte[pieces.length][]; // keeps the count for progress, frees the data
            return new MetadataResult.Complete<>(info, liars);
        }
        return hashFailed();
    }

    private MetadataResult<P> hashFailed() {
        failedCount++;
        List<byte[]> digests = new ArrayList<>(pieces.length);
        for (byte[] piece : pieces) digests.add(digest("SHA-256", piece));
        if (failed.size() == REMEMBERED_FAILURES) failed.removeFirst();
        failed.addLast(new FailedAssembly<>(List.copyOf(contributors), digests));
        Set<P> involved = new LinkedHashSet<>(contributors);
        Set<P> convicted = new LinkedHashSet<>();
        for (P peer : involved) {
            int f = failures.merge(peer, 1, Integer::sum);
            if (involved.size() == 1 || f >= 2) convicted.add(peer);
        }
        convicted.removeAll(bad);
        bad.addAll(convicted);
        discardAssembly();
        convicted.forEach(peers::remove);
        skippedSources.clear();
        singleSource = true;
        return new MetadataResult.HashMismatch<>(convicted);
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has " + algorithm, e);
        }
    }

    /** What one peer is doing for us. */
    private static final class PeerState {
        /** Beyond this many unanswered requests for one piece, further ones are not counted (bounds memory). */
        private static final int MAX_DUE = 8;

        int offeredSize;
        /** Requests of the current assembly counted against the peer's limit. */
        final Set<Integer> outstanding = new HashSet<>();
        /** Pieces this peer rejected or was too slow for, in this assembly. */
        final Set<Integer> skip = new HashSet<>();
        /** Requests sent and not yet answered (timed-out and abandoned ones included), by piece. */
        private final Map<Integer, Integer> due = new HashMap<>();

        PeerState(int offeredSize) {
            this.offeredSize = offeredSize;
        }

        void expectAnswer(int piece) {
            due.merge(piece, 1, (a, b) -> Math.min(MAX_DUE, a + b));
        }

        /** Consumes one due answer; false if none was due (the peer sent something unasked). */
        boolean takeAnswer(int piece) {
            Integer n = due.get(piece);
            if (n == null) return false;
            if (n == 1) due.remove(piece);
            else due.put(piece, n - 1);
            return true;
        }
    }

    /** Who sent which piece of an assembly that failed, fingerprinted to compare with the verified bytes. */
    private record FailedAssembly<P>(List<P> contributors, List<byte[]> digests) {}
}
