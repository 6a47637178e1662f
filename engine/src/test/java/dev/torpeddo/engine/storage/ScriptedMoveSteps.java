package dev.torpeddo.engine.storage;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link MoveSteps} on the real disk, with faults on request: two directories that act as separate file systems
 * (a rename between them is refused as across devices), a disk that fills up after so many copied bytes, a given
 * amount of free space, a rename that fails, and a crash (the thread stops dead, nothing cleans up) at the Nth step.
 */
final class ScriptedMoveSteps implements MoveSteps {
    /** Thrown instead of a step to play a {@code kill -9}: an Error, so that no cleanup code catches it. */
    static final class Crash extends Error {
        Crash(int step) {
            super("simulated crash at step " + step);
        }
    }

    private final List<String> log = new ArrayList<>();
    private Path deviceA;
    private Path deviceB;
    private long copyBudget = Long.MAX_VALUE;
    private long usableSpace = -1;
    private int crashAt = -1;
    private int failRenameNumber = -1;
    private int renames;
    private int steps;

    /** Renames between anything under {@code a} and anything under {@code b} fail as across file systems. */
    ScriptedMoveSteps separateDevices(Path a, Path b) {
        deviceA = a;
        deviceB = b;
        return this;
    }

    /** Copies fail with "No space left on device" once {@code bytes} have been copied in all. */
    ScriptedMoveSteps diskFullAfter(long bytes) {
        copyBudget = bytes;
        return this;
    }

    ScriptedMoveSteps usableSpace(long bytes) {
        usableSpace = bytes;
        return this;
    }

    /** The {@code n}th rename (1-based) fails with an I/O error. */
    ScriptedMoveSteps failRenameNumber(int n) {
        failRenameNumber = n;
        return this;
    }

    /** Step {@code n} (1-based, counting every call and every 1 KiB a copy writes) crashes. */
    ScriptedMoveSteps crashAtStep(int n) {
        crashAt = n;
        return this;
    }

    /** How many steps were taken (so that a test can crash at each in turn). */
    int steps() {
        return steps;
    }

    List<String> log() {
        return log;
    }

    @Override
    public void rename(Path source, Path target) throws IOException {
        step("rename " + source.getFileName() + " -> " + target);
        if (++renames == failRenameNumber) throw new FileSystemException(source.toString(), null, "Input/output error");
        if (deviceA != null
                && ((source.startsWith(deviceA) && target.startsWith(deviceB))
                        || (source.startsWith(deviceB) && target.startsWith(deviceA)))) {
            throw new AtomicMoveNotSupportedException(
                    source.toString(), target.toString(), "Invalid cross-device link");
        }
        DISK.rename(source, target);
    }

    @Override
    public void copy(Path source, Path target, Copied progress) throws IOException {
        step("copy " + source.getFileName() + " -> " + target.getFileName());
        DISK.copy(source, target, n -> {
            // A copy is many steps: crash in the middle of it too.
            for (long k = 0; k < n; k += 1024) step("copied 1 KiB");
            copyBudget -= n;
            if (copyBudget < 0) throw new FileSystemException(target.toString(), null, "No space left on device");
            progress.copied(n);
        });
    }

    @Override
    public void write(Path target, byte[] content) throws IOException {
        step("write " + target.getFileName());
        DISK.write(target, content);
    }

    @Override
    public void delete(Path file) throws IOException {
        step("delete " + file.getFileName());
        DISK.delete(file);
    }

    @Override
    public boolean deleteEmptyFolder(Path dir) throws IOException {
        step("rmdir " + dir.getFileName());
        return DISK.deleteEmptyFolder(dir);
    }

    @Override
    public void createFolders(Path dir) throws IOException {
        step("mkdir " + dir.getFileName());
        DISK.createFolders(dir);
    }

    @Override
    public void syncFolder(Path dir) {
        step("sync " + dir.getFileName());
        DISK.syncFolder(dir);
    }

    @Override
    public long usableSpace(Path dir) throws IOException {
        return usableSpace >= 0 ? usableSpace : DISK.usableSpace(dir);
    }

    private void step(String what) {
        steps++;
        log.add(what);
        if (steps == crashAt) throw new Crash(steps);
    }
}
