package dev.torpeddo.engine.storage;

import dev.torpeddo.engine.internal.Bitfield;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Storage} test double wrapping a real one: fails the Nth write or read, simulates a full disk
 * (ENOSPC) after a byte budget, can hold reads at a gate, and counts calls. Configure before use.
 */
public final class FaultyStorage implements Storage {
    private final Storage delegate;
    private final AtomicInteger writes = new AtomicInteger();
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicLong bytesWritten = new AtomicLong();
    private volatile int failWrite = -1;
    private volatile int failRead = -1;
    private volatile long diskSpace = Long.MAX_VALUE;
    private volatile CountDownLatch readGate;

    public FaultyStorage(Storage delegate) {
        this.delegate = delegate;
    }

    /** The {@code n}th write (1-based) throws an I/O error. */
    public FaultyStorage failWriteNumber(int n) {
        failWrite = n;
        return this;
    }

    /** The {@code n}th read (1-based) throws an I/O error. */
    public FaultyStorage failReadNumber(int n) {
        failRead = n;
        return this;
    }

    /** Writes fail with "No space left on device" once {@code bytes} have been written. */
    public FaultyStorage diskSpace(long bytes) {
        diskSpace = bytes;
        return this;
    }

    /** Every read waits for {@code gate} to open first. */
    public FaultyStorage holdReadsUntil(CountDownLatch gate) {
        readGate = gate;
        return this;
    }

    public int writes() {
        return writes.get();
    }

    public int reads() {
        return reads.get();
    }

    @Override
    public java.nio.file.Path filePath(int index) throws IOException {
        return delegate.filePath(index);
    }

    @Override
    public java.nio.file.Path partFilePath() {
        return delegate.partFilePath();
    }

    @Override
    public java.nio.file.Path downloadDir() {
        return delegate.downloadDir();
    }

    @Override
    public FileLayout layout() {
        return delegate.layout();
    }

    @Override
    public void layoutRecorded(FileLayout layout) {
        delegate.layoutRecorded(layout);
    }

    @Override
    public java.nio.file.Path moveTo(java.nio.file.Path newDir, MoveProgress progress) throws IOException {
        return delegate.moveTo(newDir, progress);
    }

    @Override
    public void renameFile(int index, String newPath) throws IOException {
        delegate.renameFile(index, newPath);
    }

    @Override
    public void renameFolder(String oldFolder, String newFolder) throws IOException {
        delegate.renameFolder(oldFolder, newFolder);
    }

    @Override
    public PieceMap pieceMap() {
        return delegate.pieceMap();
    }

    @Override
    public void write(int piece, int offset, ByteBuffer data) throws IOException {
        int n = writes.incrementAndGet();
        if (n == failWrite)
            throw new StorageException("cannot write piece " + piece + ": Input/output error (injected)");
        if (bytesWritten.addAndGet(data.remaining()) > diskSpace) {
            throw new StorageException("cannot write piece " + piece + ": No space left on device (injected)");
        }
        delegate.write(piece, offset, data);
    }

    @Override
    public int read(int piece, int offset, ByteBuffer dst) throws IOException {
        int n = reads.incrementAndGet();
        CountDownLatch gate = readGate;
        if (gate != null) {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("read interrupted");
            }
        }
        if (n == failRead) throw new StorageException("cannot read piece " + piece + ": Input/output error (injected)");
        return delegate.read(piece, offset, dst);
    }

    @Override
    public Bitfield piecesMaybePresent() throws IOException {
        return delegate.piecesMaybePresent();
    }

    @Override
    public void setWanted(int fileIndex, boolean wanted) throws IOException {
        delegate.setWanted(fileIndex, wanted);
    }

    @Override
    public void flush() throws IOException {
        delegate.flush();
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }
}
