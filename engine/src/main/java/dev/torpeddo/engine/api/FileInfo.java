package dev.torpeddo.engine.api;

/**
 * One file of a torrent, as a file list shows it.
 *
 * @param index its position in the torrent, the number file priorities and renames refer to
 * @param path its path inside the torrent's folder, '/'-separated, as it is on disk now (after renames)
 * @param size its length in bytes
 * @param doneBytes bytes of it in verified pieces
 * @param priority 0 (not downloaded) to 7; 4 is normal
 */
public record FileInfo(int index, String path, long size, long doneBytes, int priority) {
    /** The fraction of the file verified, 0 to 1 (1 for an empty file). */
    public double progress() {
        return size == 0 ? 1.0 : (double) doneBytes / size;
    }
}
