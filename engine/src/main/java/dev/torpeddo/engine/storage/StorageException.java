package dev.torpeddo.engine.storage;

import java.io.IOException;

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
}
