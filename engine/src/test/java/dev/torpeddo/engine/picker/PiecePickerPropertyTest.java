package dev.torpeddo.engine.picker;

import static dev.torpeddo.engine.picker.BlockRequest.BLOCK_SIZE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.internal.Bitfield;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Random swarms (peers with random pieces, seeds, HAVEs, rejects, cancels, chokes, disconnects, hash
 * failures) checked against a simple model of who was asked for what.
 */
class PiecePickerPropertyTest {

    @Property(tries = 300)
    void invariantsHoldUnderChaosAndTheDownloadFinishes(
            @ForAll @IntRange(min = 1, max = 40) int pieceCount,
            @ForAll @IntRange(min = 1, max = 6) int peerCount,
            @ForAll @IntRange(min = 0, max = 300) int chaosSteps,
            @ForAll boolean sequential,
            @ForAll long seed)
            throws Exception {
        Swarm s = new Swarm(pieceCount, peerCount, sequential, new SplittableRandom(seed));
        for (int step = 0; step < chaosSteps; step++) {
            s.randomStep();
            s.checkBooks();
        }
        s.downloadToTheEnd();
        assertThat(s.picker.isDone()).isTrue();
        assertThat(s.picker.wantedRemainingBytes()).isZero();
        for (int i = 0; i < pieceCount; i++) {
            assertThat(s.picker.havePieces().get(i)).isEqualTo(s.have.get(i));
            if (s.picker.piecePriority(i) > 0)
                assertThat(s.have.get(i)).as("wanted piece %d", i).isTrue();
        }
    }

    /** A simulated swarm plus the model the picker must agree with. */
    private static final class Swarm {
        final SplittableRandom rnd;
        final int pieceCount;
        final int pieceLength;
        final int lastPiece;
        final PiecePicker<Integer> picker;
        final Bitfield have;
        final Bitfield[] peerPieces;
        final boolean[] seed;
        final boolean[] connected;
        final Map<BlockRequest, Set<Integer>> asked = new HashMap<>();
        final Map<Integer, Set<Integer>> senders = new HashMap<>();

        Swarm(int pieceCount, int peerCount, boolean sequential, SplittableRandom rnd) throws PickerException {
            this.rnd = rnd;
            this.pieceCount = pieceCount;
            this.pieceLength = BLOCK_SIZE * (1 + rnd.nextInt(4));
            this.lastPiece = 1 + rnd.nextInt(pieceLength);
            this.have = new Bitfield(pieceCount);
            for (int i = 0; i < pieceCount; i++) if (rnd.nextInt(5) == 0) have.set(i);
            this.picker = new PiecePicker<>(pieceCount, this::size, have, rnd.split());
            picker.setSequential(sequential);
            picker.setRandomFirstPieces(rnd.nextInt(6));
            for (int i = 0; i < pieceCount; i++) if (rnd.nextInt(4) == 0) picker.setPiecePriority(i, rnd.nextInt(8));
            peerPieces = new Bitfield[peerCount];
            seed = new boolean[peerCount];
            connected = new boolean[peerCount];
            for (int p = 0; p < peerCount; p++) {
                seed[p] = rnd.nextInt(4) == 0;
                peerPieces[p] = seed[p] ? Bitfield.full(pieceCount) : new Bitfield(pieceCount);
                int density = rnd.nextInt(101);
                if (!seed[p]) for (int i = 0; i < pieceCount; i++) if (rnd.nextInt(100) < density) peerPieces[p].set(i);
            }
            // Every piece exists somewhere, so the download can finish.
            for (int i = 0; i < pieceCount; i++) peerPieces[rnd.nextInt(peerCount)].set(i);
            for (int p = 0; p < peerCount; p++) connect(p);
        }

        int size(int piece) {
            return piece == pieceCount - 1 ? lastPiece : pieceLength;
        }

        void connect(int p) throws PickerException {
            connected[p] = true;
            if (seed[p]) picker.peerHasAll(p);
            else picker.peerBitfield(p, peerPieces[p]);
        }

        void randomStep() throws PickerException {
            int p = rnd.nextInt(peerPieces.length);
            switch (rnd.nextInt(10)) {
                case 0, 1, 2 -> pick(p, 1 + rnd.nextInt(10));
                case 3, 4, 5 -> deliverOne(p);
                case 6 -> {
                    List<BlockRequest> mine = mine(p);
                    if (!mine.isEmpty()) {
                        BlockRequest b = mine.get(rnd.nextInt(mine.size()));
                        boolean released =
                                rnd.nextBoolean() ? picker.requestRejected(p, b) : picker.requestCancelled(p, b);
                        assertThat(released).isTrue();
                        forget(p, b);
                    }
                }
                case 7 -> {
                    List<BlockRequest> released = picker.choked(p);
                    assertThat(released).containsExactlyInAnyOrderElementsOf(mine(p));
                    released.forEach(b -> forget(p, b));
                }
                case 8 -> {
                    if (connected[p]) {
                        picker.peerDisconnected(p);
                        connected[p] = false;
                        assertThat(picker.requestedFrom(p)).isEmpty();
                        mine(p).forEach(b -> forget(p, b));
                    } else {
                        connect(p);
                    }
                }
                case 9 -> {
                    if (rnd.nextBoolean()) {
                        int piece = rnd.nextInt(pieceCount);
                        if (!seed[p]) peerPieces[p].set(piece);
                        if (connected[p]) picker.peerHas(p, piece);
                    } else {
                        picker.setPiecePriority(rnd.nextInt(pieceCount), rnd.nextInt(8));
                    }
                }
                default -> throw new AssertionError();
            }
        }

