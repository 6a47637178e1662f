package dev.torpeddo.engine.storage;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The file-system operations a {@link StorageMover} is made of, one call per step, so that tests can make any
 * step fail or stop the move dead (as a crash would) and then check what is left on disk.
 */
interface MoveSteps {
    /** The real disk. */
    MoveSteps DISK = new DiskMoveSteps();

    /** Told of each run of bytes a copy has written; may throw to make the copy fail right there. */
    @FunctionalInterface
    interface Copied {
        void copied(long bytes) throws IOException;
    }

    /**
     * Renames {@code source} to {@code target} atomically, replacing {@code target} if it exists.
     *
     * @throws java.nio.file.AtomicMoveNotSupportedException if they are on different file systems
     */
    void rename(Path source, Path target) throws IOException;

    /**
     * Copies a regular file into {@code target} (created or truncated), keeping its size, holes and modification
     * time, and forces it to the device before returning.
     */
    void copy(Path source, Path target, Copied progress) throws IOException;

    /** Writes {@code content} as the whole of {@code target} (created or truncated) and forces it to the device. */
    void write(Path target, byte[] content) throws IOException;

    /** Deletes a file if it exists. */
    void delete(Path file) throws IOException;

    /** Deletes {@code dir} if it is an empty directory (not a link); whether it did. */
    boolean deleteEmptyFolder(Path dir) throws IOException;

    void createFolders(Path dir) throws IOException;

    /** Forces a directory's entries (renames, new files) to the device where the platform allows it. */
    void syncFolder(Path dir);

    /** Bytes free for us on the file system holding {@code dir}. */
    long usableSpace(Path dir) throws IOException;
}
