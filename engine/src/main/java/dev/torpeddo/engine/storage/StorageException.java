package dev.torpeddo.engine.storage;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;

/**
 * A storage failure already described for the user: the message names the file and the reason (disk full,
 * permission denied, a path refused because it would leave the download directory).
 */
public class StorageException extends IOException {
    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A disk failure as an exception naming the file, so the user can tell which disk or path is at fault. */
    static StorageException describing(String op, Path path, IOException cause) {
        if (cause instanceof StorageException se) return se;
        String reason;
        if (cause instanceof FileSystemException fse) {
            reason =
                    fse.getReason() != null ? fse.getReason() : cause.getClass().getSimpleName();
        } else {
            reason = cause.getMessage() != null
                    ? cause.getMessage()
                    : cause.getClass().getSimpleName();
        }
        return new StorageException("cannot " + op + " " + path + ": " + reason, cause);
    }
}
