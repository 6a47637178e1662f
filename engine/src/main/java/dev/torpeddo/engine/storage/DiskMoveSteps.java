package dev.torpeddo.engine.storage;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.SPARSE;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** {@link MoveSteps} on the real file system. */
final class DiskMoveSteps implements MoveSteps {
    private static final int CHUNK = 1 << 20;

    @Override
    public void rename(Path source, Path target) throws IOException {
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void copy(Path source, Path target, Copied progress) throws IOException {
        try (FileChannel in = FileChannel.open(source, READ);
                FileChannel out = FileChannel.open(target, WRITE, CREATE, TRUNCATE_EXISTING, SPARSE)) {
            long size = in.size();
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(CHUNK, Math.max(size, 1)));
            ByteBuffer zeros = ByteBuffer.allocate(buf.capacity());
            for (long at = 0; at < size; ) {
                buf.clear().limit((int) Math.min(buf.capacity(), size - at));
                PositionalIo.readFully(in, buf, at);
                buf.flip();
                int n = buf.remaining();
                // Torrent files are sparse until complete; copying their holes as zeros could fill the disk.
                if (buf.mismatch(zeros.clear().limit(n)) >= 0) PositionalIo.writeFully(out, buf, at);
                at += n;
                progress.copied(n);
            }
            if (out.size() < size) PositionalIo.writeFully(out, ByteBuffer.allocate(1), size - 1);
            // The same time as the source, so that a resume record made before the move still matches.
            Files.setLastModifiedTime(target, Files.getLastModifiedTime(source));
            out.force(true);
        }
    }

    @Override
    public void write(Path target, byte[] content) throws IOException {
        try (FileChannel out = FileChannel.open(target, WRITE, CREATE, TRUNCATE_EXISTING)) {
            PositionalIo.writeFully(out, ByteBuffer.wrap(content), 0);
            out.force(true);
        }
    }

    @Override
    public void delete(Path file) throws IOException {
        Files.deleteIfExists(file);
    }

    @Override
    public boolean deleteEmptyFolder(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) return false;
        try {
            Files.delete(dir);
            return true;
        } catch (DirectoryNotEmptyException | NoSuchFileException e) {
            return false;
        }
    }

    @Override
    public void createFolders(Path dir) throws IOException {
        Files.createDirectories(dir);
    }

    @Override
    public void syncFolder(Path dir) {
        // Linux makes a rename durable only once its directory is synced; other platforms refuse to open a
        // directory, and there we can do no better than the file system's own ordering.
        try (FileChannel ch = FileChannel.open(dir, READ)) {
            ch.force(true);
        } catch (IOException e) {
            // best effort, see above
        }
    }

    @Override
    public long usableSpace(Path dir) throws IOException {
        return Files.getFileStore(dir).getUsableSpace();
    }
}
