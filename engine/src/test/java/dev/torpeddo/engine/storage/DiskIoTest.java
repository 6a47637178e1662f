package dev.torpeddo.engine.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.torpeddo.engine.storage.TestTorrents.TestTorrent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskIoTest {
    @TempDir
    Path dir;

    @Test
    void writesAndReadsGoThroughThePool() throws IOException {
        TestTorrent t = TestTorrents.random(1, 16, 20, 20);
        try (DiskIo io = new DiskIo(2, 4);
                FileStorage storage = FileStorage.open(t.metainfo(), dir)) {
            CompletableFuture<?>[] writes = new CompletableFuture<?>[3];
            for (int p = 0; p < 3; p++) writes[p] = io.write(storage, p, 0, ByteBuffer.wrap(t.piece(p)));
            CompletableFuture.allOf(writes).join();

            ByteBuffer dst = ByteBuffer.allocate(16);
            assertThat(io.read(storage, 1, 0, dst).join()).isEqualTo(16);
            assertThat(dst.array()).isEqualTo(t.piece(1));
            assertThat(io.readAndVerify(storage, new PieceVerifier(t.metainfo()), 2, new byte[16])
                            .join())
                    .isTrue();
        }
    }

    @Test
    void jobsRunOnSeveralThreadsAtOnce() throws Exception {
        int threads = 3;
        CountDownLatch allRunning = new CountDownLatch(threads);
        Set<String> names = ConcurrentHashMap.newKeySet();
        try (DiskIo io = new DiskIo(threads, 0)) {
            CompletableFuture<?>[] jobs = new CompletableFuture<?>[threads];
            for (int i = 0; i < threads; i++) {
                jobs[i] = io.submit(() -> {
                    names.add(Thread.currentThread().getName());
                    allRunning.countDown();
                    try {
                        // Completes only if all jobs run concurrently; the bound merely avoids hanging the build.
                        return allRunning.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        throw new IOException(e);
                    }
                });
            }
            for (CompletableFuture<?> job : jobs) assertThat(job.join()).isEqualTo(true);
        }
        assertThat(names).hasSize(threads).allMatch(n -> n.startsWith("torpeddo-disk-"));
    }

    @Test
    void aFullQueueBlocksTheSubmitterUntilAJobFinishes() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (DiskIo io = new DiskIo(1, 1)) {
            CompletableFuture<Object> running = io.submit(() -> awaitQuietly(release));
            CompletableFuture<Object> queued = io.submit(() -> "queued");
            CompletableFuture<CompletableFuture<String>> third = new CompletableFuture<>();
            Thread submitter = Thread.ofPlatform().start(() -> third.complete(io.submit(() -> "third")));
            while (submitter.getState() != Thread.State.WAITING) Thread.onSpinWait();

            assertThat(third).as("submitter is blocked while the queue is full").isNotDone();

            release.countDown();
            submitter.join();
            assertThat(third.join().join()).isEqualTo("third");
            assertThat(queued.join()).isEqualTo("queued");
            assertThat(running.join()).isNull();
        }
    }

    @Test
    void failuresCompleteTheFutureExceptionally() throws IOException {
        TestTorrent t = TestTorrents.random(2, 16, 20);
        try (DiskIo io = new DiskIo(1, 1);
                FaultyStorage storage = new FaultyStorage(FileStorage.open(t.metainfo(), dir)).diskSpace(16)) {
            io.write(storage, 0, 0, ByteBuffer.wrap(t.piece(0))).join();

            assertThatThrownBy(() ->
                            io.write(storage, 1, 0, ByteBuffer.wrap(t.piece(1))).join())
                    .isInstanceOf(CompletionException.class)
                    .cause()
                    .hasMessageContaining("No space left on device");
        }
    }

    @Test
    void aClosedPoolRejectsWork() {
        DiskIo io = new DiskIo(1, 1);
        io.close();

        assertThatThrownBy(() -> io.submit(() -> 1).join()).cause().hasMessage("disk I/O pool is closed");
    }

    private static Object awaitQuietly(CountDownLatch latch) throws IOException {
        try {
            latch.await();
            return null;
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
    }
}
