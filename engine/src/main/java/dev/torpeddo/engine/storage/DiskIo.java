package dev.torpeddo.engine.storage;

import dev.torpeddo.engine.internal.Threads;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The engine's disk and hashing pool: a few platform threads (disk calls block, and SHA-1 is CPU work that
 * must not stall network threads) behind a bounded number of pending jobs. When the bound is reached,
 * submitting blocks the caller until a job finishes; that back-pressure keeps queued piece buffers from
 * growing without limit when the disk is slower than the network.
 *
 * <p>Futures complete on the pool's threads; callbacks attached to them should be short.
 */
public final class DiskIo implements AutoCloseable {
    /** Work to run on the pool. */
    @FunctionalInterface
    public interface Job<T> {
        T run() throws IOException;
    }

    private final ExecutorService executor;
    private final Semaphore slots;

    /** A pool of {@link #defaultThreads()} threads allowing 64 pending jobs. */
    public DiskIo() {
        this(defaultThreads(), 64);
    }

    /**
     * @param threads worker threads
     * @param maxPending jobs that may wait beyond those running; submitting more blocks
     */
    public DiskIo(int threads, int maxPending) {
        this(threads, maxPending, Threads.SYSTEM);
    }

    /** As {@link #DiskIo(int, int)}, its threads made by {@code factory}. */
    public DiskIo(int threads, int maxPending, Threads factory) {
        if (threads < 1 || maxPending < 0)
            throw new IllegalArgumentException("threads " + threads + ", pending " + maxPending);
        this.executor = new ThreadPoolExecutor(
                threads,
                threads,
                0,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                factory.platformDaemons("torpeddo-disk-", 1));
        this.slots = new Semaphore(threads + maxPending);
    }

    /** {@code min(4, cores)}: more threads than that only add seeks on one disk. */
    public static int defaultThreads() {
        return Math.min(4, Runtime.getRuntime().availableProcessors());
    }

    /** Writes {@code data} (which must not be touched until the future completes). */
    public CompletableFuture<Void> write(Storage storage, int piece, int offset, ByteBuffer data) {
        return submit(() -> {
            storage.write(piece, offset, data);
            return null;
        });
    }

    /** Reads into {@code dst}; the future yields the byte count. */
    public CompletableFuture<Integer> read(Storage storage, int piece, int offset, ByteBuffer dst) {
        return submit(() -> storage.read(piece, offset, dst));
    }

    /** Hashes {@code data[0, length)} against piece {@code piece}. */
    public CompletableFuture<Boolean> verify(PieceVerifier verifier, int piece, byte[] data, int length) {
        return submit(() -> verifier.verify(piece, data, 0, length));
    }

    /** Reads piece {@code piece} into {@code buffer} (at least a piece long) and hashes it, as one job. */
    public CompletableFuture<Boolean> readAndVerify(Storage storage, PieceVerifier verifier, int piece, byte[] buffer) {
        return submit(() -> {
            int n = storage.read(piece, 0, ByteBuffer.wrap(buffer));
            return verifier.verify(piece, buffer, 0, n);
        });
    }

    /**
     * Runs {@code job} on the pool, first waiting for a free slot if too many jobs are pending. If the caller
     * is interrupted while waiting, the future fails with {@link InterruptedIOException} and the interrupt
     * flag is kept.
     */
    public <T> CompletableFuture<T> submit(Job<T> job) {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(new InterruptedIOException("interrupted waiting for the disk queue"));
        }
        CompletableFuture<T> future = new CompletableFuture<>();
        try {
            executor.execute(() -> run(job, future));
        } catch (RejectedExecutionException e) {
            slots.release();
            future.completeExceptionally(new StorageException("disk I/O pool is closed", e));
        }
        return future;
    }

    private <T> void run(Job<T> job, CompletableFuture<T> future) {
        T result = null;
        Throwable failure = null;
        try {
            result = job.run();
        } catch (Throwable t) {
            failure = t;
        }
        // Free the slot before completing, so a callback that submits follow-up work cannot block on it.
        slots.release();
        if (failure != null) {
            future.completeExceptionally(failure);
        } else {
            future.complete(result);
        }
    }

    /** Stops accepting jobs and waits for pending ones (so queued writes reach the disk). */
    @Override
    public void close() {
        executor.close();
    }
}
