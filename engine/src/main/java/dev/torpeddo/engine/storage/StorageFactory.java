package dev.torpeddo.engine.storage;

import dev.torpeddo.engine.metainfo.Metainfo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/** Opens a torrent's {@link Storage}; a session takes one so tests can put a faulty disk underneath. */
@FunctionalInterface
public interface StorageFactory {
    /** Opens the storage with the metainfo's own paths. */
    Storage open(Metainfo metainfo, Path downloadDir, Set<Integer> unwantedFiles) throws IOException;

    /**
     * Opens the storage with the files at the paths of {@code layout} (some renamed by the user). Factories that
     * cannot place files elsewhere (test doubles) keep this default, which refuses renamed paths.
     *
     * @throws IllegalArgumentException if {@code layout} renames files and this factory cannot place them
     */
    default Storage open(Metainfo metainfo, Path downloadDir, Set<Integer> unwantedFiles, FileLayout layout)
            throws IOException {
        if (!layout.renamedPaths().isEmpty()) {
            throw new IllegalArgumentException("this storage factory cannot open renamed files");
        }
        return open(metainfo, downloadDir, unwantedFiles);
    }

    /** Files in the download directory, as a user expects. */
    StorageFactory FILES = new StorageFactory() {
        @Override
        public Storage open(Metainfo metainfo, Path downloadDir, Set<Integer> unwantedFiles) throws IOException {
            return FileStorage.open(metainfo, downloadDir, unwantedFiles, FileStorage.DEFAULT_MAX_OPEN_FILES);
        }

        @Override
        public Storage open(Metainfo metainfo, Path downloadDir, Set<Integer> unwantedFiles, FileLayout layout)
                throws IOException {
            return FileStorage.open(metainfo, downloadDir, unwantedFiles, FileStorage.DEFAULT_MAX_OPEN_FILES, layout);
        }
    };
}
