package dev.torpeddo.engine.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The files a {@link StorageMover} carries - every file of the layout, the part file, the rename journal - and the
 * small disk chores around them: the journal, temporary names, folders to create, sync and tidy. Every path is
 * resolved through a {@link DownloadDirectory}.
 */
final class MoveFiles {
    private final String hex;
    private final MoveSteps steps;
    private final List<Item> items;
    private final FileLayout layout;

    private static final int PART_FILE = -1;
    private static final int RENAME_JOURNAL = -2;

    /**
     * One of the files a move carries: a torrent file ({@code index >= 0}), the part file, or the rename journal
     * ({@link FileRenamer}).
     */
    record Item(int index, List<String> path, long maxLength) {
        /** The temporary name of this file's copy, next to where it goes. */
        List<String> tempPath(String token) {
            List<String> p = new ArrayList<>(path.subList(0, path.size() - 1));
            String which = switch (index) {
                case PART_FILE -> "p";
                case RENAME_JOURNAL -> "j";
                default -> Integer.toString(index);
            };
            p.add(RelativePath.OWN_PREFIX + token + "-" + which + ".tmp");
            return p;
        }
    }

    MoveFiles(FileLayout layout, MoveSteps steps) {
        this.layout = layout;
        this.hex = layout.metainfo().infoHash().hex();
        this.steps = steps;
        List<Item> all = new ArrayList<>();
        for (int i = 0; i < layout.fileCount(); i++) {
            all.add(new Item(i, layout.path(i), layout.metainfo().files().get(i).length()));
        }
        all.add(new Item(PART_FILE, List.of(PartFile.fileName(hex)), Long.MAX_VALUE));
        // Last: a move is carried out in this order, and while the journal is still at the source, opening the
        // torrent there learns the names under which the files that already left were moved.
        all.add(new Item(RENAME_JOURNAL, List.of(RenameJournal.fileName(hex)), Long.MAX_VALUE));
        this.items = List.copyOf(all);
    }

    List<Item> items() {
        return items;
    }

    /** The empty file that tells whether renames work between two directories. */
    Path probe(DownloadDirectory dir) throws IOException {
        return dir.resolve(List.of(RelativePath.OWN_PREFIX + hex + ".probe"));
    }

    /** The journal of {@code dir}, null if there is none. */
    MoveJournal readJournal(DownloadDirectory dir) throws IOException {
        Path path = journal(dir);
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) return null;
        try {
            return MoveJournal.decode(readSmall(path));
        } catch (StorageException e) {
            throw new StorageException(
                    "cannot read the move journal " + path + " (" + e.getMessage() + "); if no move of this torrent is"
                            + " under way, delete it",
                    e);
        }
    }

    /** Replaces the journal of {@code dir} atomically and durably. */
    void writeJournal(DownloadDirectory dir, MoveJournal journal) throws IOException {
        Path temp = journalTemp(dir);
        steps.write(temp, journal.encode());
        steps.rename(temp, journal(dir));
        steps.syncFolder(dir.root());
    }

    void deleteJournal(DownloadDirectory dir) throws IOException {
        steps.delete(journal(dir));
    }

    /** Deletes what a crash may have left in {@code dir}: half a journal update, the probe. */
    void deleteLeftovers(DownloadDirectory dir) throws IOException {
        steps.delete(journalTemp(dir));
        steps.delete(probe(dir));
    }

    /** The note at a move's destination naming its source. */
    Path origin(DownloadDirectory dir) throws IOException {
        return dir.resolve(List.of(MoveJournal.originFileName(hex)));
    }

    static byte[] readSmall(Path path) throws IOException {
        if (Files.size(path) > 64 * 1024) throw new StorageException(path + " is too large for a move note");
        return Files.readAllBytes(path);
    }

    void createParent(DownloadDirectory dir, List<String> path) throws IOException {
        if (path.size() > 1) steps.createFolders(dir.resolve(path.subList(0, path.size() - 1)));
    }

    /** Syncs the folders holding {@code moved} in {@code dir}, so that the renames into them survive a power cut. */
    void syncFolders(DownloadDirectory dir, List<Item> moved) throws IOException {
        Set<Path> folders = new LinkedHashSet<>();
        for (Item item : moved) folders.add(dir.resolve(item.path()).getParent());
        for (Path folder : folders) steps.syncFolder(folder);
    }

    /** Removes the folders, below {@code dir} itself, that the torrent's paths lead through and are now empty. */
    void removeEmptyFolders(DownloadDirectory dir) throws IOException {
        for (Item item : items) {
            for (int depth = item.path().size() - 1; depth > 0; depth--) {
                if (!steps.deleteEmptyFolder(dir.resolve(item.path().subList(0, depth)))) break;
            }
        }
    }

    /** Whether any of the torrent's data is in {@code dir} (the rename journal alone is none). */
    boolean anyFilePresent(DownloadDirectory dir) throws IOException {
        for (Item item : items) {
            if (item.index() != RENAME_JOURNAL && regularFileSize(dir.resolve(item.path())) >= 0) return true;
        }
        return false;
    }

    /** A new token for temporary names, unlike any name in the torrent (which a hostile torrent could choose). */
    String newToken() {
        while (true) {
            String token = String.format("%08x", ThreadLocalRandom.current().nextInt());
            String prefix = RelativePath.OWN_PREFIX + token;
            boolean clash = false;
            for (int i = 0; i < layout.fileCount() && !clash; i++) {
                for (String c : layout.path(i))
                    clash |= c.toLowerCase(Locale.ROOT).startsWith(prefix);
            }
            if (!clash) return token;
        }
    }

    /** The size of a regular file, -1 if nothing is there; refuses anything else (a folder, a link). */
    static long regularFileSize(Path path) throws IOException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return -1;
        }
        if (!a.isRegularFile()) throw new StorageException(path + " is not a regular file; move it out of the way");
        return a.size();
    }

    static boolean sameDirectory(Path a, Path b) {
        try {
            return a.equals(b) || (Files.isDirectory(a) && Files.isDirectory(b) && Files.isSameFile(a, b));
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code path} made absolute, with the part that exists resolved to its real path (links followed). */
    static Path realPathOf(Path path) throws IOException {
        Path abs = path.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        if (existing == null) return abs;
        return existing.toRealPath().resolve(existing.relativize(abs));
    }

    /** Disk work that must run even though the thread was interrupted (an interrupt closes file channels). */
    @FunctionalInterface
    interface Cleanup {
        void run() throws IOException;
    }

    /**
     * Runs {@code cleanup} with the interrupt flag cleared, then restores it; a failure is added to {@code cause}
     * when there is one, else returned.
     */
    static IOException withoutInterrupt(Exception cause, Cleanup cleanup) {
        boolean interrupted = Thread.interrupted();
        try {
            cleanup.run();
            return null;
        } catch (IOException | RuntimeException e) {
            if (cause != null) {
                cause.addSuppressed(e);
                return null;
            }
            return e instanceof IOException io ? io : new IOException(e);
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    private Path journal(DownloadDirectory dir) throws IOException {
        return dir.resolve(List.of(MoveJournal.fileName(hex)));
    }

    private Path journalTemp(DownloadDirectory dir) throws IOException {
        return dir.resolve(List.of(MoveJournal.fileName(hex) + ".tmp"));
    }
}
