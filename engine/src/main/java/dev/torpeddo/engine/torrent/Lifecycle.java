package dev.torpeddo.engine.torrent;

import dev.torpeddo.engine.api.TorrentEvent;
import dev.torpeddo.engine.api.TorrentState;
import dev.torpeddo.engine.metainfo.Metainfo;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A torrent's state and its moves from one state to another: the end of the first check, finishing,
 * pause, resume, an error, a task on the whole storage (a recheck, a move), and the stop for good. Each move
 * is timed (the active and seeding totals), published as an event, and does what the new state needs to
 * the peers, the trackers and the writer. State is guarded by the torrent's lock; the moves that also talk
 * to trackers or wait for the disk take the lock themselves and do that outside it.
 */
final class Lifecycle {
    private static final System.Logger LOG = System.getLogger(Lifecycle.class.getName());
    private static final Duration LAST_WRITES = Duration.ofSeconds(30);

    private final Torrent torrent;
    private final Metainfo meta;
    private final PieceWriter writer;
    private final TrackerLink trackers;
    private final Swarm swarm;
    private final PieceOutcomes outcomes;
    private final Totals totals;
    private final boolean useTrackers;
    /** Where the first check ends: paused or running. Pause and resume during that check change it. */
    private boolean pausedAfterCheck;

    private TorrentState state = TorrentState.CHECKING;
    private String error;
    private volatile boolean stopped;

    Lifecycle(
            Torrent torrent,
            PieceWriter writer,
            TrackerLink trackers,
            Swarm swarm,
            PieceOutcomes outcomes,
            Totals totals,
            boolean useTrackers,
            boolean startPaused) {
        this.torrent = torrent;
        this.meta = torrent.metainfo();
        this.writer = writer;
        this.trackers = trackers;
        this.swarm = swarm;
        this.outcomes = outcomes;
        this.totals = totals;
        this.useTrackers = useTrackers;
        this.pausedAfterCheck = startPaused;
    }

    TorrentState state() {
        return state;
    }

    /** Why the torrent is in {@link TorrentState#ERROR}; empty otherwise. */
    Optional<String> error() {
        return Optional.ofNullable(error);
    }

    /** Stopped for good (removed, or the session closed). Read without the lock. */
    boolean isStopped() {
        return stopped;
    }

    boolean isActive() {
        return state == TorrentState.DOWNLOADING || state == TorrentState.SEEDING;
    }

    boolean isDownloading() {
        return state == TorrentState.DOWNLOADING;
    }

    boolean isSeeding() {
        return state == TorrentState.SEEDING;
    }

    /** Adds the time since the last call to the active and seeding totals, by the state until now. */
    void accountTime() {
        totals.account(isActive(), isSeeding());
    }

    private TorrentState runningState() {
        return torrent.isDone() ? TorrentState.SEEDING : TorrentState.DOWNLOADING;
    }

    private void moveTo(TorrentState next) {
        if (state == next) return;
        accountTime();
        TorrentState prev = state;
        state = next;
        LOG.log(System.Logger.Level.DEBUG, "{0}: {1} -> {2}", meta.name(), prev, next);
        torrent.publish(new TorrentEvent.StateChanged(meta.infoHash(), prev, next));
    }

    /** The first check is over: the torrent runs, or waits paused when it was added so (or paused since). */
    void checked() {
        moveTo(pausedAfterCheck ? TorrentState.PAUSED : runningState());
    }

    /** Whether the first check will end paused; trackers are asked for peers during the check only if not. */
    boolean pausedAfterCheck() {
        return pausedAfterCheck;
    }

    /** Still in the check that follows the add (not a recheck): pause and resume only choose where it ends. */
    private boolean inFirstCheck() {
        return state == TorrentState.CHECKING && torrent.progress() == null;
    }

