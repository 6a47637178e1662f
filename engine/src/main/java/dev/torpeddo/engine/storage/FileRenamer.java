package dev.torpeddo.engine.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Carries a change of {@link FileLayout} over to the disk: each file that exists is renamed atomically to its new
 * path in the same download directory, and folders it leaves empty are removed. All or nothing: after a failure
 * every file is put back where it was. Renames that trade places (a to b, b to a) go through temporary names.
 */
final class FileRenamer {
    private final DownloadDirectory dir;
    private final MoveSteps steps;
    private final String hex;
    /** Renames done so far, as (from, to), to undo in reverse order. */
    private final List<Path[]> done = new ArrayList<>();

    private record Rename(int index, Path from, Path to) {}

    private FileRenamer(DownloadDirectory dir, MoveSteps steps, String hex) {
        this.dir = dir;
        this.steps = steps;
        this.hex = hex;
    }

    /**
     * Renames the files of {@code changed} from their path in {@code before} to their path in {@code after}.
     *
     * @throws StorageException if a new path is taken on disk by something that is not one of the torrent's files
     *     being renamed, or a rename fails (everything is then put back)
     */
    static void apply(
            DownloadDirectory dir, FileLayout before, FileLayout after, List<Integer> changed, MoveSteps steps)
            throws IOException {
        new FileRenamer(dir, steps, before.metainfo().infoHash().hex()).apply(before, after, changed);
    }

    private void apply(FileLayout before, FileLayout after, List<Integer> changed) throws IOException {
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
        try {
            if (staged) {
                List<Rename> parked = new ArrayList<>();
                for (Rename r : renames) {
                    Path temp = dir.resolve(
                            sibling(before.path(r.index()), RelativePath.OWN_PREFIX + hex + "-r" + r.index() + ".tmp"));
                    rename(r.from(), temp);
                    parked.add(new Rename(r.index(), temp, r.to()));
                }
                renames = parked;
            }
            for (Rename r : renames) {
                List<String> path = after.path(r.index());
                if (path.size() > 1) steps.createFolders(dir.resolve(path.subList(0, path.size() - 1)));
                rename(r.from(), dir.resolve(path)); // resolved again: the folders exist now, links included
            }
        } catch (IOException | RuntimeException e) {
            undo(e);
            throw e;
        }
        for (int i : changed) removeEmptyFolders(before.path(i));
    }

    private void rename(Path from, Path to) throws IOException {
        try {
            steps.rename(from, to);
        } catch (IOException e) {
            throw FileStorage.failure("rename " + from + " to", to, e);
        }
        done.add(new Path[] {from, to});
    }

    /** Puts every renamed file back; a failure here is added to {@code cause}. */
    private void undo(Exception cause) {
        boolean interrupted = Thread.interrupted();
        try {
            for (Path[] r : done.reversed()) steps.rename(r[1], r[0]);
            for (Path[] r : done) removeEmptyFolders(dir.root().relativize(r[1]));
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
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

    private static List<String> sibling(List<String> path, String name) {
        List<String> out = new ArrayList<>(path.subList(0, path.size() - 1));
        out.add(name);
        return out;
    }
}
