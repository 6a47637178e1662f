package dev.torpeddo.engine.torrent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PieceBuffersTest {
    @Test
    void aReturnedFullPieceBufferIsReusedInsteadOfAllocatingAnother() {
        PieceBuffers buffers = new PieceBuffers(1024, 8 * 1024);
        byte[] first = buffers.take(1024);
        buffers.give(first);
        assertThat(buffers.take(1024)).isSameAs(first);
        assertThat(buffers.take(1024)).isNotSameAs(first).hasSize(1024);
    }

    @Test
    void theShortLastPieceIsNeitherServedFromNorKeptInThePool() {
        PieceBuffers buffers = new PieceBuffers(1024, 8 * 1024);
        buffers.give(new byte[1024]);
        assertThat(buffers.take(100)).hasSize(100);
        buffers.give(new byte[100]);
        assertThat(buffers.pooled()).isEqualTo(1);
    }

    @Test
    void thePoolKeepsNoMoreThanTheMemoryBudgetAndEmptiesWhenCleared() {
        PieceBuffers buffers = new PieceBuffers(1024, 3 * 1024);
        for (int i = 0; i < 10; i++) buffers.give(new byte[1024]);
        assertThat(buffers.pooled()).isEqualTo(3);
        buffers.clear();
        assertThat(buffers.pooled()).isZero();
    }
}
