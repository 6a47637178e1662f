package dev.torpeddo.engine.wire.ext;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.torpeddo.engine.fuzz.FuzzChecks;
import dev.torpeddo.engine.metainfo.InfoHash;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzz target for the assembly of a magnet link's info dictionary from ut_metadata pieces that peers send. The
 * input scripts a conversation with four peers: each is honest (announces the true size, answers only what it
 * was asked, with the true bytes) or a liar (announces any size, sends anything whenever it likes). Whatever
 * the liars do, the assembler must never complete with bytes whose SHA-1 is not the info-hash, never blame an
 * honest peer, and never hold more pieces than its size limit allows. Seeds: MetadataAssemblerFuzzTestInputs.
 */
class MetadataAssemblerFuzzTest {
    private static final int PEERS = 4;
    /** Bounds the pieces a run makes (up to 16 KiB each), so that allocation stays within FuzzChecks' bound. */
    private static final int MAX_STEPS = 64;

    private static final int PIECE = UtMetadataMessage.PIECE_SIZE;
    /** A real info dictionary's size (libtorrent's, see the seeds' README), and one to four pieces. */
    private static final int[] SIZES = {259, PIECE, PIECE + 1, 3 * PIECE - 7};

    /** The assembler reports through results, not exceptions: nothing may escape. */
    private static final class NeverThrown extends Exception {
        private static final long serialVersionUID = 1L;
    }

    @FuzzTest
    void assemble(byte[] input) {
        FuzzChecks.parse(input.length, () -> new Conversation(new Script(input)).run(), NeverThrown.class);
    }

    private static final class Conversation {
        private final Script script;
        private final byte[] metadata;
        private final int maxSize;
        private final boolean[] honest = new boolean[PEERS];
        /** Pieces each peer was asked for and has not answered, as the peer sees it. */
        private final List<List<Integer>> asked = new ArrayList<>();

        private final MetadataAssembler<Integer> assembler;
        private boolean completed;

        Conversation(Script script) {
            this.script = script;
            int size = SIZES[script.next() % SIZES.length];
            metadata = new byte[size];
            for (int i = 0; i < size; i++) metadata[i] = (byte) (i * 31 + (i >> 8));
            int liars = script.next();
            for (int p = 0; p < PEERS; p++) {
                honest[p] = (liars & (1 << p)) == 0;
                asked.add(new ArrayList<>());
            }
            maxSize = switch (script.next() % 4) {
                case 0 -> UtMetadataMessage.MAX_METADATA_SIZE;
                case 1 -> size;
                case 2 -> Math.max(1, size - 1); // too small: nothing may complete
                default -> 2 * PIECE;
            };
            assembler = new MetadataAssembler<>(new InfoHash(sha1(metadata)), maxSize);
        }

        /** Plays the script; returns whether the metadata completed. */
        boolean run() {
            for (int step = 0; step < MAX_STEPS && script.hasMore(); step++) {
                int op = script.next();
                int peer = op % PEERS;
                List<Integer> pending = asked.get(peer);
                switch ((op >> 2) % 7) {
                    case 0 -> assembler.peerOffers(peer, honest[peer] ? metadata.length : claimedSize());
                    case 1 -> assembler.nextRequest(peer).ifPresent(pending::add);
                    case 2 -> {
                        if (!pending.isEmpty()) {
                            int piece = takeAsked(pending);
                            if ((long) piece * PIECE < metadata.length) {
                                check(peer, assembler.onData(peer, piece, metadata.length, slice(piece)));
                            } else { // only a liar is asked for what lies beyond the true size
                                int totalSize = claimedSize();
                                check(peer, assembler.onData(peer, piece, totalSize, garbage(piece, totalSize)));
                            }
                        }
                    }
                    case 3 -> {
                        if (!honest[peer]) {
                            int totalSize = claimedSize();
                            int piece = script.next() % 5;
                            check(peer, assembler.onData(peer, piece, totalSize, garbage(piece, totalSize)));
                        }
                    }
                    case 4 -> {
                        if (!pending.isEmpty()) {
                            assembler.requestRejected(peer, takeAsked(pending));
                        } else if (!honest[peer]) {
                            assembler.requestRejected(peer, script.next() % 5);
                        }
                    }
                    case 5 -> {
                        // Our timer: the peer may still answer late.
                        if (!pending.isEmpty()) assembler.requestTimedOut(peer, pending.get(0));
                    }
                    default -> {
                        assembler.peerGone(peer);
                        pending.clear();
                    }
                }
                assertBounded();
            }
            return completed;
        }

