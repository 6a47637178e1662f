package dev.torpeddo.engine.picker;

import static dev.torpeddo.engine.picker.BlockRequest.BLOCK_SIZE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.torpeddo.engine.internal.Bitfield;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PiecePickerTest {
    private static final int PIECE = 4 * BLOCK_SIZE;

    private static PiecePicker<String> picker(int pieces) {
        return picker(pieces, 1);
    }

    private static PiecePicker<String> picker(int pieces, long seed) {
        PiecePicker<String> p = new PiecePicker<>(pieces, i -> PIECE, new Bitfield(pieces), new SplittableRandom(seed));
        p.setRandomFirstPieces(0);
        return p;
    }

    private static Bitfield bits(int size, int... set) {
        Bitfield b = new Bitfield(size);
        for (int i : set) b.set(i);
        return b;
    }

    private static Set<Integer> pieces(List<BlockRequest> blocks) {
        Set<Integer> out = new HashSet<>();
        blocks.forEach(b -> out.add(b.piece()));
        return out;
    }

    @Test
    void picksOnlyPiecesThePeerHas() throws Exception {
        PiecePicker<String> p = picker(10);
        p.peerBitfield("a", bits(10, 3, 7));
        assertThat(pieces(p.pick("a", 100))).containsExactlyInAnyOrder(3, 7);
    }

    @Test
    void blocksAre16KiBAndTheLastBlockOfAPieceIsShorter() throws Exception {
        int size = 2 * BLOCK_SIZE + 1000;
        PiecePicker<String> p = new PiecePicker<>(1, i -> size, new Bitfield(1), new SplittableRandom(1));
        p.peerHasAll("a");
        assertThat(p.pick("a", 10))
                .containsExactly(
                        new BlockRequest(0, 0, BLOCK_SIZE),
                        new BlockRequest(0, BLOCK_SIZE, BLOCK_SIZE),
                        new BlockRequest(0, 2 * BLOCK_SIZE, 1000));
    }

    @Test
    void neverPicksPiecesWeHaveOrPriorityZero() {
        Bitfield have = bits(6, 0, 1);
        PiecePicker<String> p = new PiecePicker<>(6, i -> PIECE, have, new SplittableRandom(1));
        p.setPiecePriority(2, 0);
        p.peerHasAll("a");
        assertThat(pieces(p.pick("a", 100))).containsExactlyInAnyOrder(3, 4, 5);
    }

    @Test
    void finishesStartedPiecesBeforeStartingNewOnes() throws Exception {
        PiecePicker<String> p = picker(20);
        p.peerHasAll("a");
        p.peerHasAll("b");
        List<BlockRequest> first = p.pick("a", 1);
        int started = first.getFirst().piece();
        assertThat(p.pick("b", 3)).allSatisfy(b -> assertThat(b.piece()).isEqualTo(started));
        assertThat(p.inFlightPieces()).containsExactly(started);
    }

    @Test
    void higherPriorityFirst() {
        PiecePicker<String> p = picker(50);
        p.setPiecePriority(33, 7);
        p.setPiecePriority(12, 6);
        p.peerHasAll("a");
        List<BlockRequest> blocks = p.pick("a", 8);
        assertThat(blocks.subList(0, 4)).allSatisfy(b -> assertThat(b.piece()).isEqualTo(33));
        assertThat(blocks.subList(4, 8)).allSatisfy(b -> assertThat(b.piece()).isEqualTo(12));
    }

    @Test
    void rarestFirstAmongEqualPriority() throws Exception {
        PiecePicker<String> p = picker(5);
        p.peerBitfield("a", bits(5, 0, 1, 2, 3, 4));
        p.peerBitfield("b", bits(5, 0, 1, 2, 4));
        p.peerBitfield("c", bits(5, 0, 1, 4));
        // availability: 0,1,4 -> 3 ; 2 -> 2 ; 3 -> 1
        List<BlockRequest> blocks = p.pick("a", 8);
        assertThat(blocks.subList(0, 4)).allSatisfy(b -> assertThat(b.piece()).isEqualTo(3));
        assertThat(blocks.subList(4, 8)).allSatisfy(b -> assertThat(b.piece()).isEqualTo(2));
    }

    @Test
    void rarestFirstAlsoForAPeerWithFewPieces() throws Exception {
        PiecePicker<String> p = picker(1000);
        p.peerBitfield("few", bits(1000, 10, 500, 900));
        p.peerBitfield("other", bits(1000, 10, 900));
        p.peerHasAll("seed");
        assertThat(pieces(p.pick("few", 4))).containsExactly(500);
    }

    @Test
    void equallyRarePiecesAreChosenAtRandom() {
        Set<Integer> firstPicks = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            PiecePicker<String> p = picker(100, seed);
            p.peerHasAll("a");
            firstPicks.add(p.pick("a", 1).getFirst().piece());
        }
        assertThat(firstPicks).hasSizeGreaterThan(5);
    }

    @Test
    void randomFirstPiecesUntilEnoughAreComplete() throws Exception {
        // Piece 0 is the only rare one; rarest-first would always start it.
        Set<Integer> starts = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            PiecePicker<String> p = new PiecePicker<>(100, i -> PIECE, new Bitfield(100), new SplittableRandom(seed));
            p.peerHasAll("seed");
            Bitfield most = Bitfield.full(100);
            most.clear(0);
            p.peerBitfield("b", most);
            starts.add(p.pick("seed", 1).getFirst().piece());
        }
        assertThat(starts).hasSizeGreaterThan(5);

        Bitfield four = bits(100, 50, 51, 52, 53);
        PiecePicker<String> p = new PiecePicker<>(100, i -> PIECE, four, new SplittableRandom(7));
        p.peerHasAll("seed");
        Bitfield most = Bitfield.full(100);
        most.clear(0);
        p.peerBitfield("b", most);
        assertThat(p.pick("seed", 1).getFirst().piece()).isZero();
    }

    @Test
    void sequentialModePicksLowestIndexFirst() throws Exception {
        PiecePicker<String> p = picker(10);
        p.setSequential(true);
        p.peerBitfield("a", bits(10, 2, 3, 4, 9));
        p.peerBitfield("b", bits(10, 9));
        assertThat(p.pick("a", 12)).extracting(BlockRequest::piece).containsExactly(2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4);
    }

    @Test
    void outsideEndgameABlockIsRequestedFromOnePeerOnly() {
        PiecePicker<String> p = picker(3);
        p.peerHasAll("a");
        p.peerHasAll("b");
        List<BlockRequest> a = p.pick("a", 6);
        List<BlockRequest> b = p.pick("b", 5);
        assertThat(a).doesNotContainAnyElementsOf(b);
        assertThat(a).doesNotHaveDuplicates();
        assertThat(p.isEndgame()).isFalse();
    }

    @Test
    void endgameStartsOnlyWhenEveryBlockIsRequested() {
        PiecePicker<String> p = picker(3);
        p.peerHasAll("a");
        p.peerHasAll("b");
        p.pick("a", 6);
        assertThat(p.isEndgame()).isFalse();
        List<BlockRequest> b = p.pick("b", 6);
        assertThat(p.isEndgame()).isTrue();
        assertThat(p.pick("a", 10)).containsExactlyInAnyOrderElementsOf(b);
    }

    @Test
    void endgameDuplicatesOtherPeersRequestsAndNamesThemForCancel() {
        PiecePicker<String> p = picker(1);
        p.peerHasAll("slow");
        p.peerHasAll("fast");
        List<BlockRequest> slow = p.pick("slow", 10);
        assertThat(slow).hasSize(4);
        assertThat(p.isEndgame()).isTrue();
        List<BlockRequest> fast = p.pick("fast", 10);
        assertThat(fast).containsExactlyInAnyOrderElementsOf(slow);
        assertThat(p.pick("fast", 10)).as("never twice from the same peer").isEmpty();
        assertThat(p.pick("slow", 10)).isEmpty();

        BlockReceipt<String> receipt = p.blockReceived("fast", fast.getFirst());
        assertThat(receipt.wanted()).isTrue();
        assertThat(receipt.cancelFrom()).containsExactly("slow");
        assertThat(p.requestedFrom("slow")).doesNotContain(fast.getFirst());
        assertThat(p.blockReceived("slow", fast.getFirst()).wanted())
                .as("late duplicate")
                .isFalse();
    }

    @Test
    void piecesNobodyHasDoNotHoldOffEndgame() throws Exception {
        PiecePicker<String> p = picker(3);
        p.peerBitfield("slow", bits(3, 0));
        p.peerBitfield("fast", bits(3, 0));
        p.pick("slow", 4);
        assertThat(p.isEndgame()).isTrue();
        assertThat(p.pick("fast", 4)).hasSize(4);
        p.peerHas("fast", 2);
        assertThat(p.isEndgame()).as("piece 2 became available").isFalse();
    }

    @Test
    void noEndgameWhileFreeBlocksRemain() {
        PiecePicker<String> p = picker(2);
        p.peerHasAll("a");
        p.pick("a", 4);
        assertThat(p.isEndgame()).isFalse();
    }

    @Test
    void receivingBlocksCompletesAPiece() {
        PiecePicker<String> p = picker(2);
        p.peerHasAll("a");
        List<BlockRequest> blocks = p.pick("a", 4);
        int piece = blocks.getFirst().piece();
        for (int i = 0; i < 3; i++) {
            BlockReceipt<String> r = p.blockReceived("a", blocks.get(i));
            assertThat(r.wanted()).isTrue();
            assertThat(r.pieceComplete()).isFalse();
        }
        assertThat(p.isPieceComplete(piece)).isFalse();
        assertThat(p.blockReceived("a", blocks.get(3)).pieceComplete()).isTrue();
        assertThat(p.isPieceComplete(piece)).isTrue();
        assertThat(p.wantedRemainingBytes()).isEqualTo(PIECE);

        p.pieceVerified(piece);
        assertThat(p.havePieces().get(piece)).isTrue();
        assertThat(p.inFlightPieces()).isEmpty();
        assertThat(p.isDone()).isFalse();
        assertThat(p.requestedFrom("a")).isEmpty();
    }

    @Test
    void unwantedBlocksAreRefused() {
        PiecePicker<String> p = picker(3);
        p.peerHasAll("a");
        BlockRequest b = p.pick("a", 1).getFirst();
        int other = (b.piece() + 1) % 3;
        assertThat(p.blockReceived("a", new BlockRequest(other, 0, BLOCK_SIZE)).wanted())
                .as("unstarted")
                .isFalse();
        assertThat(p.blockReceived("a", new BlockRequest(b.piece(), 5, BLOCK_SIZE))
                        .wanted())
                .as("odd offset")
                .isFalse();
        assertThat(p.blockReceived("a", new BlockRequest(b.piece(), 0, 100)).wanted())
                .as("short")
                .isFalse();
        assertThat(p.blockReceived("a", new BlockRequest(b.piece(), 99 * BLOCK_SIZE, BLOCK_SIZE))
                        .wanted())
                .isFalse();
        assertThat(p.blockReceived("a", new BlockRequest(-1, -1, -1)).wanted()).isFalse();
        assertThat(p.blockReceived("a", b).wanted()).isTrue();
        assertThat(p.blockReceived("a", b).wanted()).as("duplicate").isFalse();
    }

    @Test
    void rejectedBlocksGoToAnotherPeer() {
        PiecePicker<String> p = picker(1);
        p.peerHasAll("a");
        p.peerHasAll("b");
        BlockRequest b = p.pick("a", 1).getFirst();
        assertThat(p.requestRejected("a", b)).isTrue();
        assertThat(p.requestRejected("a", b)).as("already released").isFalse();
        assertThat(p.pick("b", 1)).containsExactly(b);
    }

    @Test
    void cancelledBlocksGoToAnotherPeer() {
        PiecePicker<String> p = picker(1);
        p.peerHasAll("a");
        p.peerHasAll("b");
        BlockRequest b = p.pick("a", 1).getFirst();
        assertThat(p.requestCancelled("a", b)).isTrue();
        assertThat(p.pick("b", 1)).containsExactly(b);
    }

    @Test
    void chokeReleasesTheRequestsOfThatPeerOnly() {
        PiecePicker<String> p = picker(2);
        p.peerHasAll("a");
        p.peerHasAll("b");
        List<BlockRequest> a = p.pick("a", 4);
        List<BlockRequest> b = p.pick("b", 2);
        assertThat(p.choked("a")).containsExactlyInAnyOrderElementsOf(a);
        assertThat(p.requestedFrom("a")).isEmpty();
        assertThat(p.requestedFrom("b")).containsExactlyInAnyOrderElementsOf(b);
        assertThat(p.pick("b", 10)).containsAll(a);
    }

    @Test
    void disconnectReleasesRequestsAndAvailability() throws Exception {
        PiecePicker<String> p = picker(4);
        p.peerBitfield("a", bits(4, 0, 1));
        p.peerHasAll("s");
        p.peerHas("b", 1);
        assertThat(p.availability(1)).isEqualTo(3);
        List<BlockRequest> a = p.pick("a", 8);
        p.peerDisconnected("a");
        p.peerDisconnected("s");
        assertThat(p.availability(0)).isZero();
        assertThat(p.availability(1)).isEqualTo(1);
        assertThat(p.requestedFrom("a")).isEmpty();
        assertThat(p.pick("b", 8))
                .containsExactlyInAnyOrderElementsOf(
                        a.stream().filter(x -> x.piece() == 1).toList());
    }

    @Test
    void hashFailureFreesBlocksAndNamesContributors() {
        PiecePicker<String> p = picker(1);
        p.peerHasAll("a");
        p.peerHasAll("b");
        List<BlockRequest> a = p.pick("a", 2);
        List<BlockRequest> b = p.pick("b", 2);
        a.forEach(x -> p.blockReceived("a", x));
        b.forEach(x -> p.blockReceived("b", x));
        assertThat(p.isPieceComplete(0)).isTrue();
        assertThat(p.pieceFailed(0)).containsExactlyInAnyOrder("a", "b");
        assertThat(p.isPieceComplete(0)).isFalse();
        assertThat(p.wantedRemainingBytes()).isEqualTo(PIECE);
        assertThat(p.pick("b", 10)).hasSize(4);
    }

    @Test
    void doneWhenAllWantedPiecesAreVerified() {
        PiecePicker<String> p = picker(3);
        p.setPiecePriority(2, 0);
        assertThat(p.wantedRemainingBytes()).isEqualTo(2L * PIECE);
        p.pieceVerified(0);
        assertThat(p.isDone()).isFalse();
        p.pieceVerified(1);
        assertThat(p.isDone()).isTrue();
        assertThat(p.wantedRemainingBytes()).isZero();
        p.setPiecePriority(2, 1);
        assertThat(p.isDone()).isFalse();
    }

    @Test
    void priorityZeroStopsPickingAStartedPiece() {
        PiecePicker<String> p = picker(1);
        p.peerHasAll("a");
        p.pick("a", 1);
        p.setPiecePriority(0, 0);
        assertThat(p.pick("a", 10)).isEmpty();
        assertThat(p.isDone()).isTrue();
    }

    @Test
    void allowedFastPicksOnlyAllowedPiecesThePeerHas() throws Exception {
        PiecePicker<String> p = picker(10);
        p.peerBitfield("a", bits(10, 1, 2, 3));
        List<BlockRequest> blocks = p.pickAllowedFast("a", Set.of(2, 5, 9999, -3), 10);
        assertThat(pieces(blocks)).containsExactly(2);
        assertThat(blocks).hasSize(4);
    }

    @Test
    void hostilePeerDataYieldsPickerException() {
        PiecePicker<String> p = picker(10);
        assertThatThrownBy(() -> p.peerHas("a", 10))
                .isInstanceOf(PickerException.class)
                .hasMessageContaining("piece 10");
        assertThatThrownBy(() -> p.peerHas("a", -1)).isInstanceOf(PickerException.class);
        assertThatThrownBy(() -> p.peerBitfield("a", new Bitfield(11)))
                .isInstanceOf(PickerException.class)
                .hasMessageContaining("11");
    }

    @Test
    void unknownPeerGetsNothing() {
        PiecePicker<String> p = picker(3);
        assertThat(p.pick("nobody", 5)).isEmpty();
        assertThat(p.choked("nobody")).isEmpty();
        p.peerDisconnected("nobody");
    }
}
