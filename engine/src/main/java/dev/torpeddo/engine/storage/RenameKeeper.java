package dev.torpeddo.engine.storage;

import java.io.IOException;
import java.util.List;

/**
 * A storage's side of renaming: applies renames through a journaled {@link FileRenamer} and removes the
 * journal once nothing needs it any more (a resume record carries its layout, or a move found a stale one).
 * Used under the storage's write lock only.
 */
final class RenameKeeper {
    private static final System.Logger LOG = System.getLogger(RenameKeeper.class.getName());

    private final MoveSteps steps;
    private final String infoHashHex;
    /** The layout the rename journal holds the torrent to, null if there is no journal. */
    private FileLayout journaled;

    RenameKeeper(MoveSteps steps, String infoHashHex, FileLayout journaled) {
        this.steps = steps;
        this.infoHashHex = infoHashHex;
        this.journaled = journaled;
    }

    /** The layout the journal holds, or null. */
    FileLayout journaled() {
        return journaled;
    }

    /** Renames {@code changed} files on disk from {@code before} to {@code after}, journaled (see FileRenamer). */
    void apply(DownloadDirectory dir, FileLayout before, FileLayout after, List<Integer> changed) throws IOException {
        FileRenamer renamer = new FileRenamer(dir, steps, infoHashHex, journaled);
        try {
            renamer.apply(before, after, changed);
        } finally {
            journaled = renamer.journaled();
        }
    }

    /** A resume record now carries {@code recorded}: the journal goes if it names that layout. */
    void recorded(DownloadDirectory dir, FileLayout recorded) {
        if (recorded.equals(journaled)) forget(dir);
    }

    /** The files moved to {@code dir}: ours travelled with them, and one found there without ours is stale. */
    void moved(DownloadDirectory dir) {
        if (journaled == null) forget(dir);
    }

    /** Removes the rename journal; a failure is only logged, as the journal names the layout in use anyway. */
    private void forget(DownloadDirectory dir) {
        try {
            new FileRenamer(dir, steps, infoHashHex, journaled).forget();
            journaled = null;
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot remove the rename journal: " + e.getMessage());
        }
    }
}