        private void check(int peer, MetadataResult<Integer> result) {
            switch (result) {
                case MetadataResult.Complete<Integer> c -> {
                    assertThat(completed).as("completes once").isFalse();
                    completed = true;
                    // The only bytes with this SHA-1 that anyone will find.
                    assertThat(c.infoDict()).isEqualTo(metadata);
                    assertThat(c.badPeers()).allMatch(p -> !honest[p], "only liars are blamed");
                }
                case MetadataResult.HashMismatch<Integer> m ->
                    assertThat(m.badPeers()).allMatch(p -> !honest[p], "only liars are blamed");
                case MetadataResult.BadPeer<Integer> b ->
                    assertThat(honest[peer])
                            .as("honest peer %d blamed: %s", peer, b.reason())
                            .isFalse();
                case MetadataResult.Accepted<Integer> a -> assertThat(completed).isFalse();
                case MetadataResult.Ignored<Integer> i -> {}
            }
            if (completed) assertThat(assembler.isComplete()).isTrue();
        }

        /** Never more pieces than the size limit allows, never more held than there are. */
        private void assertBounded() {
            assertThat(assembler.pieceCount()).isLessThanOrEqualTo((maxSize + PIECE - 1) / PIECE);
            assertThat(assembler.piecesHave()).isBetween(0, assembler.pieceCount());
            assertThat(assembler.progress()).isBetween(0.0, 1.0);
            assertThat(assembler.isComplete()).isEqualTo(completed);
        }

        /** One of the pieces the peer was asked for, chosen by the script; the peer answers it now. */
        private int takeAsked(List<Integer> pending) {
            int at = script.next() % pending.size();
            int piece = pending.get(at);
            pending.subList(at, at + 1).clear();
            return piece;
        }

        private byte[] slice(int piece) {
            return Arrays.copyOfRange(metadata, piece * PIECE, Math.min(metadata.length, (piece + 1) * PIECE));
        }

        /** A size a liar might announce: the true one, near it, at the limits, or anything. */
        private int claimedSize() {
            return switch (script.next() % 8) {
                case 0, 1 -> metadata.length;
                case 2 -> metadata.length + 1;
                case 3 -> metadata.length - 1;
                case 4 -> maxSize;
                case 5 -> maxSize + 1;
                case 6 -> -script.next();
                default -> script.next() << 8 | script.next();
            };
        }

        /** Data of the length the assembler expects for this piece (or any length), bytes from the script. */
        private byte[] garbage(int piece, int totalSize) {
            long fitting = Math.min(PIECE, Math.max(0, (long) totalSize - (long) piece * PIECE));
            int length = script.next() % 4 == 0 ? script.next() : (int) fitting;
            byte[] data = slice(Math.min(piece, (metadata.length - 1) / PIECE));
            data = Arrays.copyOf(data, length);
            // Usually the true bytes with one changed, so that only the hash check can catch it.
            int flip = script.next();
            if (length > 0 && flip != 0) data[flip * 97 % length] ^= (byte) flip;
            return data;
        }
    }

    /** The input as a sequence of unsigned bytes, then zeros. */
    private static final class Script {
        private final byte[] input;
        private int at;

        Script(byte[] input) {
            this.input = input;
        }

        boolean hasMore() {
            return at < input.length;
        }

        int next() {
            return at < input.length ? input[at++] & 0xff : 0;
        }
    }

    private static byte[] sha1(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
