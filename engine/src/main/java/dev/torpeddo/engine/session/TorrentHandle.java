package dev.torpeddo.engine.session;

import dev.torpeddo.engine.metainfo.InfoHash;
import dev.torpeddo.engine.metainfo.Metainfo;
import dev.torpeddo.engine.torrent.Torrent;
import java.net.InetSocketAddress;

/**
 * The caller's view of one torrent in a {@link Session}. All methods return at once; work happens on engine
 * threads.
 */
public final class TorrentHandle {
    private final Torrent torrent;
    private final Session session;

    TorrentHandle(Torrent torrent, Session session) {
        this.torrent = torrent;
        this.session = session;
    }

    public InfoHash infoHash() {
        return torrent.metainfo().infoHash();
    }

    public Metainfo metainfo() {
        return torrent.metainfo();
    }

    public TorrentStatus status() {
        return torrent.status();
    }

    /** Each tracker's last result and next announce. */
    public java.util.List<dev.torpeddo.engine.tracker.TrackerStatus> trackers() {
        return torrent.trackers();
    }

    /** Per-file verified bytes, in torrent file order. */
    public long[] fileProgress() {
        return torrent.fileProgress();
    }

    /** Sets a file's priority, 0 (skip) to 7; takes effect for the next pieces picked. */
    public void setFilePriority(int fileIndex, int priority) {
        torrent.setFilePriority(fileIndex, priority);
    }

    /** Downloads pieces in order instead of rarest first (for previewing media while it downloads). */
    public void setSequential(boolean sequential) {
        torrent.setSequential(sequential);
    }

    public void connectPeer(InetSocketAddress address) {
        torrent.addPeerCandidates(java.util.List.of(address));
    }

    public void pause() {
        torrent.pause();
    }

    public void resume() {
        torrent.resume();
    }

    /** Stops the torrent and forgets it; its files stay on disk. */
    public void remove() {
        session.remove(this);
    }

    Torrent torrent() {
        return torrent;
    }
}
