package dev.torpeddo.engine.storage;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.SPARSE;
import static java.nio.file.StandardOpenOption.WRITE;

import dev.torpeddo.engine.internal.Bitfield;
import dev.torpeddo.engine.metainfo.FileEntry;
import dev.torpeddo.engine.metainfo.Metainfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.NonWritableChannelException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.UnaryOperator;

/**
 * {@link Storage} backed by the torrent's files under a download directory.
 *
 * <ul>
 *   <li>Every path is checked by {@link DownloadDirectory} before a file is opened: nothing is ever read or
 *       written outside the download directory.
 *   <li>Files are opened lazily, sparse and never pre-filled or truncated; parent directories are created
 *       on first write. At most {@code maxOpenFiles} channels stay open (least recently used are closed).
 *   <li>Zero-length wanted files are created when the storage opens, since no write will ever create them.
 *   <li>Reading never creates anything: missing files and bytes past a file's end read as zeros.
 *   <li>Unwanted files: a write to an unwanted file that does not exist goes to the torrent's
 *       {@linkplain PartFile part file} {@code .torpeddo-<infohash>.parts} instead; reads of a file that does
 *       not exist are served from there. An unwanted file that already exists keeps being used in place. When
 *       a file becomes wanted, its bytes are moved from the part file into the (then created) real file; the
 *       part file is deleted once no file is unwanted.
 *   <li>Files live at the paths of a {@link FileLayout}: the metainfo's, or the user's after a rename
 *       ({@link #renameFile}, {@link #renameFolder}). The whole storage can move to another directory
 *       ({@link #moveTo}); opening it finishes or undoes a move a crash interrupted, and follows a finished one
 *       (see {@link StorageMover#recover}), so {@link #downloadDir()} may differ from the directory asked for.
 *       Likewise it finishes or undoes renames a crash interrupted, and follows renames no resume record carries
 *       yet (see {@link FileRenamer}), so {@link #layout()} may differ from the layout asked for.
 * </ul>
 *
 * <p>Thread-safe: transfers run concurrently; changing a file's wanted flag, renaming and moving wait for them.
 */
public final class FileStorage implements Storage {
    /** Default bound on simultaneously open files per torrent. */
    public static final int DEFAULT_MAX_OPEN_FILES = 64;

    private static final int MIGRATE_CHUNK = 1 << 20;

    private final PieceMap map;
    private final OpenFileCache cache;
    private final MoveSteps steps;
    /**
     * Transfers hold the read lock; a wanted-flag change, a rename or a move holds the write lock so no byte lands
     * in the wrong place.
     */
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    // Replaced only under the write lock.
    private volatile DownloadDirectory dir;
    private volatile PartFile partFile;
    private volatile FileLayout layout;

    /** The rename journal ({@link FileRenamer}) and the layout it holds the torrent to. Write lock. */
    private final RenameKeeper renames;

    private volatile boolean[] wanted;
    private volatile boolean closed;
    /** Set when a failed move left the files where neither directory can be used; every call then fails with it. */
    private volatile StorageException broken;

    private FileStorage(PieceMap map, StoragePlacement placed, boolean[] wanted, int maxOpenFiles, MoveSteps steps)
            throws IOException {
        this.map = map;
        this.dir = placed.dir();
        this.layout = placed.layout();
        this.partFile = new PartFile(dir, layout.metainfo().infoHash().hex());
        this.wanted = wanted;
        this.cache = new OpenFileCache(maxOpenFiles);
        this.steps = steps;
        this.renames = new RenameKeeper(steps, layout.metainfo().infoHash().hex(), placed.journaled());
    }

    /** Opens storage for all files of {@code metainfo} under {@code downloadDir}. */
    public static FileStorage open(Metainfo metainfo, Path downloadDir) throws IOException {
        return open(metainfo, downloadDir, Set.of(), DEFAULT_MAX_OPEN_FILES);
    }

    /**
     * Opens storage under {@code downloadDir} (created if missing), with the given files initially unwanted.
     * Fails if any file path would escape the directory.
     */
    public static FileStorage open(Metainfo metainfo, Path downloadDir, Set<Integer> unwantedFiles, int maxOpenFiles)
            throws IOException {
        return open(metainfo, downloadDir, unwantedFiles, maxOpenFiles, FileLayout.of(metainfo));
    }

