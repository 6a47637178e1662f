package dev.torpeddo.engine.storage;

/**
 * A run of bytes inside one file of a torrent, produced by {@link PieceMap} when a block of a piece is mapped
 * onto the files it covers.
 *
 * @param fileIndex index into the torrent's file list
 * @param offsetInFile where the run starts inside that file
 * @param length how many bytes the run covers, always {@code > 0}
 */
public record FileSlice(int fileIndex, long offsetInFile, int length) {
    public FileSlice {
        if (fileIndex < 0 || offsetInFile < 0 || length <= 0) {
            throw new IllegalArgumentException(
                    "bad slice: file " + fileIndex + " offset " + offsetInFile + " length " + length);
        }
    }

    /** The offset just past the last byte of this slice, inside its file. */
    public long endInFile() {
        return offsetInFile + length;
    }
}
