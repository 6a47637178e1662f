package dev.torpeddo.engine.storage;

import dev.torpeddo.engine.metainfo.Metainfo;
import dev.torpeddo.engine.storage.RenameJournal.State;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Carries a change of {@link FileLayout} over to the disk: each file that exists is renamed atomically to its new
 * path in the same download directory, and folders it leaves empty are removed. All or nothing: after a failure
 * every file is put back where it was. Renames that trade places (a to b, b to a) go through temporary names.
 *
 * <p>Crash-safe through a {@link RenameJournal}, written before the first rename: a resume record made before the
 * rename names the old paths, so without it a restarted torrent would look for the files where they no longer are,
 * and fetch them again. Opening the storage calls {@link #recover}, which finishes (or, half-way through trading
 * places, undoes) the renames and tells which layout the files are in; the journal stays, settled, until a resume
 * record carries that layout ({@link FileStorage#layoutRecorded}), since until then the caller may still hold only
 * the older record.
 */
final class FileRenamer {
    private static final System.Logger LOG = System.getLogger(FileRenamer.class.getName());

    private final DownloadDirectory dir;
    private final MoveSteps steps;
    private final String hex;
    /** Renames done so far, as (from, to), to undo in reverse order. */
    private final List<Path[]> done = new ArrayList<>();
    /** Where files were to go, done or not: folders created for them are removed again on undo. */
    private final List<Path> targets = new ArrayList<>();
    /** The layout the journal on disk holds the torrent to; null when there is no journal. */
    private FileLayout journaled;

    private record Rename(int index, Path from, Path to) {}

    /**
     * @param journaled the layout the journal in {@code dir} holds the torrent to, null when there is none
     */
    FileRenamer(DownloadDirectory dir, MoveSteps steps, String infoHashHex, FileLayout journaled) {
        this.dir = dir;
        this.steps = steps;
        this.hex = infoHashHex;
        this.journaled = journaled;
    }

    /** The layout the journal on disk now holds the torrent to (after {@link #apply}, even a failed one), or null. */
    FileLayout journaled() {
        return journaled;
    }

    /**
     * Renames the files of {@code changed} from their path in {@code before} to their path in {@code after}. On
     * success the journal holds the torrent to {@code after}.
     *
     * @throws StorageException if a new path is taken on disk by something that is not one of the torrent's files
     *     being renamed, or a rename fails (everything is then put back)
     */
    void apply(FileLayout before, FileLayout after, List<Integer> changed) throws IOException {
        if (changed.isEmpty()) return;
        List<Rename> renames = new ArrayList<>();
        Set<Path> sources = new HashSet<>();
        for (int i : changed) {
            Path from = dir.resolve(before.path(i));
            Path to = dir.resolve(after.path(i));
            boolean exists = Files.isRegularFile(from, LinkOption.NOFOLLOW_LINKS);
            if (exists) {
                renames.add(new Rename(i, from, to));
                sources.add(from);
            } else if (Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
                throw new StorageException("cannot rename " + from + ": it is not a regular file");
            }
        }
        for (int i : changed) {
            Path from = dir.resolve(before.path(i));
            Path to = dir.resolve(after.path(i));
            boolean taken = Files.exists(to, LinkOption.NOFOLLOW_LINKS)
                    && !sources.contains(to)
                    && !(sources.contains(from) && Files.isSameFile(from, to)); // a change of case only
            if (taken) {
                throw new StorageException("cannot rename " + before.displayPath(i) + " to " + after.displayPath(i)
                        + ": " + to + " already exists and is not part of this torrent");
            }
        }
        boolean staged = renames.stream().anyMatch(r -> sources.contains(r.to()));
        List<Integer> moving = renames.stream().map(Rename::index).toList();
        FileLayout previous = journaled;
        // Even with nothing on disk to move: pieces written under the new names must be found after a crash too.
        RenameJournal journal = new RenameJournal(staged ? State.PARKING : State.RENAMING, before, after, moving);
        writeJournal(journal);
        journaled = journal.outcome();
        try {
            if (staged) {
                List<Rename> parked = new ArrayList<>();
                for (Rename r : renames) {
                    Path temp = dir.resolve(RenameJournal.parkedPath(before, r.index()));
                    rename(r.from(), temp);
                    parked.add(new Rename(r.index(), temp, r.to()));
                }
                renames = parked;
                writeJournal(new RenameJournal(State.PLACING, before, after, moving));
                journaled = after;
            }
            for (Rename r : renames) {
                List<String> path = after.path(r.index());
                targets.add(dir.resolve(path));
                if (path.size() > 1) steps.createFolders(dir.resolve(path.subList(0, path.size() - 1)));
                rename(r.from(), dir.resolve(path)); // resolved again: the folders exist now, links included
            }
            if (!moving.isEmpty()) settle(after, moving);
        } catch (IOException | RuntimeException e) {
            undo(e, previous);
            throw e;
        }
        for (int i : changed) removeEmptyFolders(before.path(i));
    }

    /**
     * Finishes or undoes what the journal in {@code dir} says was in flight, and returns the layout the torrent's
     * files are in; empty when there is no journal. A journal that cannot be read, or names a path no rename could
     * have made, is deleted and ignored with a warning: the torrent then opens with the layout it asked for, and
     * the data it does not find there is checked and fetched again, as without a journal. Nothing is ever renamed
     * onto something that exists.
     */
    static Optional<FileLayout> recover(DownloadDirectory dir, Metainfo meta, MoveSteps steps) throws IOException {
        FileRenamer renamer = new FileRenamer(dir, steps, meta.infoHash().hex(), null);
        steps.delete(renamer.journalTemp()); // half an update: the journal itself is still whole
        Path path = renamer.journalPath();
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) return Optional.empty();
        RenameJournal journal;
        try {
            if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) throw new StorageException("not a regular file");
            if (Files.size(path) > RenameJournal.maxBytes(meta.files().size())) {
                throw new StorageException("too large");
            }
            journal = RenameJournal.decode(meta, Files.readAllBytes(path));
        } catch (StorageException e) {
            LOG.log(Level.WARNING, "ignoring the rename journal " + path + ": " + e.getMessage());
            if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) steps.delete(path);
            return Optional.empty();
        }
        renamer.journaled = journal.outcome();
        renamer.finish(journal);
        return Optional.of(journal.outcome());
    }

    /** Removes the journal: a resume record now carries the layout it held the torrent to. */
    void forget() throws IOException {
        steps.delete(journalPath());
        journaled = null;
    }

    private void finish(RenameJournal journal) throws IOException {
        FileLayout before = journal.before();
        FileLayout after = journal.after();
        if (journal.moving().isEmpty()) return; // settled already
        LOG.log(
                Level.INFO,
                "{0} renames of files in {1} that a crash cut short",
                journal.state() == State.PARKING ? "undoing" : "finishing",
                dir.root());
        for (int i : journal.moving()) {
            Path parked = dir.resolve(RenameJournal.parkedPath(before, i));
            switch (journal.state()) {
                case RENAMING -> {
                    Path old = dir.resolve(before.path(i));
                    if (!isFile(dir.resolve(after.path(i))) && isFile(old)) moveInto(old, after.path(i));
                }
                case PARKING -> {
                    if (isFile(parked)) moveInto(parked, before.path(i));
                }
                case PLACING -> {
                    if (isFile(parked)) moveInto(parked, after.path(i));
                }
            }
        }
        settle(journal.outcome(), journal.moving());
        if (journal.state() != State.PARKING) {
            for (int i : journal.moving()) removeEmptyFolders(before.path(i));
        }
    }

    /** Renames {@code from} to {@code to} unless something is there: a recovery leaves what it cannot explain. */
    private void moveInto(Path from, List<String> to) throws IOException {
        if (Files.exists(dir.resolve(to), LinkOption.NOFOLLOW_LINKS)) {
            LOG.log(Level.WARNING, "left " + from + " where it is: " + dir.resolve(to) + " exists");
            return;
        }
        if (to.size() > 1) steps.createFolders(dir.resolve(to.subList(0, to.size() - 1)));
        steps.rename(from, dir.resolve(to));
    }

    /**
     * The files of {@code moving} are in {@code layout}: their folders are synced, so that the renames outlive a power
     * cut before the journal can go, and the journal then says nothing is in flight. Only a settled journal may stay
     * while the torrent runs: a file written later at a path the renames left could be taken for one to rename.
     */
    private void settle(FileLayout layout, List<Integer> moving) throws IOException {
        Set<Path> folders = new LinkedHashSet<>();
        for (int i : moving) folders.add(dir.resolve(layout.path(i)).getParent());
        for (Path folder : folders) steps.syncFolder(folder);
        writeJournal(RenameJournal.settled(layout));
        journaled = layout;
    }

    private void rename(Path from, Path to) throws IOException {
        try {
            steps.rename(from, to);
        } catch (IOException e) {
            throw StorageException.describing("rename " + from + " to", to, e);
        }
        done.add(new Path[] {from, to});
    }

    /**
     * Puts every renamed file back and the journal as it was ({@code previous}); a failure here is added to
     * {@code cause}, and the journal, still saying what was in flight, lets the next opening finish the renames.
     */
    private void undo(Exception cause, FileLayout previous) {
        MoveFiles.withoutInterrupt(cause, () -> {
            for (Path[] r : done.reversed()) steps.rename(r[1], r[0]);
            for (Path target : targets) removeEmptyFolders(dir.root().relativize(target));
            if (previous != null) {
                writeJournal(RenameJournal.settled(previous));
            } else {
                steps.delete(journalPath());
            }
            journaled = previous;
        });
    }

    private void writeJournal(RenameJournal journal) throws IOException {
        Path temp = journalTemp();
        try {
            steps.write(temp, journal.encode());
            steps.rename(temp, journalPath());
        } catch (IOException e) {
            throw StorageException.describing("write", journalPath(), e);
        }
        steps.syncFolder(dir.root());
    }

    private Path journalPath() throws IOException {
        return dir.resolve(List.of(RenameJournal.fileName(hex)));
    }

    private Path journalTemp() throws IOException {
        return dir.resolve(List.of(RenameJournal.fileName(hex) + ".tmp"));
    }

    private static boolean isFile(Path p) {
        return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS);
    }

    private void removeEmptyFolders(List<String> path) throws IOException {
        for (int depth = path.size() - 1; depth > 0; depth--) {
            if (!steps.deleteEmptyFolder(dir.resolve(path.subList(0, depth)))) break;
        }
    }

    private void removeEmptyFolders(Path relative) throws IOException {
        List<String> path = new ArrayList<>();
        for (Path p : relative) path.add(p.toString());
        removeEmptyFolders(path);
    }
}
