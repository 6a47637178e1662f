package dev.torpeddo.engine.storage;

import dev.torpeddo.engine.storage.MoveFiles.Item;
import dev.torpeddo.engine.storage.MoveJournal.State;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Moves a torrent's files (those that exist, its part file and its rename journal) from one download directory to
 * another, so that whenever it stops - an exception, a full disk, a crash between any two steps - one complete copy
 * remains that the torrent can use, and {@link #recover} finds it.
 *
 * <p>How: a journal ({@link MoveJournal}) in the source directory says where the move stands. Within one file
 * system each file is renamed atomically (journal {@code RENAMING}: a crash leaves files on both sides, and
 * finishing the renames takes no time or space). Across file systems every file is first copied to a temporary
 * name next to its destination and synced, then renamed into place ({@code COPYING}: the source is untouched and
 * stays the valid copy); then the journal says {@code COMMITTED} (the destination is the valid copy) and only then
 * are the sources deleted. At the end the journal says {@code DONE} and stays, with a note at the destination
 * naming the source, until the torrent is opened at the destination: a caller that crashes before it has recorded
 * the new directory still finds its files by opening the old one.
 *
 * <p>Only the torrent's own files are touched: a destination file that exists is refused (unless its source is
 * gone and it is no longer than the torrent's file: taken as moved before), and of the source directory only the
 * folders the torrent's files leave empty are removed. Every path goes through {@link DownloadDirectory}.
 */
public final class StorageMover {
    private static final System.Logger LOG = System.getLogger(StorageMover.class.getName());
    /** How many finished moves {@link #recover} follows from one directory to the next (A to B to C ...). */
    private static final int MAX_HOPS = 8;

    private final MoveSteps steps;
    private final MoveFiles files;

    /** An item whose source exists, with its size. */
    private record Planned(Item item, long size) {}

    /** A torrent whose files are laid out as {@code layout} says. */
    public StorageMover(FileLayout layout) {
        this(layout, MoveSteps.DISK);
    }

    StorageMover(FileLayout layout, MoveSteps steps) {
        this.steps = steps;
        this.files = new MoveFiles(layout, steps);
    }

    /**
     * Moves the torrent's files from {@code from} to {@code to} (created if missing) and returns the real path of
     * the directory now holding them. No other thread may use the files meanwhile. Calling it again after it
     * failed, or after a crash, picks up where things stand; calling it when the files are already at {@code to}
     * does nothing.
     *
     * <p>When it throws, {@link #recover recover(from)} says where the complete copy is: nearly always still in
     * {@code from}, as the move is undone; in {@code to} when the failure came after the commit point, or when a
     * partly done renaming could not be undone.
     *
     * @throws StorageException refusing, before anything is moved: {@code from} missing; {@code to} not a
     *     directory, or inside a folder (or file) of the torrent in {@code from}; a file of the torrent already in
     *     {@code to} that is not ours; not enough free space in {@code to}; or a failure while moving, naming the file
     */
    public Path move(Path from, Path to, MoveProgress progress) throws IOException {
        if (!Files.isDirectory(from)) throw new StorageException("cannot move from " + from + ": not a directory");
        Path source = from.toRealPath();
        Path current = recover(source, 0, false);
        Path target = MoveFiles.realPathOf(to);
        if (!current.equals(source)) {
            if (current.equals(target)) return nothingToDo(current, progress);
            throw new StorageException("cannot move from " + source + ": the torrent's files are in " + current);
        }
        if (target.equals(source)) return nothingToDo(source, progress);
        refuseInsideTorrent(source, target);
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new StorageException("cannot move to " + target + ": not a directory");
        }
        DownloadDirectory src = DownloadDirectory.existing(source);
        List<Planned> plan = plan(src, Files.isDirectory(target) ? DownloadDirectory.existing(target) : null);
        if (plan.isEmpty()) return nothingToDo(new DownloadDirectory(target).root(), progress);
        DownloadDirectory dst = new DownloadDirectory(target);
        String token = files.newToken();
        MoveMeter meter =
                new MoveMeter(progress, plan.stream().mapToLong(Planned::size).sum());
        boolean renamed = canRename(src, dst) && renameAll(src, dst, plan, token, meter);
        if (!renamed) copyAll(src, dst, plan, token, meter);
        meter.finish();
        return dst.root();
    }

    /**
     * Where the torrent's files are, given the directory it was last saved in; call it when opening the torrent.
     * Finishes or undoes a move from {@code dir} that a crash cut short, and follows a finished one to its
     * destination. When {@code dir} itself holds the files, the caller has evidently recorded it, so the notes of
     * the moves that led there are removed. Returns the real path of the directory to open, or {@code dir}
     * (absolute) if it does not exist yet.
     *
     * @throws StorageException if the files were moved to a directory that is not there now (a disk not mounted),
     *     or an interrupted move can be neither finished nor undone
     */
    public Path recover(Path dir) throws IOException {
        return recover(dir, 0, true);
    }

    /**
     * {@link #recover(Path)}; {@code acknowledge} whether to forget the moves that led to the directory found
     * (only when the caller opens the torrent there: until then it may not have recorded the new directory).
     */
    Path recover(Path dir, int hops, boolean acknowledge) throws IOException {
        if (!Files.isDirectory(dir)) {
            if (hops == 0) return dir.toAbsolutePath().normalize();
            throw new StorageException(
                    "the torrent's files were moved to " + dir + ", which is not there (a disk not mounted?)");
        }
        DownloadDirectory here = DownloadDirectory.existing(dir);
        files.deleteLeftovers(here);
        MoveJournal journal = files.readJournal(here);
        if (journal == null) {
            if (hops == 0 && acknowledge) acknowledge(here, 0);
            return here.root();
        }
        switch (journal.state()) {
            case COPYING -> {
                LOG.log(Level.INFO, "undoing an interrupted move from {0} to {1}", here.root(), journal.target());
                undoCopy(here.root(), journal.target(), journal.token(), null);
                files.deleteJournal(here);
                if (hops == 0 && acknowledge) acknowledge(here, 0);
                return here.root();
            }
            case RENAMING -> {
                LOG.log(Level.INFO, "finishing an interrupted move from {0} to {1}", here.root(), journal.target());
                try {
                    finishRenames(here, journal);
                } catch (IOException e) {
                    throw StorageException.describing("finish moving the torrent's files to", journal.target(), e);
                }
            }
            case COMMITTED -> {
                try {
                    deleteSources(here, journal);
                } catch (NoSuchFileException e) {
                    throw new StorageException("the torrent's files were moved to " + journal.target()
                            + ", which is not there (a disk not mounted?)");
                }
            }
            case DONE -> {
                if (files.anyFilePresent(here)) {
                    // The files are back (moved by hand, or downloaded again): this directory is the truth now.
                    files.deleteJournal(here);
                    if (hops == 0 && acknowledge) acknowledge(here, 0);
                    return here.root();
                }
            }
        }
        if (hops >= MAX_HOPS) throw new StorageException("more than " + MAX_HOPS + " moves to follow from " + dir);
        return recover(journal.target(), hops + 1, false);
    }

    private static List<Item> items(List<Planned> plan) {
        return plan.stream().map(Planned::item).toList();
    }

    private static Path nothingToDo(Path dir, MoveProgress progress) {
        progress.moved(0, 0);
        return dir;
    }

    /** The items whose source exists; refuses destination files that are not ours. */
    private List<Planned> plan(DownloadDirectory src, DownloadDirectory dstOrNull) throws IOException {
        List<Planned> plan = new ArrayList<>();
        for (Item item : files.items()) {
            long size = MoveFiles.regularFileSize(src.resolve(item.path()));
            if (dstOrNull != null) {
                Path target = dstOrNull.resolve(item.path());
                long there = MoveFiles.regularFileSize(target);
                boolean takenAsMoved = size < 0 && there >= 0 && there <= item.maxLength();
                if ((there >= 0 || Files.exists(target, LinkOption.NOFOLLOW_LINKS)) && !takenAsMoved) {
                    throw new StorageException("cannot move to " + dstOrNull.root() + ": " + target
                            + " already exists and is not part of this torrent");
                }
            }
            if (size >= 0) plan.add(new Planned(item, size));
        }
        return plan;
    }

    /** Whether files can be renamed from {@code src} to {@code dst}, tried on an empty file. */
    private boolean canRename(DownloadDirectory src, DownloadDirectory dst) throws IOException {
        Path a = files.probe(src);
        Path b = files.probe(dst);
        try {
            steps.write(a, new byte[0]);
            steps.rename(a, b);
            return true;
        } catch (AtomicMoveNotSupportedException e) {
            return false;
        } catch (IOException e) {
            throw StorageException.describing("move a file to", dst.root(), e);
        } finally {
            steps.delete(a);
            steps.delete(b);
        }
    }

    /** Renames every planned file; false (with everything put back) when one needs copying after all. */
    private boolean renameAll(
            DownloadDirectory src, DownloadDirectory dst, List<Planned> plan, String token, MoveMeter meter)
            throws IOException {
        files.writeJournal(src, new MoveJournal(State.RENAMING, token, dst.root()));
        List<Planned> done = new ArrayList<>();
        try {
            for (Planned p : plan) {
                Path target = freshTarget(dst, p.item());
                steps.rename(src.resolve(p.item().path()), target);
                done.add(p);
                meter.add(p.size());
            }
        } catch (AtomicMoveNotSupportedException e) {
            // A folder of the torrent is a mount point of its own: copy everything instead.
            undoRenames(src, dst, done, null);
            return false;
        } catch (IOException | RuntimeException e) {
            undoRenames(src, dst, done, e);
            throw e;
        }
        files.syncFolders(dst, items(plan));
        finish(src, dst, token);
        return true;
    }

    private void copyAll(
            DownloadDirectory src, DownloadDirectory dst, List<Planned> plan, String token, MoveMeter meter)
            throws IOException {
        files.writeJournal(src, new MoveJournal(State.COPYING, token, dst.root()));
        List<Item> placed = new ArrayList<>();
        try {
            long needed = plan.stream().mapToLong(Planned::size).sum();
            long free = steps.usableSpace(dst.root());
            if (needed > free) {
                throw new StorageException("not enough space in " + dst.root() + ": the files take " + needed
                        + " bytes, " + free + " are free");
            }
            for (Planned p : plan) {
                Path from = src.resolve(p.item().path());
                files.createParent(dst, p.item().path());
                Path temp = dst.resolve(p.item().tempPath(token));
                try {
                    steps.copy(from, temp, meter::add);
                } catch (IOException e) {
                    throw StorageException.describing(
                            "copy " + from + " to", dst.resolve(p.item().path()), e);
                }
            }
            for (Planned p : plan) {
                Path target = freshTarget(dst, p.item());
                steps.rename(dst.resolve(p.item().tempPath(token)), target);
                placed.add(p.item());
            }
            files.syncFolders(dst, items(plan));
        } catch (IOException | RuntimeException e) {
            MoveFiles.withoutInterrupt(e, () -> {
                undoCopy(src.root(), dst.root(), token, placed);
                files.deleteJournal(src);
            });
            throw e;
        }
        files.writeJournal(src, new MoveJournal(State.COMMITTED, token, dst.root()));
        deleteSources(src, new MoveJournal(State.COMMITTED, token, dst.root()));
    }

    /**
     * Puts renamed files back after a failure; if that fails too the journal stays, and {@link #recover} will
     * finish the renames instead.
     */
    private void undoRenames(DownloadDirectory src, DownloadDirectory dst, List<Planned> done, Exception cause)
            throws IOException {
        IOException failure = MoveFiles.withoutInterrupt(cause, () -> {
            for (Planned p : done.reversed())
                steps.rename(dst.resolve(p.item().path()), src.resolve(p.item().path()));
            files.removeEmptyFolders(dst);
            files.deleteJournal(src);
        });
        if (failure != null && cause == null) throw failure;
    }

    /**
     * Removes what a copy left at {@code target}: the temporary files, and the placed ones ({@code placed}, or when
     * null every destination file whose source exists: while the journal says {@code COPYING}, any such file was
     * put there by the move, since it refuses to start when one is present).
     */
    private void undoCopy(Path source, Path target, String token, List<Item> placed) throws IOException {
        if (!Files.isDirectory(target)) return;
        DownloadDirectory dst = DownloadDirectory.existing(target);
        DownloadDirectory src = Files.isDirectory(source) ? DownloadDirectory.existing(source) : null;
        for (Item item : files.items()) {
            steps.delete(dst.resolve(item.tempPath(token)));
            boolean ours = placed != null
                    ? placed.contains(item)
                    : src != null && MoveFiles.regularFileSize(src.resolve(item.path())) >= 0;
            if (ours) steps.delete(dst.resolve(item.path()));
        }
        steps.delete(files.probe(dst));
        files.removeEmptyFolders(dst);
    }

    /** Rolls a {@code RENAMING} journal forward: every file still in the source goes to the destination. */
    private void finishRenames(DownloadDirectory src, MoveJournal journal) throws IOException {
        DownloadDirectory dst = DownloadDirectory.existing(journal.target());
        List<Planned> all = new ArrayList<>();
        for (Item item : files.items()) {
            Path from = src.resolve(item.path());
            long size = MoveFiles.regularFileSize(from);
            if (size < 0) continue;
            all.add(new Planned(item, size));
            Path to = dst.resolve(item.path());
            long there = MoveFiles.regularFileSize(to);
            if (there == size) {
                steps.delete(from); // copied below by an earlier recovery, which stopped before the delete
                continue;
            }
            if (there >= 0) throw new StorageException("both " + from + " and " + to + " exist; keep one and retry");
            files.createParent(dst, item.path());
            try {
                steps.rename(from, dst.resolve(item.path()));
            } catch (AtomicMoveNotSupportedException e) {
                Path temp = dst.resolve(item.tempPath(journal.token()));
                steps.copy(from, temp, n -> {});
                steps.rename(temp, dst.resolve(item.path()));
                steps.delete(from);
            }
        }
        files.syncFolders(dst, items(all));
        finish(src, dst, journal.token());
    }

    /**
     * Deletes the sources of a {@code COMMITTED} move, each only if its copy is at the destination, then finishes.
     * A source that cannot be deleted stays (with a warning) and so does the journal: the destination holds the
     * valid copy either way.
     */
    private void deleteSources(DownloadDirectory src, MoveJournal journal) throws IOException {
        DownloadDirectory dst = DownloadDirectory.existing(journal.target());
        boolean complete = true;
        for (Item item : files.items()) {
            Path from = src.resolve(item.path());
            long size = MoveFiles.regularFileSize(from);
            if (size < 0) continue;
            try {
                if (MoveFiles.regularFileSize(dst.resolve(item.path())) != size) {
                    throw new StorageException("its copy " + dst.resolve(item.path()) + " is missing or differs");
                }
                steps.delete(from);
            } catch (IOException e) {
                complete = false;
                LOG.log(Level.WARNING, "moved " + from + " but could not delete it: " + e.getMessage());
            }
        }
        if (complete) finish(src, dst, journal.token());
    }

    /** The end of a move: tidy the source, leave the notes that let {@link #recover} follow it. */
    private void finish(DownloadDirectory src, DownloadDirectory dst, String token) throws IOException {
        files.removeEmptyFolders(src);
        // A note at the destination from an earlier move the other way is obsolete now.
        MoveJournal back = files.readJournal(dst);
        if (back != null && back.state() == State.DONE && MoveFiles.sameDirectory(back.target(), src.root())) {
            files.deleteJournal(dst);
        }
        steps.write(files.origin(dst), MoveJournal.encodeOrigin(src.root()));
        files.writeJournal(src, new MoveJournal(State.DONE, token, dst.root()));
    }

    /**
     * The torrent is used in {@code here}: the journals of finished moves that led here (and their notes) are
     * obsolete.
     */
    private void acknowledge(DownloadDirectory here, int depth) throws IOException {
        Path note = files.origin(here);
        if (!Files.exists(note, LinkOption.NOFOLLOW_LINKS)) return;
        try {
            Path origin = MoveJournal.decodeOrigin(MoveFiles.readSmall(note));
            if (depth < MAX_HOPS && Files.isDirectory(origin)) {
                DownloadDirectory there = DownloadDirectory.existing(origin);
                MoveJournal journal = files.readJournal(there);
                if (journal != null
                        && journal.state() == State.DONE
                        && MoveFiles.sameDirectory(journal.target(), here.root())) {
                    files.deleteJournal(there);
                    acknowledge(there, depth + 1);
                }
            }
        } catch (StorageException e) {
            LOG.log(Level.WARNING, "ignoring an unreadable note " + note + ": " + e.getMessage());
        }
        steps.delete(note);
    }

    /** The destination of {@code item}, its folders created, refused if something is there already. */
    private Path freshTarget(DownloadDirectory dst, Item item) throws IOException {
        files.createParent(dst, item.path());
        Path target = dst.resolve(item.path());
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new StorageException(target + " appeared while the move was under way; it is not ours");
        }
        return target;
    }

    /** The destination may not be the torrent's folder in the source, or inside it: it would move into itself. */
    private void refuseInsideTorrent(Path source, Path target) throws StorageException {
        if (!target.startsWith(source)) return;
        String first = source.relativize(target).getName(0).toString();
        for (Item item : files.items()) {
            if (item.path().getFirst().toLowerCase(Locale.ROOT).equals(first.toLowerCase(Locale.ROOT))) {
                throw new StorageException("cannot move to " + target + ": it is inside the torrent's own "
                        + (item.path().size() > 1 ? "folder " : "file ")
                        + source.resolve(item.path().getFirst()));
            }
        }
    }
}