    /** The last wanted piece reached the disk: a downloading torrent seeds from now on. */
    void pieceAdded() {
        if (state != TorrentState.DOWNLOADING || !torrent.isDone()) return;
        moveTo(TorrentState.SEEDING);
        writer.dropPooledBuffers();
        totals.completedNow();
        torrent.publish(new TorrentEvent.Finished(meta.infoHash()));
        trackers.completed();
        for (Peer p : torrent.peerList()) if (p.isSeed()) p.close("both are seeds");
    }

    /** The user wants more than a seed has (a file selected again): it downloads again. */
    void selectionChanged() {
        if (state == TorrentState.SEEDING && !torrent.isDone()) moveTo(TorrentState.DOWNLOADING);
    }

    /** A disk or internal fault: stop transferring, keep what is verified, tell the user why. */
    void fail(String message) {
        synchronized (torrent) {
            if (state == TorrentState.ERROR || stopped) return;
            error = message;
            LOG.log(System.Logger.Level.WARNING, "{0}: {1}", meta.name(), message);
            moveTo(TorrentState.ERROR);
            torrent.publish(new TorrentEvent.Failed(meta.infoHash(), message));
            for (Peer p : torrent.peerList()) p.close("torrent stopped: " + message);
        }
    }

    /**
     * Stops transferring: connections close, the peers' addresses are kept for {@link #resume()}. During the
     * check that follows the add, the check goes on and the torrent waits paused when it ends.
     */
    void pause() {
        synchronized (torrent) {
            if (stopped) return;
            if (inFirstCheck()) {
                pausedAfterCheck = true;
            } else {
                if (!isActive()) return;
                moveTo(TorrentState.PAUSED);
                for (Peer p : torrent.peerList()) p.close("paused");
            }
        }
        trackers.stop();
    }

    /**
     * Carries on after a pause, or after an error once its cause is fixed: known addresses are dialled at once.
     * During the check that follows the add, the torrent runs as soon as the check ends.
     */
    void resume() {
        synchronized (torrent) {
            if (stopped) return;
            if (inFirstCheck()) {
                if (!pausedAfterCheck) return;
                pausedAfterCheck = false; // trackers are asked now, so peers are ready when the check ends
            } else {
                if (state != TorrentState.PAUSED && state != TorrentState.ERROR) return;
                if (torrent.progress() == null) return; // failed before it could start: nothing to resume
                error = null;
                outcomes.newEpoch();
                swarm.retryAllNow();
                moveTo(runningState());
            }
        }
        if (useTrackers) trackers.start();
        torrent.wake();
    }

    /**
     * Stops transfers for a task on the whole storage (a recheck, a move): returns the state to go back to,
     * or empty when the torrent is not in a state that allows it (stopped, not checked yet, busy already).
     */
    Optional<TorrentState> beginDiskTask(TorrentState doing, String why) {
        synchronized (torrent) {
            if (stopped || torrent.progress() == null || state == TorrentState.CHECKING || state == TorrentState.MOVING)
                return Optional.empty();
            TorrentState before = state == TorrentState.ERROR ? TorrentState.PAUSED : state;
            error = null;
            torrent.moved(0);
            moveTo(doing);
            for (Peer p : torrent.peerList()) p.close(why);
            writer.discardAssembling();
            return Optional.of(before);
        }
    }

    /** The task is over: transfers resume as they were (paused stays paused), peers may be dialled again. */
    void endDiskTask(TorrentState before) {
        synchronized (torrent) {
            if (stopped) return;
            swarm.retryAllNow();
            moveTo(before == TorrentState.PAUSED ? TorrentState.PAUSED : runningState());
        }
        torrent.wake();
    }

    /**
     * Stops for good: closes peers, lets verified pieces reach the disk, tells trackers, releases files.
     * Blocks briefly (bounded) for the last writes and the {@code stopped} announce.
     */
    void stop() {
        List<Peer> toClose;
        synchronized (torrent) {
            if (stopped) return;
            stopped = true;
            toClose = torrent.peerList();
        }
        for (Peer p : toClose) p.close("torrent stopped");
        writer.drain(LAST_WRITES);
        trackers.stop();
        writer.close();
    }
}
