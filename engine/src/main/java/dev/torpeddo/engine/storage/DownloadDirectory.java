package dev.torpeddo.engine.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The directory a torrent is saved in, and the gatekeeper for every path derived from torrent data. A
 * torrent's file names come from strangers, so each resolved path must stay under this directory, both
 * lexically and through symlinks that already exist inside it.
 *
 * <p>The check runs whenever a file is about to be opened, not just once, because the directory's contents
 * can change while a torrent runs. A race between the check and the open remains possible; it needs local
 * write access to the download directory, which is outside this threat model.
 */
public final class DownloadDirectory {
    private final Path root;

    /** Creates the directory if needed; symlinks in {@code dir} itself are the user's choice and are followed. */
    public DownloadDirectory(Path dir) throws IOException {
        Files.createDirectories(dir);
        this.root = dir.toRealPath();
    }

    /**
     * A directory that must already exist, without creating anything: for looking into a place the torrent's
     * files were moved from or to.
     *
     * @throws NoSuchFileException if {@code dir} is not a directory
     */
    static DownloadDirectory existing(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) throw new NoSuchFileException(dir.toString(), null, "not a directory");
        return new DownloadDirectory(dir); // creates nothing: it exists
    }

    /** The real (symlink-free, absolute) path of the directory. */
    public Path root() {
        return root;
    }

    /**
     * Resolves path components under the directory, refusing with an {@link IOException} when the result
     * would be outside it: a component that is empty, {@code .}, {@code ..}, absolute or contains a separator
     * or NUL, or an existing symlink inside the directory whose target lies outside it (or dangles, since it
     * could later be pointed anywhere).
     */
    public Path resolve(List<String> components) throws IOException {
        if (components.isEmpty()) throw refused(String.join("/", components));
        for (String c : components) {
            if (c.isEmpty()
                    || c.equals(".")
                    || c.equals("..")
                    || c.indexOf('/') >= 0
                    || c.indexOf('\\') >= 0
                    || c.indexOf('\0') >= 0) {
                throw refused(String.join("/", components));
            }
        }
        Path resolved;
        try {
            resolved = root.resolve(String.join(root.getFileSystem().getSeparator(), components))
                    .normalize();
        } catch (RuntimeException e) { // InvalidPathException: a name this file system cannot hold
            throw new StorageException("invalid file name in torrent: " + String.join("/", components), e);
        }
        if (!resolved.startsWith(root) || resolved.equals(root)) throw refused(resolved.toString());
        // Walk the existing prefix: a symlink planted in the directory must not lead out of it.
        Path current = root;
        for (Path part : root.relativize(resolved)) {
            current = current.resolve(part);
            if (Files.isSymbolicLink(current)) {
                Path target;
                try {
                    target = current.toRealPath();
                } catch (IOException dangling) {
                    throw refused(resolved + " (dangling symlink " + current + ")");
                }
                if (!target.startsWith(root)) throw refused(resolved + " (symlink " + current + " -> " + target + ")");
            } else if (!Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                break; // nothing further down exists yet, so nothing further can be a link
            }
        }
        return resolved;
    }

    private static StorageException refused(String what) {
        return new StorageException("refusing to write outside the download directory: " + what);
    }
}
