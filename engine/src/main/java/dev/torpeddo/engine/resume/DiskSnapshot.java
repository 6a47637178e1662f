package dev.torpeddo.engine.resume;

import java.util.List;
import java.util.Objects;

/**
 * The stat of every file of one torrent at one moment, in the torrent's file order, plus that of the torrent's
 * part file (where storage keeps the bytes of pieces that straddle into unwanted files it did not create).
 */
public record DiskSnapshot(List<FileState> files, FileState partFile) {
    public DiskSnapshot {
        files = List.copyOf(files);
        Objects.requireNonNull(partFile);
    }
}