    /**
     * Opens storage with the files at the paths of {@code layout} (renamed ones, say, from a resume record). If a
     * move of the torrent's files from {@code downloadDir} was interrupted or has finished, the storage opens
     * wherever the files are: see {@link #downloadDir()}. Likewise, if the files were renamed since the record that
     * {@code layout} came from was made, or a crash cut a rename short, the storage uses the layout the files are in:
     * see {@link #layout()}.
     */
    public static FileStorage open(
            Metainfo metainfo, Path downloadDir, Set<Integer> unwantedFiles, int maxOpenFiles, FileLayout layout)
            throws IOException {
        return open(metainfo, downloadDir, unwantedFiles, maxOpenFiles, layout, MoveSteps.DISK);
    }

    static FileStorage open(
            Metainfo metainfo,
            Path downloadDir,
            Set<Integer> unwantedFiles,
            int maxOpenFiles,
            FileLayout layout,
            MoveSteps steps)
            throws IOException {
        if (!layout.metainfo().infoHash().equals(metainfo.infoHash())) {
            throw new IllegalArgumentException("a file layout of another torrent");
        }
        PieceMap map = new PieceMap(metainfo);
        StoragePlacement placement = StoragePlacement.find(metainfo, downloadDir, layout, steps);
        DownloadDirectory dir = placement.dir();
        FileLayout placed = placement.layout();
        String own = RelativePath.OWN_PREFIX + metainfo.infoHash().hex();
        boolean[] wanted = new boolean[map.fileCount()];
        for (int i = 0; i < wanted.length; i++) {
            List<String> path = placed.path(i);
            dir.resolve(path); // fail fast on hostile names
            if (path.size() == 1 && path.getFirst().toLowerCase(Locale.ROOT).startsWith(own)) {
                throw new StorageException(
                        "torrent file " + placed.displayPath(i) + " collides with Torpeddo's own files");
            }
            wanted[i] = !unwantedFiles.contains(i);
        }
        FileStorage storage = new FileStorage(map, placement, wanted, maxOpenFiles, steps);
        for (int i = 0; i < wanted.length; i++) {
            if (wanted[i] && map.file(i).length() == 0) storage.createEmptyFile(i);
        }
        return storage;
    }

    @Override
    public PieceMap pieceMap() {
        return map;
    }

    /** The real path of the download directory, where the files are now. */
    @Override
    public Path downloadDir() {
        return dir.root();
    }

