package dev.torpeddo.engine.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.torpeddo.engine.storage.TestTorrents.TestTorrent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaultyStorageTest {
    @TempDir
    Path dir;

    @Test
    void failsExactlyTheNthWriteAndPassesTheOthersThrough() throws IOException {
        TestTorrent t = TestTorrents.random(1, 16, 64);
        try (FaultyStorage storage = new FaultyStorage(FileStorage.open(t.metainfo(), dir)).failWriteNumber(2)) {
            storage.write(0, 0, ByteBuffer.wrap(t.piece(0)));
            assertThatThrownBy(() -> storage.write(1, 0, ByteBuffer.wrap(t.piece(1))))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("Input/output error");
            storage.write(2, 0, ByteBuffer.wrap(t.piece(2)));

            ByteBuffer dst = ByteBuffer.allocate(16);
            storage.read(2, 0, dst);
            assertThat(dst.array()).isEqualTo(t.piece(2));
            assertThat(storage.writes()).isEqualTo(3);
        }
    }

    @Test
    void runsOutOfSpaceAfterItsBudget() throws IOException {
        TestTorrent t = TestTorrents.random(2, 16, 64);
        try (FaultyStorage storage = new FaultyStorage(FileStorage.open(t.metainfo(), dir)).diskSpace(32)) {
            storage.write(0, 0, ByteBuffer.wrap(t.piece(0)));
            storage.write(1, 0, ByteBuffer.wrap(t.piece(1)));

            assertThatThrownBy(() -> storage.write(2, 0, ByteBuffer.wrap(t.piece(2))))
                    .hasMessageContaining("No space left on device");
        }
    }
}