        void pick(int p, int max) {
            List<BlockRequest> blocks = picker.pick(p, max);
            assertThat(blocks.size()).isLessThanOrEqualTo(max);
            if (!connected[p]) assertThat(blocks).isEmpty();
            assertThat(blocks).doesNotHaveDuplicates();
            for (BlockRequest b : blocks) {
                assertThat(peerPieces[p].get(b.piece()))
                        .as("peer %d lacks piece %d", p, b.piece())
                        .isTrue();
                assertThat(have.get(b.piece()))
                        .as("we have piece %d", b.piece())
                        .isFalse();
                assertThat(picker.piecePriority(b.piece()))
                        .as("priority of %d", b.piece())
                        .isPositive();
                Set<Integer> askedAlready = asked.computeIfAbsent(b, k -> new HashSet<>());
                assertThat(askedAlready).as("asked %d twice for %s", p, b).doesNotContain(p);
                if (!askedAlready.isEmpty())
                    assertThat(picker.isEndgame())
                            .as("duplicate outside endgame")
                            .isTrue();
                askedAlready.add(p);
            }
        }

        /** Peer p sends one block: usually one it was asked for, sometimes anything. */
        void deliverOne(int p) {
            List<BlockRequest> mine = mine(p);
            BlockRequest b;
            if (!mine.isEmpty() && rnd.nextInt(5) > 0) {
                b = mine.get(rnd.nextInt(mine.size()));
            } else {
                int piece = rnd.nextInt(pieceCount);
                b = new BlockRequest(
                        piece,
                        BLOCK_SIZE * rnd.nextInt(5),
                        rnd.nextBoolean() ? BLOCK_SIZE : 1 + rnd.nextInt(BLOCK_SIZE));
            }
            deliver(p, b);
        }

        void deliver(int p, BlockRequest b) {
            BlockReceipt<Integer> r = picker.blockReceived(p, b);
            Set<Integer> requesters = asked.getOrDefault(b, Set.of());
            if (r.wanted()) {
                Set<Integer> others = new HashSet<>(requesters);
                others.remove(p);
                assertThat(r.cancelFrom()).containsExactlyInAnyOrderElementsOf(others);
                asked.remove(b);
                senders.computeIfAbsent(b.piece(), k -> new HashSet<>()).add(p);
                if (r.pieceComplete()) {
                    assertThat(picker.isPieceComplete(b.piece())).isTrue();
                    hashCheck(b.piece());
                }
            } else if (requesters.contains(p)) {
                forget(p, b); // a late duplicate still settles our request
            }
        }

        void hashCheck(int piece) {
            if (rnd.nextInt(5) == 0) {
                List<Integer> blamed = picker.pieceFailed(piece);
                assertThat(blamed).containsExactlyInAnyOrderElementsOf(senders.remove(piece));
                assertThat(picker.isPieceComplete(piece)).isFalse();
            } else {
                picker.pieceVerified(piece);
                senders.remove(piece);
                have.set(piece);
            }
            asked.keySet().removeIf(b -> b.piece() == piece);
        }

        List<BlockRequest> mine(int p) {
            List<BlockRequest> out = new ArrayList<>();
            asked.forEach((b, peers) -> {
                if (peers.contains(p)) out.add(b);
            });
            return out;
        }

        void forget(int p, BlockRequest b) {
            Set<Integer> peers = asked.get(b);
            if (peers != null && peers.remove(p) && peers.isEmpty()) asked.remove(b);
        }

        void checkBooks() {
            for (int p = 0; p < peerPieces.length; p++) {
                assertThat(picker.requestedFrom(p))
                        .as("requests of peer %d", p)
                        .containsExactlyInAnyOrderElementsOf(mine(p));
            }
        }

        /** Everyone connects and delivers everything it is asked for; the download must then finish. */
        void downloadToTheEnd() throws PickerException {
            for (int p = 0; p < peerPieces.length; p++) if (!connected[p]) connect(p);
            for (int round = 0; round < 10 * pieceCount + 50 && !picker.isDone(); round++) {
                for (int p = 0; p < peerPieces.length; p++) pick(p, 1 + rnd.nextInt(16));
                for (int p = 0; p < peerPieces.length; p++) {
                    for (BlockRequest b : mine(p)) deliver(p, b);
                }
                checkBooks();
            }
        }
    }
}
