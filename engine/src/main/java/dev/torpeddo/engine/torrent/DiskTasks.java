package dev.torpeddo.engine.torrent;

import dev.torpeddo.engine.api.TorrentEvent;
import dev.torpeddo.engine.api.TorrentState;
import dev.torpeddo.engine.internal.Bitfield;
import dev.torpeddo.engine.internal.Threads;
import dev.torpeddo.engine.storage.DiskIo;
import dev.torpeddo.engine.storage.Storage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What the user does to a torrent's files as a whole: check them again, move them to another directory,
 * rename one or a folder. A recheck or a move stops transfers for its duration ({@link
 * Lifecycle#beginDiskTask}) and runs on a virtual thread of its own, never under the torrent's lock.
 */
final class DiskTasks {
    private static final Duration LAST_WRITES = Duration.ofSeconds(30);

    private final Torrent torrent;
    private final Lifecycle lifecycle;
    private final PieceWriter writer;
    private final Storage storage;
    private final DiskIo disk;
    private final Threads threads;

    DiskTasks(Torrent torrent, Lifecycle lifecycle, PieceWriter writer, Storage storage, DiskIo disk, Threads threads) {
        this.torrent = torrent;
        this.threads = threads;
        this.lifecycle = lifecycle;
        this.writer = writer;
        this.storage = storage;
        this.disk = disk;
    }

    private String threadName(String what) {
        return what + "-" + torrent.metainfo().infoHash().hex().substring(0, 8);
    }

    void recheck() {
        Optional<TorrentState> before = lifecycle.beginDiskTask(TorrentState.CHECKING, "rechecking");
        before.ifPresent(b -> threads.startVirtual(threadName("recheck"), () -> recheck(b)));
    }

    private void recheck(TorrentState before) {
        writer.drain(LAST_WRITES); // verified pieces on their way to disk land first
        Bitfield found;
        try {
            found = writer.checkExisting();
        } catch (InterruptedException e) {
            return;
        } catch (IOException e) {
            lifecycle.endDiskTask(TorrentState.PAUSED); // leave CHECKING so that fail() reports it
            lifecycle.fail("checking existing data failed: " + e.getMessage());
            return;
        }
        torrent.replacePieces(found);
        lifecycle.endDiskTask(before);
    }

    CompletableFuture<Path> move(Path newDir) {
        Optional<TorrentState> before = lifecycle.beginDiskTask(TorrentState.MOVING, "moving storage");
        if (before.isEmpty()) {
            TorrentState now = torrent.views().status().state();
            return CompletableFuture.failedFuture(
                    new IllegalStateException("cannot move while " + now.name().toLowerCase(Locale.ROOT)));
        }
        CompletableFuture<Path> done = new CompletableFuture<>();
        threads.startVirtual(threadName("move"), () -> move(newDir, before.get(), done));
        return done;
    }

    private void move(Path newDir, TorrentState before, CompletableFuture<Path> done) {
        writer.drain(LAST_WRITES); // verified pieces on their way to disk land first, at the old place
        Path from = torrent.downloadDir();
        var hash = torrent.metainfo().infoHash();
        Path to;
        try {
            to = storage.moveTo(newDir, (moved, total) -> torrent.moved(moved));
        } catch (IOException | RuntimeException e) {
            lifecycle.endDiskTask(before);
            torrent.publish(new TorrentEvent.StorageMoveFailed(hash, newDir, String.valueOf(e.getMessage())));
            done.completeExceptionally(e);
            return;
        }
        torrent.savePathChanged(to);
        lifecycle.endDiskTask(before);
        torrent.publish(new TorrentEvent.StorageMoved(hash, from, to));
        done.complete(to);
    }

    CompletableFuture<Void> renameFile(int index, String newPath) {
        return disk.submit(() -> {
            storage.renameFile(index, newPath);
            return null;
        });
    }

    CompletableFuture<Void> renameFolder(String oldFolder, String newFolder) {
        return disk.submit(() -> {
            storage.renameFolder(oldFolder, newFolder);
            return null;
        });
    }
}
