package dev.torpeddo.backend.aot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's cache-recording workload must keep working: if it failed, every run would silently go
 * without the startup cache (slower, but nothing else would notice).
 */
class AotTrainingTest {
    @TempDir
    Path work;

    @Test
    void downloadsItsTorrentFromTheInProcessSeederThroughTheTracker() throws Exception {
        int code = AotTraining.train(work);

        assertThat(code).isZero();
        Path seeded = work.resolve("seed/training.bin");
        Path downloaded = work.resolve("download/training.bin");
        assertThat(downloaded).exists().hasSize(64L << 20).hasSameBinaryContentAs(seeded);
    }
}
