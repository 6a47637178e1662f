package dev.torpeddo.engine.resume;

import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;

/**
 * What a stat of one file found: its size and last-modified time, or that it does not exist. The resume record
 * holds these as taken right after a flush, and {@link ResumeCheck} compares them with a fresh stat to tell
 * which files were written since.
 */
public sealed interface FileState {
    FileState ABSENT = new Absent();

    /**
     * The file exists.
     *
     * @param size its length in bytes
     * @param modifiedNanos its last-modified time in nanoseconds since the epoch; only ever compared for
     *     equality, so any value (even before 1970) is fine as long as both stats are taken the same way
     */
    record Present(long size, long modifiedNanos) implements FileState {
        public Present {
            if (size < 0) throw new IllegalArgumentException("negative file size " + size);
        }
    }

    /** The file does not exist. */
    record Absent() implements FileState {}

    /** The state of an existing file as {@code Files.readAttributes} reports it. */
    static FileState present(long size, FileTime lastModified) {
        return new Present(size, lastModified.to(TimeUnit.NANOSECONDS));
    }
}
