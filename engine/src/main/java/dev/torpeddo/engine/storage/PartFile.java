package dev.torpeddo.engine.storage;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.READ;
import static java.nio.file.StandardOpenOption.SPARSE;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The single sparse file {@code <downloadDir>/.torpeddo-<infohash-hex>.parts} that holds bytes belonging to
 * unwanted files which do not exist on disk. A piece straddling a wanted and an unwanted file must be stored
 * whole to be verified and served, yet the user asked not to get the unwanted file; those bytes land here,
 * at their offset in the torrent's byte stream. Only the few pieces at file boundaries are ever written, so
 * on a file system with sparse files it stays small however large the torrent is.
 */
final class PartFile {
    private final DownloadDirectory dir;
    private final String name;
    private final Path path;
    private FileChannel channel;
    private boolean closed;

    PartFile(DownloadDirectory dir, String infoHashHex) throws IOException {
        this.dir = dir;
        this.name = fileName(infoHashHex);
        this.path = dir.resolve(List.of(name));
    }

    static String fileName(String infoHashHex) {
        return RelativePath.OWN_PREFIX + infoHashHex + ".parts";
    }

    Path path() {
        return path;
    }

    void write(long torrentOffset, ByteBuffer src) throws IOException {
        try {
            PositionalIo.writeFully(channel(true), src, torrentOffset);
        } catch (IOException e) {
            throw StorageException.describing("write", path, e);
        }
    }

    /** Fills {@code dst} from the part file, with zeros where nothing was stored. */
    void read(long torrentOffset, ByteBuffer dst) throws IOException {
        try {
            FileChannel ch = channel(false);
            if (ch == null) {
                PositionalIo.zeroFill(dst);
            } else {
                PositionalIo.readFully(ch, dst, torrentOffset);
            }
        } catch (IOException e) {
            throw StorageException.describing("read", path, e);
        }
    }

    /** The file's size, 0 when it does not exist. */
    synchronized long size() throws IOException {
        if (channel != null && channel.isOpen()) return channel.size();
        try {
            return Files.size(dir.resolve(List.of(name)));
        } catch (NoSuchFileException e) {
            return 0;
        }
    }

    synchronized void delete() throws IOException {
        if (channel != null) channel.close();
        channel = null;
        Files.deleteIfExists(dir.resolve(List.of(name)));
    }

    synchronized void flush() throws IOException {
        if (channel != null && channel.isOpen()) channel.force(false);
    }

    synchronized void close() throws IOException {
        closed = true;
        if (channel != null) channel.close();
        channel = null;
    }

    private synchronized FileChannel channel(boolean create) throws IOException {
        if (closed) throw new StorageException("storage is closed");
        if (channel == null || !channel.isOpen()) {
            Path checked = dir.resolve(List.of(name));
            try {
                channel = create
                        ? FileChannel.open(checked, READ, WRITE, CREATE, SPARSE)
                        : FileChannel.open(checked, READ, WRITE);
            } catch (NoSuchFileException e) {
                if (create) throw e;
                return null;
            }
        }
        return channel;
    }
}
