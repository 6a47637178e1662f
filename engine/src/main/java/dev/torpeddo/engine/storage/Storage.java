package dev.torpeddo.engine.storage;

import dev.torpeddo.engine.internal.Bitfield;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Where a torrent's bytes live, addressed by piece and offset. An interface so tests can substitute faulty or
 * in-memory storage. Implementations are safe for concurrent use by the {@link DiskIo} threads.
 *
 * <p>Block ranges must satisfy {@link PieceMap#isValidBlock}; callers validate untrusted (peer) input first.
 * Disk problems (disk full, permissions, I/O errors) surface as {@link IOException} whose message names the
 * file; the caller decides what to do (typically pause the torrent).
 */
public interface Storage extends Closeable {

    /** The piece/file layout this storage serves. */
    PieceMap pieceMap();

    /**
     * Writes all remaining bytes of {@code data} at {@code offset} of {@code piece}, advancing its position to
     * its limit.
     */
    void write(int piece, int offset, ByteBuffer data) throws IOException;

    /**
     * Fills {@code dst} from {@code offset} of {@code piece}, up to the end of the piece, advancing its
     * position. Bytes never written (missing files, holes, past a file's end) read as zeros; nothing is
     * created by reading.
     *
     * @return the number of bytes placed in {@code dst}: {@code min(dst.remaining(), pieceSize - offset)}
     */
    int read(int piece, int offset, ByteBuffer dst) throws IOException;

    /**
     * A cheap check, without reading data, of which pieces may be present: every file a piece touches exists
     * and is long enough. {@link DataChecker} uses it to skip absent data quickly.
     */
    Bitfield piecesMaybePresent() throws IOException;

    /**
     * Marks a file as wanted or not. Bytes destined for an unwanted file that does not exist are kept
     * elsewhere (pieces straddling a wanted and an unwanted file must still be stored and verified) so the
     * unwanted file is never created.
     */
    void setWanted(int fileIndex, boolean wanted) throws IOException;

    /**
     * Where file {@code index} lives (whether or not it exists), so that a resume record can note its size
     * and modification time.
     */
    Path filePath(int index) throws IOException;

    /** Where the bytes destined for unwanted, uncreated files are kept (the file may not exist). */
    Path partFilePath();

    /** The directory the files are in now (after a move, or after opening followed an earlier one). */
    Path downloadDir();

    /**
     * Where each file is, relative to {@link #downloadDir()}: its {@link FileLayout#renamedPaths()} go in a resume
     * record. After a crash it may differ from the layout the storage was opened with: the files' names as renamed
     * since the record that layout came from.
     */
    FileLayout layout();

    /**
     * Says that a resume record carrying {@code layout} has been made, so what kept renamed files findable without one
     * can go. Storage that cannot rename keeps this default, which does nothing.
     */
    default void layoutRecorded(FileLayout layout) {}

    /**
     * Moves every file of the torrent that exists, and the part file, to {@code newDir} (created if missing) and
     * carries on there; returns the new directory's real path. See {@link StorageMover} for what an interruption
     * leaves behind (always one complete copy, which opening the storage again finds). Blocks until done: call it on a
     * thread of its own, not a network or disk-pool thread.
     *
     * @throws StorageException refusing (destination inside the torrent's folder, a file there that is not ours, not
     *     enough space) or failing (the message names the file); the storage then still works, in
     *     {@link #downloadDir()}
     */
    Path moveTo(Path newDir, MoveProgress progress) throws IOException;

    /**
     * Gives file {@code index} the path {@code newPath} ('/'-separated, relative to the download directory); the file
     * is renamed on disk if it exists, and later reads and writes use the new path.
     *
     * @throws IllegalArgumentException if the path is unusable (empty, absolute, {@code ..}, a name that is not
     *     portable, a collision with another file of the torrent): see {@link FileLayout#renameFile}
     * @throws StorageException if something that is not the torrent's is at the new path, or the rename fails
     */
    void renameFile(int index, String newPath) throws IOException;

    /**
     * Moves every file under folder {@code oldFolder} to the same place under {@code newFolder}, as
     * {@link #renameFile} does for one file; all or nothing.
     *
     * @throws IllegalArgumentException see {@link FileLayout#renameFolder}
     * @throws StorageException as for {@link #renameFile}
     */
    void renameFolder(String oldFolder, String newFolder) throws IOException;

    /** Forces written data to the device. */
    void flush() throws IOException;

    /** Flushes and releases every open file; further use fails. */
    @Override
    void close() throws IOException;
}
