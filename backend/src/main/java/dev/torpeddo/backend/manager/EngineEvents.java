package dev.torpeddo.backend.manager;

import dev.torpeddo.engine.api.TorrentEvent;
import dev.torpeddo.engine.session.TorrentHandle;

/**
 * What the manager makes of the engine's events: its own events for subscribers, records to save, metadata
 * that arrived (the .torrent saved, the add's file priorities applied, free space checked), state changes.
 * Runs on the engine's event thread, under the manager's lock.
 */
final class EngineEvents {
    private final TorrentManager manager;

    EngineEvents(TorrentManager manager) {
        this.manager = manager;
    }

    void on(TorrentEvent e) {
        String id = e.infoHash().hex();
        synchronized (manager) {
            ManagedTorrent t = manager.torrents.get(id);
            if (t == null || manager.isClosed()) return;
            switch (e) {
                case TorrentEvent.MetadataReceived m -> metadataArrived(t, m);
                case TorrentEvent.StateChanged s -> manager.housekeeping.stateMayHaveChanged(t);
                case TorrentEvent.Finished f -> {
                    t.completedAt = manager.nowSeconds();
                    t.progressDirty = true;
                    t.saveSoon = true;
                    manager.events.publish(new ManagerEvent.Finished(id));
                }
                case TorrentEvent.FileCompleted f -> {
                    t.progressDirty = true;
                    manager.events.publish(new ManagerEvent.FileCompleted(id, f.fileIndex()));
                }
                case TorrentEvent.PiecesVerified p -> t.progressDirty = true;
                case TorrentEvent.TrackerReplied r ->
                    manager.events.publish(
                            new ManagerEvent.TrackerStatus(id, r.tracker().toString(), true, r.peers(), ""));
                case TorrentEvent.TrackerFailed f ->
                    manager.events.publish(
                            new ManagerEvent.TrackerStatus(id, f.tracker().toString(), false, 0, f.message()));
                case TorrentEvent.Failed f -> {
                    manager.events.publish(new ManagerEvent.Failed(id, f.message()));
                    manager.housekeeping.stateMayHaveChanged(t);
                }
                case TorrentEvent.StorageMoved m -> {
                    t.choicesDirty = true;
                    t.saveSoon = true;
                    manager.events.publish(new ManagerEvent.StorageMoved(id, m.to()));
                }
                case TorrentEvent.StorageMoveFailed f ->
                    manager.events.publish(
                            new ManagerEvent.Failed(id, "moving to " + f.to() + " failed: " + f.message()));
                case TorrentEvent.Added a -> {}
                case TorrentEvent.Removed r -> {}
                case TorrentEvent.PieceFailed p -> {}
                case TorrentEvent.PeerBanned b ->
                    manager.events.publish(
                            new ManagerEvent.PeerBanned(id, b.peer().toString(), b.reason()));
            }
        }
    }

    private void metadataArrived(ManagedTorrent t, TorrentEvent.MetadataReceived m) {
        TorrentHandle h = t.handle;
        if (h == null) return;
        t.magnet = null;
        t.name = m.name();
        h.torrentFile().ifPresent(bytes -> manager.store.saveTorrentFile(t.id, bytes));
        t.filePriorities.forEach((file, prio) -> {
            if (file < m.fileCount()) h.setFilePriority(file, prio);
        });
        t.applyOptionsToEngine();
        if (t.stopAfterMetadata) {
            t.paused = true;
            t.stopAfterMetadata = false;
        }
        h.metainfo().ifPresent(meta -> {
            try {
                SpaceCheck.requireRoom(meta, t.savePath(), t.filePriorities);
            } catch (ManagerException tooLittle) {
                t.problem = tooLittle.getMessage();
                t.outOfSpace = true;
                h.pause();
                manager.events.publish(new ManagerEvent.Failed(t.id, tooLittle.getMessage()));
            }
        });
        t.choicesDirty = true;
        t.saveSoon = true;
        manager.events.publish(new ManagerEvent.MetadataReceived(t.id, m.name(), m.fileCount(), m.totalBytes()));
        manager.housekeeping.stateMayHaveChanged(t);
    }
}
