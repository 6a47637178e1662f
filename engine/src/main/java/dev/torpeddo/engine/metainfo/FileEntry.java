package dev.torpeddo.engine.metainfo;

import java.util.List;

/**
 * One file of a torrent.
 *
 * @param path sanitized path components, relative to the download directory (for a multi-file torrent the
 *     first component is the torrent's sanitized name); never empty, never containing "..", separators or
 *     reserved names
 * @param length the file's size in bytes, {@code >= 0}
 * @param offset where the file starts in the torrent's concatenated byte stream
 */
public record FileEntry(List<String> path, long length, long offset) {
    public FileEntry {
        path = List.copyOf(path);
        if (path.isEmpty()) throw new IllegalArgumentException("empty path");
        if (length < 0 || offset < 0) throw new IllegalArgumentException("negative length or offset");
    }

    /** The path joined with '/', for display and logs. */
    public String displayPath() {
        return String.join("/", path);
    }
}
