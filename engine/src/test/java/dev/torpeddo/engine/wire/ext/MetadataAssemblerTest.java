package dev.torpeddo.engine.wire.ext;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.bencode.BDict;
import dev.torpeddo.engine.bencode.BEncoder;
import dev.torpeddo.engine.metainfo.InfoHash;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MetadataAssemblerTest {
    private static final int PIECE = UtMetadataMessage.PIECE_SIZE;
    /** A fake info dictionary of 10 pieces, the last one short. */
    private static final byte[] INFO = info(9 * PIECE + 1234);

    private static final InfoHash HASH = sha1(INFO);

    private final MetadataAssembler<String> assembler = new MetadataAssembler<>(HASH, 1 << 20);

    @Test
    void fetchesEverythingFromOnePeer() {
        assembler.peerOffers("a", INFO.length);
        MetadataResult<String> last = null;
        for (int round = 0; !assembler.isComplete() && round < 100; round++) {
            for (Integer piece : drain("a")) last = answer("a", piece, INFO);
        }
        assertThat(last).isEqualTo(new MetadataResult.Complete<String>(INFO, java.util.Set.of()));
        assertThat(assembler.progress()).isEqualTo(1.0);
        assertThat(assembler.piecesHave()).isEqualTo(10);
        assertThat(assembler.pieceCount()).isEqualTo(10);
    }

    @Test
    void spreadsPiecesOverPeersWithALimitPerPeer() {
        assembler.peerOffers("a", INFO.length);
        assembler.peerOffers("b", INFO.length);
        assembler.peerOffers("c", INFO.length);
        assertThat(drain("a")).containsExactly(0, 1, 2, 3);
        assertThat(drain("b")).containsExactly(4, 5, 6, 7);
        assertThat(drain("c")).containsExactly(8, 9);
        assertThat(assembler.nextRequest("a")).isEmpty();
        assertThat(assembler.pieceCount()).isEqualTo(10);
        assertThat(assembler.progress()).isZero();

        assertThat(answer("a", 0, INFO)).isInstanceOf(MetadataResult.Accepted.class);
        assertThat(assembler.nextRequest("a")).isEmpty(); // nothing left unassigned
        assertThat(assembler.progress()).isEqualTo(0.1);
    }

    @Test
    void assemblesPiecesArrivingInAnyOrder() {
        List<String> peers = List.of("a", "b", "c");
        peers.forEach(p -> assembler.peerOffers(p, INFO.length));
        List<String[]> requests = new ArrayList<>();
        for (String p : peers) drain(p).forEach(piece -> requests.add(new String[] {p, piece.toString()}));
        Collections.shuffle(requests, new Random(7));
        MetadataResult<String> last = null;
        for (String[] r : requests) last = answer(r[0], Integer.parseInt(r[1]), INFO);
        assertThat(last).isInstanceOf(MetadataResult.Complete.class);
        assertThat(((MetadataResult.Complete<String>) last).infoDict()).isEqualTo(INFO);
    }

    @Test
    void aLiarSpoilsTheFirstAssemblyAndIsNamedWhenHonestPeersComplete() {
        byte[] lie = corrupted(INFO, 8 * PIECE + 3);
        assembler.peerOffers("honest1", INFO.length);
        assembler.peerOffers("honest2", INFO.length);
        assembler.peerOffers("liar", INFO.length);

        // Pieces 0-3 from honest1, 4-7 from honest2, 8-9 from the liar: only the liar's 8 and 9 are wrong.
        List<MetadataResult<String>> results = fetchAll(List.of("honest1", "honest2", "liar"), lie);
        assertThat(results).contains(new MetadataResult.HashMismatch<>(java.util.Set.of()));
        assertThat(assembler.failedAssemblies()).isEqualTo(1);
        assertThat(assembler.piecesHave()).isZero();

        // The next assembly asks one peer only; honest1 has as few failures as anyone and came first.
        assertThat(assembler.nextRequest("honest2")).isEmpty();
        assertThat(assembler.nextRequest("liar")).isEmpty();
        results = fetchAll(List.of("honest1", "honest2", "liar"), lie);
        MetadataResult<String> last = results.getLast();
        assertThat(last).isEqualTo(new MetadataResult.Complete<>(INFO, java.util.Set.of("liar")));
    }

    @Test
    void aLiarChosenAsTheSingleSourceIsConvictedAtOnce() {
        byte[] lie = corrupted(INFO, 0);
        assembler.peerOffers("liar", INFO.length);
        assembler.peerOffers("honest", INFO.length);

        assertThat(fetchAll(List.of("liar", "honest"), lie))
                .containsExactly(new MetadataResult.HashMismatch<>(java.util.Set.of()));
        assertThat(fetchAll(List.of("liar", "honest"), lie))
                .containsExactly(new MetadataResult.HashMismatch<>(java.util.Set.of("liar")));
        assertThat(assembler.nextRequest("liar")).isEmpty();
        assertThat(assembler.peerOffers("liar", INFO.length)).isFalse();
        assertThat(answer("liar", 0, INFO)).isInstanceOf(MetadataResult.BadPeer.class);

        assertThat(fetchAll(List.of("liar", "honest"), lie))
                .containsExactly(new MetadataResult.Complete<>(INFO, java.util.Set.of()));
        assertThat(assembler.failedAssemblies()).isEqualTo(2);
    }

    @Test
    void aSingleSourceThatKeepsFailingIsReplacedWithoutBlame() {
        assembler.peerOffers("liar", INFO.length);
        assembler.peerOffers("slow", INFO.length);
        fetchAll(List.of("liar", "slow"), corrupted(INFO, 0)); // a mixed failure: single sources from now on
        assembler.peerGone("liar");

        assertThat(drain("slow")).containsExactly(0, 1, 2, 3);
        answer("slow", 1, INFO);
        assembler.requestTimedOut("slow", 0);
        assembler.requestRejected("slow", 2);
        assertThat(drain("slow")).containsExactly(0, 2, 4); // 0 and 2 retried: nobody else is being asked
        assertThat(assembler.piecesHave()).isEqualTo(1);

        assembler.peerOffers("fresh", INFO.length);
        assembler.requestTimedOut("slow", 0); // third strike: start over with another peer
        assertThat(assembler.piecesHave()).isZero();
        assertThat(drain("slow")).isEmpty();
        assertThat(drain("fresh")).containsExactly(0, 1, 2, 3);
        assertThat(answer("slow", 3, INFO)).isInstanceOf(MetadataResult.Ignored.class); // late, not blamed
    }

    @Test
    void aPeerSendingEverythingWrongIsConvictedByItsFirstFailure() {
        assembler.peerOffers("liar", INFO.length);
        assertThat(fetchAll(List.of("liar"), corrupted(INFO, 77)))
                .containsExactly(new MetadataResult.HashMismatch<>(java.util.Set.of("liar")));
        assertThat(assembler.nextRequest("liar")).isEmpty();
    }

    @Test
    void refusesUnusableSizes() {
        assertThat(assembler.peerOffers("a", 0)).isFalse();
        assertThat(assembler.peerOffers("b", -5)).isFalse();
        assertThat(assembler.peerOffers("c", (1 << 20) + 1)).isFalse();
        assertThat(assembler.nextRequest("a")).isEmpty();
        assertThat(assembler.nextRequest("c")).isEmpty();
        assertThat(assembler.pieceCount()).isZero();
    }

    @Test
    void refusesDataThatDoesNotFitTheRequest() {
        assembler.peerOffers("a", INFO.length);
        drain("a");
        assertThat(assembler.onData("a", 0, INFO.length + 1, slice(INFO, 0)))
                .isEqualTo(new MetadataResult.BadPeer<String>(
                        "total_size " + (INFO.length + 1) + " differs from its announced " + INFO.length));
        assertThat(assembler.onData("a", 1, INFO.length, new byte[100]))
                .isEqualTo(new MetadataResult.BadPeer<String>("metadata piece 1 has 100 bytes, expected 16384"));
        assertThat(assembler.onData("a", 9, INFO.length, slice(INFO, 9)))
                .isEqualTo(new MetadataResult.BadPeer<String>("sent metadata piece 9 without being asked"));
        assertThat(assembler.onData("stranger", 2, INFO.length, slice(INFO, 2)))
                .isInstanceOf(MetadataResult.BadPeer.class);
        assertThat(assembler.piecesHave()).isZero();
    }

    @Test
    void aRejectedPieceGoesToAnotherPeerAndBackOnlyWhenEveryoneRefusedIt() {
        MetadataAssembler<String> small = new MetadataAssembler<>(sha1(info(2 * PIECE)), 1 << 20);
        small.peerOffers("a", 2 * PIECE);
        small.peerOffers("b", 2 * PIECE);
        assertThat(small.nextRequest("a")).contains(0);
        assertThat(small.nextRequest("a")).contains(1);
        small.requestRejected("a", 0);
        assertThat(small.nextRequest("a")).isEmpty();
        assertThat(small.nextRequest("b")).contains(0);
        // An answer to the rejected request would be unsolicited.
        assertThat(small.onData("a", 0, 2 * PIECE, new byte[PIECE])).isInstanceOf(MetadataResult.BadPeer.class);

        small.requestRejected("b", 0);
        assertThat(small.nextRequest("a")).contains(0); // everyone refused it: ask again rather than stall
    }

    @Test
    void aTimedOutPieceGoesToAnotherPeerButALateAnswerStillCounts() {
        assembler.peerOffers("slow", INFO.length);
        assembler.peerOffers("fast", INFO.length);
        assertThat(drain("slow")).containsExactly(0, 1, 2, 3);
        assembler.requestTimedOut("slow", 2);
        assertThat(assembler.nextRequest("fast")).contains(2);
        assertThat(answer("slow", 2, INFO)).isInstanceOf(MetadataResult.Accepted.class);
        assertThat(answer("fast", 2, INFO))
                .isEqualTo(new MetadataResult.Ignored<String>("metadata piece 2 already received"));
        assertThat(assembler.piecesHave()).isEqualTo(1);
    }

    @Test
    void aDepartedPeersPiecesGoToOthers() {
        assembler.peerOffers("a", INFO.length);
        assembler.peerOffers("b", INFO.length);
        assertThat(drain("a")).containsExactly(0, 1, 2, 3);
        assertThat(drain("b")).containsExactly(4, 5, 6, 7);
        assembler.peerGone("a");
        answer("b", 4, INFO);
        answer("b", 5, INFO);
        assertThat(drain("b")).containsExactly(0, 1);
    }

    @Test
    void usesTheSizeMostPeersAnnounce() {
        assembler.peerOffers("odd", INFO.length + 1);
        assembler.peerOffers("a", INFO.length);
        assembler.peerOffers("b", INFO.length);
        assertThat(assembler.nextRequest("odd")).isEmpty();
        assertThat(assembler.nextRequest("a")).contains(0);
        assertThat(assembler.pieceCount()).isEqualTo(10);
    }

    @Test
    void theOnlyPeerWithADifferentSizeIsUsedOnceTheOthersLeave() {
        assembler.peerOffers("a", INFO.length);
        assembler.peerOffers("odd", INFO.length - PIECE);
        assertThat(assembler.nextRequest("a")).contains(0);
        assembler.peerGone("a");
        assertThat(assembler.nextRequest("odd")).contains(0);
        assertThat(assembler.pieceCount()).isEqualTo(9);
    }

    @Test
    void servesItsOwnMetadataInPieces() {
        List<byte[]> slices = MetadataAssembler.slices(INFO);
        assertThat(slices).hasSize(10);
        assertThat(slices.get(0)).hasSize(PIECE);
        assertThat(slices.get(9)).hasSize(1234);
        assertThat(MetadataAssembler.serve(INFO, 9))
                .contains(new UtMetadataMessage.Data(9, INFO.length, slice(INFO, 9)));
        assertThat(MetadataAssembler.serve(INFO, 10)).contains(new UtMetadataMessage.Reject(10));
        assertThat(MetadataAssembler.serve(new byte[0], 0)).contains(new UtMetadataMessage.Reject(0));
        assertThat(MetadataAssembler.serve(INFO, -1)).isEmpty();
    }

    @Test
    void whatWeServeIsWhatAnotherAssemblerAccepts() throws ExtensionException {
        assembler.peerOffers("us", INFO.length);
        MetadataResult<String> last = null;
        while (!assembler.isComplete()) {
            for (Integer piece : drain("us")) {
                UtMetadataMessage request =
                        UtMetadataCodec.decode(UtMetadataCodec.encode(new UtMetadataMessage.Request(piece)));
                UtMetadataMessage reply = UtMetadataCodec.decode(UtMetadataCodec.encode(
                        MetadataAssembler.serve(INFO, request.piece()).orElseThrow()));
                UtMetadataMessage.Data data = (UtMetadataMessage.Data) reply;
                last = assembler.onData("us", data.piece(), data.totalSize(), data.data());
            }
        }
        assertThat(last).isEqualTo(new MetadataResult.Complete<String>(INFO, java.util.Set.of()));
    }

    /** Asks every peer for all it may have, answers from {@code liarData} for "liar" peers, and collects results. */
    private List<MetadataResult<String>> fetchAll(List<String> peers, byte[] liarData) {
        List<MetadataResult<String>> results = new ArrayList<>();
        int before = assembler.failedAssemblies();
        for (int round = 0; round < 100 && !assembler.isComplete() && assembler.failedAssemblies() == before; round++) {
            for (String p : peers) {
                for (Integer piece : drain(p)) {
                    MetadataResult<String> r = answer(p, piece, p.startsWith("liar") ? liarData : INFO);
                    if (!(r instanceof MetadataResult.Accepted<String>)) results.add(r);
                }
            }
        }
        return results;
    }

    private List<Integer> drain(String peer) {
        List<Integer> pieces = new ArrayList<>();
        for (Optional<Integer> next = assembler.nextRequest(peer);
                next.isPresent();
                next = assembler.nextRequest(peer)) {
            pieces.add(next.get());
        }
        return pieces;
    }

    private MetadataResult<String> answer(String peer, int piece, byte[] source) {
        return assembler.onData(peer, piece, source.length, slice(source, piece));
    }

    private static byte[] slice(byte[] data, int piece) {
        return java.util.Arrays.copyOfRange(data, piece * PIECE, Math.min(data.length, (piece + 1) * PIECE));
    }

    private static byte[] corrupted(byte[] data, int at) {
        byte[] copy = data.clone();
        copy[at] ^= 1;
        return copy;
    }

    private static byte[] info(int size) {
        byte[] pieces = new byte[size - 40];
        new Random(size).nextBytes(pieces);
        byte[] info = BEncoder.encode(
                BDict.builder().put("name", "x").put("pieces", pieces).build());
        return java.util.Arrays.copyOf(info, size); // padded to the exact size wanted; only the bytes matter here
    }

    private static InfoHash sha1(byte[] data) {
        try {
            return new InfoHash(MessageDigest.getInstance("SHA-1").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
