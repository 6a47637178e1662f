package dev.torpeddo.engine.torrent;

import dev.torpeddo.engine.internal.Bitfield;
import dev.torpeddo.engine.internal.Futures;
import dev.torpeddo.engine.internal.Threads;
import dev.torpeddo.engine.metainfo.Metainfo;
import dev.torpeddo.engine.picker.BlockRequest;
import dev.torpeddo.engine.storage.DataChecker;
import dev.torpeddo.engine.storage.DiskIo;
import dev.torpeddo.engine.storage.PieceVerifier;
import dev.torpeddo.engine.storage.Storage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The data path of one torrent: blocks are assembled in memory per piece, a complete piece is hashed on the
 * hash pool and, only if it matches, written through the disk pool. Unverified data therefore never reaches
 * the files, and a piece counts as done only once it is on disk. Block buffers are guarded by the torrent's
 * lock; the backlog of pieces waiting for hash or disk is bounded through {@link #backlogBytes()}.
 */
final class PieceWriter {
    /** Where the outcome of each piece goes. Called on virtual threads, never on hash or disk threads. */
    interface Owner {
        /** Changes on every resume, so that failures of work queued earlier can be told apart. */
        int resumeEpoch();

        /** Whether any piece ever failed: only then do passed pieces need the smart-ban comparison. */
        boolean hadFailures();

        /** The piece's hash did not match; {@code senders} holds who sent each block. */
        void pieceFailed(int piece, byte[] data, List<PeerKey> senders);

        /** The piece's hash matched (called only when {@link #hadFailures()}), before it is written. */
        void pieceHashed(int piece, byte[] data);

        /** The verified piece is on disk. */
        void pieceWritten(int piece);

        /** The verified piece could not be written; {@code epoch} is {@link #resumeEpoch()} when it was queued. */
        void pieceWriteFailed(int piece, Throwable failure, int epoch);
    }

    /**
     * Piece data held in memory (being assembled, or waiting for hashing and writing) above which the
     * torrent starts no new pieces; with the disk behind by this much it requests nothing at all. This bounds
     * the heap whatever the number of peers or the piece size.
     */
    static final long MEMORY_BUDGET_BYTES = 32L << 20;

    /** The largest piece we can hold in memory within the budget (real torrents rarely exceed 16 MiB). */
    static final int MAX_PIECE_LENGTH = 32 << 20;

    private static final int BLOCK = dev.torpeddo.engine.wire.WireLimits.BLOCK;

    private final Owner torrent;
    private final Metainfo meta;
    private final Storage storage;
    private final DiskIo disk;
    private final ExecutorService hashPool;
    private final PieceVerifier verifier;
    private final Map<Integer, byte[]> assembling = new HashMap<>();
    /** Who sent each block of a piece being assembled, for blame when the piece fails. */
    private final Map<Integer, PeerKey[]> senders = new HashMap<>();

    private final AtomicLong backlog = new AtomicLong();
    private long assemblingBytes;
    // Completions go back to the torrent on virtual threads, so disk and hash threads never wait for the
    // torrent's lock and one busy torrent cannot stall hashing for the others.
    private final Executor callbacks;
    private volatile DataChecker checker;
    private final PieceBuffers buffers;

    PieceWriter(Owner torrent, Metainfo meta, Storage storage, DiskIo disk, ExecutorService hashPool, Threads threads) {
        this.torrent = torrent;
        this.callbacks = r -> threads.startVirtual("", r);
        this.meta = meta;
        this.storage = storage;
        this.disk = disk;
        this.hashPool = hashPool;
        this.verifier = new PieceVerifier(meta);
        this.buffers = new PieceBuffers(meta.pieceLength(), MEMORY_BUDGET_BYTES);
    }

    /** Verifies the data already on disk; interrupting the calling thread cancels it. */
    Bitfield checkExisting() throws IOException, InterruptedException {
        return checkExisting(null);
    }

    /** Verifies the data on disk of {@code only} those pieces (all when null). */
    Bitfield checkExisting(Bitfield only) throws IOException, InterruptedException {
        checker = new DataChecker(storage, verifier, disk, 8);
        return checker.check(only);
    }

    long checkedBytes() {
        DataChecker c = checker;
        return c == null ? 0 : c.bytesChecked();
    }

    /** Copies a received block into its piece's buffer. Caller holds the torrent lock. */
    void addBlock(int piece, int offset, byte[] data, PeerKey sender) {
        byte[] buf = assembling.get(piece);
        if (buf == null) {
            buf = buffers.take(meta.pieceSize(piece));
            assembling.put(piece, buf);
            assemblingBytes += buf.length;
        }
        System.arraycopy(data, 0, buf, offset, data.length);
        int blocks = (buf.length + BLOCK - 1) / BLOCK;
        PeerKey[] who = senders.computeIfAbsent(piece, p -> new PeerKey[blocks]);
        who[offset / BLOCK] = sender;
    }

    /** Pieces being assembled plus those waiting to be hashed or written, in bytes. */
    long backlogBytes() {
        return backlog.get();
    }

    int assemblingPieces() {
        return assembling.size();
    }

    /** Piece data in memory: being assembled plus waiting for hash or disk. Caller holds the torrent lock. */
    long memoryBytes() {
        return assemblingBytes + backlog.get();
    }

    /** Hands a complete piece to the hash pool; the torrent hears back through pieceWritten or pieceFailed. */
    void verifyAndWrite(int piece) {
        byte[] buf = assembling.remove(piece);
        PeerKey[] who = senders.remove(piece);
        if (buf == null) return;
        assemblingBytes -= buf.length;
        backlog.addAndGet(buf.length);
        int epoch = torrent.resumeEpoch();
        hashPool.execute(() -> {
            if (!verifier.verify(piece, buf)) {
                release(buf.length);
                callbacks.execute(() -> torrent.pieceFailed(piece, buf, java.util.Arrays.asList(who)));
                return;
            }
            // Smart-ban bookkeeping keeps reading the piece: its buffer is then not recycled.
            boolean shared = torrent.hadFailures();
            if (shared) callbacks.execute(() -> torrent.pieceHashed(piece, buf));
            Futures.whenDoneAsync(
                    disk.submit(() -> {
                        storage.write(piece, 0, ByteBuffer.wrap(buf));
                        return null;
                    }),
                    (ok, failure) -> {
                        if (!shared) buffers.give(buf);
                        release(buf.length);
                        if (failure == null) torrent.pieceWritten(piece);
                        else torrent.pieceWriteFailed(piece, failure, epoch);
                    },
                    callbacks);
        });
    }

    /** Reads a block for a peer on the disk pool. */
    CompletableFuture<byte[]> readBlock(BlockRequest b) {
        CompletableFuture<byte[]> read = disk.submit(() -> {
            ByteBuffer dst = ByteBuffer.allocate(b.length());
            while (dst.hasRemaining()) {
                int n = storage.read(b.piece(), b.offset() + dst.position(), dst);
                if (n <= 0) throw new IOException("short read in piece " + b.piece());
            }
            return dst.array();
        });
        return read.thenApplyAsync(data -> data, callbacks);
    }

    private void release(int bytes) {
        if (backlog.addAndGet(-bytes) == 0) {
            synchronized (backlog) {
                backlog.notifyAll();
            }
        }
    }

    /** Waits (at most {@code limit}) until every verified piece handed over has been written or failed. */
    void drain(java.time.Duration limit) {
        long remaining = limit.toMillis();
        synchronized (backlog) {
            // A timed wait, not a clock read: the deadline only bounds shutdown, it never drives protocol logic.
            try {
                while (backlog.get() > 0 && remaining > 0) {
                    long slice = Math.min(remaining, 50);
                    backlog.wait(slice);
                    remaining -= slice;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Forgets pieces being assembled (a recheck starts over); their blocks will be requested again. */
    void discardAssembling() {
        for (byte[] buf : assembling.values()) buffers.give(buf);
        assembling.clear();
        senders.clear();
        assemblingBytes = 0;
    }

    /** Nothing left to download: the recycled piece buffers can go. */
    void dropPooledBuffers() {
        buffers.clear();
    }

    void close() {
        buffers.clear();
        try {
            storage.close();
        } catch (IOException ignored) {
            // the torrent is going away; nothing to report to
        }
    }
}
