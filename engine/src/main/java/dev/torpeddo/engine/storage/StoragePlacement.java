package dev.torpeddo.engine.storage;

import dev.torpeddo.engine.metainfo.Metainfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a torrent's files are when its storage opens, and under which paths. A move that a crash interrupted
 * or that finished since ({@link StorageMover#recover}) may have left them in another directory than the one
 * asked for; renames that a crash cut short, or that no resume record carries yet ({@link FileRenamer#recover}),
 * may have given them other paths than the layout asked for.
 *
 * @param dir the directory the files are in now
 * @param layout the layout to use: the rename journal's when there is one, else the one asked for
 * @param journaled the layout a rename journal holds the torrent to, or null when there is no journal
 */
record StoragePlacement(DownloadDirectory dir, FileLayout layout, FileLayout journaled) {

    /** Finishes (or undoes) whatever moves and renames were cut short, then says where the files are. */
    static StoragePlacement find(Metainfo metainfo, Path downloadDir, FileLayout asked, MoveSteps steps)
            throws IOException {
        // Renames first, in the directory asked for: an interrupted move must carry the files under the names
        // they have. The journal travels with the files, so it is looked for again where they turn out to be.
        Optional<FileLayout> renamed = Files.isDirectory(downloadDir)
                ? FileRenamer.recover(DownloadDirectory.existing(downloadDir), metainfo, steps)
                : Optional.empty();
        Path found = new StorageMover(renamed.orElse(asked), steps).recover(downloadDir);
        DownloadDirectory dir = new DownloadDirectory(found);
        if (!MoveFiles.sameDirectory(found, downloadDir.toAbsolutePath())) {
            Optional<FileLayout> there = FileRenamer.recover(dir, metainfo, steps);
            if (there.isPresent()) renamed = there;
        }
        return new StoragePlacement(dir, renamed.orElse(asked), renamed.orElse(null));
    }
}
