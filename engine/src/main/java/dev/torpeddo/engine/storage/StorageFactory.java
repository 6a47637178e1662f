package dev.torpeddo.engine.storage;

import dev.torpeddo.engine.metainfo.Metainfo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/** Opens a torrent's {@link Storage}; a session takes one so tests can put a faulty disk underneath. */
@FunctionalInterface
public interface StorageFactory {
    Storage open(Metainfo metainfo, Path downloadDir, Set<Integer> unwantedFiles) throws IOException;

    /** Files in the download directory, as a user expects. */
    StorageFactory FILES =
            (meta, dir, unwanted) -> FileStorage.open(meta, dir, unwanted, FileStorage.DEFAULT_MAX_OPEN_FILES);
}