    @Override
    public FileLayout layout() {
        return layout;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Transfers wait until the move is over. On failure the storage carries on wherever the complete copy is
     * (nearly always the old directory: check {@link #downloadDir()}).
     */
    @Override
    public Path moveTo(Path newDir, MoveProgress progress) throws IOException {
        lock.writeLock().lock();
        try {
            ensureOpen();
            flush();
            cache.retireAll();
            partFile.close();
            Path from = dir.root();
            StorageMover mover = new StorageMover(layout, steps);
            Path now;
            try {
                now = mover.move(from, newDir, progress);
            } catch (IOException | RuntimeException e) {
                try {
                    settleIn(mover.recover(from, 0, false));
                } catch (IOException | RuntimeException again) {
                    e.addSuppressed(again);
                    broken = new StorageException(
                            "the torrent's files could not be moved, nor left as they were: " + again.getMessage(),
                            again);
                }
                throw e;
            }
            settleIn(now);
            renames.moved(dir);
            return now;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void layoutRecorded(FileLayout recorded) {
        lock.writeLock().lock();
        try {
            if (!closed) renames.recorded(dir, recorded);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void renameFile(int index, String newPath) throws IOException {
        relayout(l -> l.renameFile(index, newPath));
    }

    @Override
    public void renameFolder(String oldFolder, String newFolder) throws IOException {
        relayout(l -> l.renameFolder(oldFolder, newFolder));
    }

    /** Where the bytes of absent unwanted files are kept (the file may not exist). */
    @Override
    public Path filePath(int index) throws IOException {
        return pathOf(index);
    }

    @Override
    public Path partFilePath() {
        return partFile.path();
    }

    /** Whether file {@code fileIndex} is wanted. */
    public boolean isWanted(int fileIndex) {
        return wanted[fileIndex];
    }

    @Override
    public void write(int piece, int offset, ByteBuffer data) throws IOException {
        ensureOpen();
        List<FileSlice> slices = map.slices(piece, offset, data.remaining());
        long torrentPos = map.torrentOffset(piece, offset);
        lock.readLock().lock();
        try {
            boolean[] w = wanted;
            for (FileSlice s : slices) {
                // A view of just this slice's bytes: no copy.
                ByteBuffer part = data.slice(data.position(), s.length());
                writeSlice(s, part, torrentPos, w[s.fileIndex()]);
                data.position(data.position() + s.length());
                torrentPos += s.length();
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public int read(int piece, int offset, ByteBuffer dst) throws IOException {
        ensureOpen();
        if (!map.isValidBlock(piece, offset, 0)) {
            throw new IndexOutOfBoundsException("read at piece " + piece + " offset " + offset);
        }
        int n = Math.min(dst.remaining(), map.pieceSize(piece) - offset);
        List<FileSlice> slices = map.slices(piece, offset, n);
        long torrentPos = map.torrentOffset(piece, offset);
        lock.readLock().lock();
        try {
            for (FileSlice s : slices) {
                ByteBuffer part = dst.slice(dst.position(), s.length());
                readSlice(s, part, torrentPos);
                dst.position(dst.position() + s.length());
                torrentPos += s.length();
            }
        } finally {
            lock.readLock().unlock();
        }
        return n;
    }

    @Override
    public Bitfield piecesMaybePresent() throws IOException {
        ensureOpen();
        // One stat per file, not per piece: a 1 GiB torrent has thousands of pieces and usually one file.
        long[] sizes = new long[map.fileCount()];
        for (int f = 0; f < sizes.length; f++) sizes[f] = sizeOrMinusOne(pathOf(f));
        long partSize = partFile.size();
        Bitfield present = new Bitfield(map.pieceCount());
        for (int piece = 0; piece < map.pieceCount(); piece++) {
            long torrentPos = map.torrentOffset(piece, 0);
            boolean all = true;
            for (FileSlice s : map.slices(piece, 0, map.pieceSize(piece))) {
                long size = sizes[s.fileIndex()];
                all &= size >= 0 ? size >= s.endInFile() : partSize >= torrentPos + s.length();
                torrentPos += s.length();
            }
            if (all) present.set(piece);
        }
        return present;
    }

    @Override
    public void setWanted(int fileIndex, boolean want) throws IOException {
        ensureOpen();
        lock.writeLock().lock();
        try {
            boolean[] w = wanted.clone();
            boolean was = w[fileIndex];
            w[fileIndex] = want;
            wanted = w;
            if (want && !was) {
                if (map.file(fileIndex).length() == 0) {
                    createEmptyFile(fileIndex);
                } else if (sizeOrMinusOne(pathOf(fileIndex)) < 0 && partFile.size() > 0) {
                    migrateFromPartFile(fileIndex);
                }
            }
            boolean anyUnwanted = false;
            for (boolean b : w) anyUnwanted |= !b;
            if (!anyUnwanted && partFile.size() > 0) partFile.delete();
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void flush() throws IOException {
        ensureOpen();
        cache.forceAll();
        partFile.flush();
    }

    @Override
    public void close() throws IOException {
        // No fsync here: like other clients we leave write-back to the OS (an fsync of a freshly written
        // GiB costs seconds). Callers that must know data is durable, such as a resume-data checkpoint,
        // call flush() first.
        if (closed) return;
        closed = true;
        try {
            cache.close();
        } finally {
            partFile.close();
        }
    }

    private void settleIn(Path where) throws IOException {
        DownloadDirectory next = new DownloadDirectory(where);
        partFile = new PartFile(next, layout.metainfo().infoHash().hex());
        dir = next;
    }

    private void relayout(UnaryOperator<FileLayout> change) throws IOException {
        lock.writeLock().lock();
        try {
            ensureOpen();
            FileLayout before = layout;
            FileLayout after = change.apply(before);
            List<Integer> changed = after.differences(before);
            for (int i : changed) cache.retire(i);
            renames.apply(dir, before, after, changed);
            layout = after;
            boolean[] w = wanted;
            for (int i : changed) {
                if (w[i] && map.file(i).length() == 0) createEmptyFile(i);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The number of files currently open (bounded by {@code maxOpenFiles} plus in-flight transfers). */
    int openFileCount() {
        return cache.openCount();
    }

    private void writeSlice(FileSlice s, ByteBuffer part, long torrentPos, boolean isWanted) throws IOException {
        int f = s.fileIndex();
        // Unwanted files are written in place only if they already exist; otherwise to the part file.
        try (OpenFileCache.Lease lease = cache.acquire(f, () -> openChannel(f, isWanted))) {
            if (lease == null) {
                partFile.write(torrentPos, part);
                return;
            }
            PositionalIo.writeFully(lease.channel(), part, s.offsetInFile());
        } catch (NonWritableChannelException e) {
            throw new StorageException("cannot write " + pathOf(f) + ": file is read-only", e);
        } catch (IOException e) {
            throw StorageException.describing("write", pathOf(f), e);
        }
    }

    private void readSlice(FileSlice s, ByteBuffer part, long torrentPos) throws IOException {
        int f = s.fileIndex();
        try (OpenFileCache.Lease lease = cache.acquire(f, () -> openChannel(f, false))) {
            if (lease == null) {
                partFile.read(torrentPos, part);
                return;
            }
            PositionalIo.readFully(lease.channel(), part, s.offsetInFile());
        } catch (IOException e) {
            throw StorageException.describing("read", pathOf(f), e);
        }
    }

    /**
     * Opens file {@code f}, creating it (and its directories) if {@code create}; returns null if it does not
     * exist and must not be created. Falls back to read-only for files we may not write (seeding from a
     * read-only copy).
     */
    private FileChannel openChannel(int f, boolean create) throws IOException {
        Path path = pathOf(f);
        if (create) {
            Path parent = path.getParent();
            if (!Files.isDirectory(parent)) {
                Files.createDirectories(parent);
                path = pathOf(f); // re-check now that the directories exist
            }
            return FileChannel.open(path, READ, WRITE, CREATE, SPARSE);
        }
        try {
            return FileChannel.open(path, READ, WRITE);
        } catch (NoSuchFileException e) {
            return null;
        } catch (AccessDeniedException e) {
            return FileChannel.open(path, READ);
        }
    }

    private void createEmptyFile(int f) throws IOException {
        Path path = pathOf(f);
        try {
            Files.createDirectories(path.getParent());
            Files.createFile(pathOf(f));
        } catch (FileAlreadyExistsException e) {
            // Never truncate: whatever is there is the user's.
        } catch (IOException e) {
            throw StorageException.describing("create", path, e);
        }
    }

    /** Moves file {@code f}'s bytes from the part file into the newly created real file, skipping holes. */
    private void migrateFromPartFile(int f) throws IOException {
        FileEntry entry = map.file(f);
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(MIGRATE_CHUNK, entry.length()));
        ByteBuffer zeros = ByteBuffer.allocate(buf.capacity());
        try (OpenFileCache.Lease lease = cache.acquire(f, () -> openChannel(f, true))) {
            for (long done = 0; done < entry.length(); ) {
                int n = (int) Math.min(buf.capacity(), entry.length() - done);
                buf.clear().limit(n);
                partFile.read(entry.offset() + done, buf);
                buf.flip();
                // Unwritten regions read as zeros anyway; writing them would only un-sparse the file.
                if (buf.mismatch(zeros.clear().limit(n)) >= 0) {
                    PositionalIo.writeFully(lease.channel(), buf, done);
                }
                done += n;
            }
        } catch (IOException e) {
            throw StorageException.describing("write", pathOf(f), e);
        }
    }

    private Path pathOf(int f) throws IOException {
        return dir.resolve(layout.path(f));
    }

    private static long sizeOrMinusOne(Path path) throws IOException {
        try {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
            return a.isRegularFile() ? a.size() : -1;
        } catch (NoSuchFileException e) {
            return -1;
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) throw new StorageException("storage is closed");
        StorageException b = broken;
        if (b != null) throw new StorageException(b.getMessage(), b);
    }
}
