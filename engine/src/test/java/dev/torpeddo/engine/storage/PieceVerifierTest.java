package dev.torpeddo.engine.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.storage.TestTorrents.TestTorrent;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class PieceVerifierTest {

    @Test
    void acceptsExactlyTheRightBytes() {
        TestTorrent t = TestTorrents.random(1, 64, 200);
        PieceVerifier verifier = new PieceVerifier(t.metainfo());

        assertThat(verifier.verify(0, t.piece(0))).isTrue();
        assertThat(verifier.verify(3, t.piece(3))).as("short last piece").isTrue();
        assertThat(verifier.verify(1, t.piece(0))).as("another piece's data").isFalse();
        byte[] flipped = t.piece(2);
        flipped[63] ^= 1;
        assertThat(verifier.verify(2, flipped)).isFalse();
        assertThat(verifier.verify(3, new byte[64])).as("wrong length").isFalse();
    }

    @Test
    void verifiesPartOfAnArrayAndByteBuffers() {
        TestTorrent t = TestTorrents.random(2, 64, 200);
        PieceVerifier verifier = new PieceVerifier(t.metainfo());
        byte[] padded = new byte[100];
        System.arraycopy(t.piece(1), 0, padded, 10, 64);

        assertThat(verifier.verify(1, padded, 10, 64)).isTrue();
        assertThat(verifier.verify(1, ByteBuffer.wrap(padded, 10, 64))).isTrue();
        assertThat(verifier.verify(
                        1, ByteBuffer.allocateDirect(64).put(t.piece(1)).flip()))
                .isTrue();
    }

    @Test
    void manyPiecesVerifiedConcurrentlyAllGetTheRightVerdict() {
        TestTorrent t = TestTorrents.random(3, 1024, 300 * 1024 + 5);
        PieceVerifier verifier = new PieceVerifier(t.metainfo());
        try (DiskIo io = new DiskIo(4, 8)) {
            List<CompletableFuture<Boolean>> verdicts = new ArrayList<>();
            for (int p = 0; p < t.metainfo().pieceCount(); p++) {
                byte[] data = t.piece(p);
                if (p % 7 == 0) data[p % data.length] ^= 0x55; // every 7th piece corrupted
                verdicts.add(io.verify(verifier, p, data, data.length));
            }
            for (int p = 0; p < verdicts.size(); p++) {
                assertThat(verdicts.get(p).join()).as("piece %d", p).isEqualTo(p % 7 != 0);
            }
        }
    }
}
