package dev.torpeddo.engine.storage;

import dev.torpeddo.engine.internal.Bitfield;
import dev.torpeddo.engine.internal.Futures;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Finds which pieces are already on disk when a torrent is added (or re-checked): every piece whose bytes
 * may be present is read and hashed in parallel on {@link DiskIo}; pieces touching a missing or too-short
 * file are skipped without reading. At most {@code maxBufferedPieces} piece buffers exist at once, so memory
 * stays bounded however large the torrent is. Only reads: nothing is created, modified or truncated.
 *
 * <p>Progress is observable from any thread through {@link #bytesChecked()} (skipped pieces count as
 * checked). Interrupting the thread running {@link #check()} cancels it.
 */
public final class DataChecker {
    private final Storage storage;
    private final PieceVerifier verifier;
    private final DiskIo io;
    private final int maxBufferedPieces;
    private final LongAdder checked = new LongAdder();

    public DataChecker(Storage storage, PieceVerifier verifier, DiskIo io, int maxBufferedPieces) {
        if (maxBufferedPieces < 1) throw new IllegalArgumentException("need at least one buffer");
        if (verifier.pieceCount() != storage.pieceMap().pieceCount()) {
            throw new IllegalArgumentException("verifier and storage disagree on the piece count");
        }
        this.storage = storage;
        this.verifier = verifier;
        this.io = io;
        this.maxBufferedPieces = maxBufferedPieces;
    }

    /** Bytes of the torrent examined so far. */
    public long bytesChecked() {
        return checked.sum();
    }

    /** Bytes to examine in all: the torrent's length. */
    public long totalBytes() {
        return storage.pieceMap().totalLength();
    }

    /**
     * Verifies the existing data.
     *
     * @return the pieces whose data on disk matches their hash
     * @throws IOException if reading fails for a reason other than absent data (the message names the file)
     * @throws InterruptedException if the calling thread is interrupted; pieces already queued finish in the
     *     background
     */
    public Bitfield check() throws IOException, InterruptedException {
        return check(null);
    }

    /**
     * Verifies the existing data of {@code only} those pieces (all when null); the others count as checked
     * and are not reported present. A resume record that trusts most pieces needs only the rest hashed.
     */
    public Bitfield check(Bitfield only) throws IOException, InterruptedException {
        PieceMap map = storage.pieceMap();
        Bitfield verified = new Bitfield(map.pieceCount());
        ArrayBlockingQueue<byte[]> free = new ArrayBlockingQueue<>(maxBufferedPieces);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Bitfield present = storage.piecesMaybePresent();
        if (only != null) {
            for (int p = present.nextSetBit(0); p >= 0; p = present.nextSetBit(p + 1))
                if (!only.get(p)) present.clear(p);
        }
        int allocated = 0;
        for (int p = 0; p < map.pieceCount() && failure.get() == null; p++) {
            if (Thread.interrupted()) throw new InterruptedException("data check cancelled");
            int size = map.pieceSize(p);
            if (!present.get(p)) {
                checked.add(size);
                continue;
            }
            byte[] buffer = free.poll();
            if (buffer == null && allocated < maxBufferedPieces) {
                buffer = new byte[map.pieceLength()];
                allocated++;
            } else if (buffer == null) {
                buffer = free.take();
            }
            byte[] b = buffer;
            int piece = p;
            Futures.whenDone(io.readAndVerify(storage, verifier, piece, b), (ok, error) -> {
                if (error != null) {
                    failure.compareAndSet(null, error);
                } else if (ok) {
                    synchronized (verified) {
                        verified.set(piece);
                    }
                }
                checked.add(size);
                free.add(b);
            });
        }
        for (int i = 0; i < allocated; i++) free.take(); // every buffer back: all reads have finished
        Throwable t = failure.get();
        if (t instanceof CompletionException && t.getCause() != null) t = t.getCause();
        switch (t) {
            case null -> {}
            case InterruptedIOException e -> throw new InterruptedException("data check cancelled");
            case IOException e -> throw e;
            case RuntimeException e -> throw e;
            case Error e -> throw e;
            default -> throw new IOException(t);
        }
        synchronized (verified) {
            return verified.copy();
        }
    }
}
