package dev.torpeddo.engine.torrent;

import dev.torpeddo.engine.api.TorrentEvent;
import dev.torpeddo.engine.wire.WireLimits;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * What happens after a piece is hashed: a good piece, once on disk, becomes ours and is announced; a bad
 * one is fetched again and its senders are blamed (a strike for a lone sender, the smart-ban comparison
 * when several contributed); a piece that could not be written stops the torrent with the reason.
 */
final class PieceOutcomes implements PieceWriter.Owner {
    private final Torrent torrent;
    private final SmartBan<PeerKey> smartBan;
    private final int banAfterHashFailures;
    private final AtomicLong failedBytes = new AtomicLong();
    private final AtomicInteger resumeEpoch = new AtomicInteger();

    /** @param salt the source of the smart ban's secret salt */
    PieceOutcomes(Torrent torrent, int banAfterHashFailures, RandomGenerator salt) {
        this.torrent = torrent;
        this.smartBan = new SmartBan<>(salt);
        this.banAfterHashFailures = banAfterHashFailures;
    }

    long failedBytes() {
        return failedBytes.get();
    }

    /** Counts failed bytes restored from a resume record. */
    void restoreFailedBytes(long bytes) {
        failedBytes.set(bytes);
    }

    /** Called on resume: write failures of work queued before it are not reported again. */
    void newEpoch() {
        resumeEpoch.incrementAndGet();
    }

    @Override
    public int resumeEpoch() {
        return resumeEpoch.get();
    }

    @Override
    public boolean hadFailures() {
        return failedBytes.get() > 0;
    }

    @Override
    public void pieceWritten(int piece) {
        synchronized (torrent) {
            torrent.pieceOnDisk(piece);
        }
    }

    @Override
    public void pieceFailed(int piece, byte[] data, List<PeerKey> senders) {
        synchronized (torrent) {
            if (torrent.isStopped()) return;
            failedBytes.addAndGet(torrent.metainfo().pieceSize(piece));
            torrent.publish(new TorrentEvent.PieceFailed(torrent.metainfo().infoHash(), piece));
            torrent.picker().pieceFailed(piece);
            Set<PeerKey> contributors = new HashSet<>(senders);
            contributors.remove(null);
            if (contributors.size() == 1) {
                // One peer sent the whole piece: it is to blame, though a single bad piece may be an accident.
                PeerKey only = contributors.iterator().next();
                if (torrent.swarm().strike(only.address(), only.peerId(), banAfterHashFailures)) ban(only);
            } else {
                smartBan.pieceFailed(piece, data, senders, WireLimits.BLOCK);
            }
            torrent.requests.fillAll();
        }
    }

    @Override
    public void pieceHashed(int piece, byte[] good) {
        synchronized (torrent) {
            // Peers proven to have sent bad blocks of this piece earlier are banned.
            for (PeerKey liar : smartBan.pieceVerified(piece, good)) {
                torrent.swarm().strike(liar.address(), liar.peerId(), 1);
                ban(liar);
            }
        }
    }

    private void ban(PeerKey key) {
        torrent.publish(new TorrentEvent.PeerBanned(torrent.metainfo().infoHash(), key.address(), "sent corrupt data"));
        for (Peer p : torrent.peerList()) {
            if (torrent.swarm().isBanned(p.address(), p.key().peerId())) p.close("banned: sent corrupt data");
        }
    }

    /** Verified data could not be written (disk full, I/O error): the piece is needed again, and we stop. */
    @Override
    public void pieceWriteFailed(int piece, Throwable failure, int epochAtSubmit) {
        synchronized (torrent) {
            torrent.picker().pieceFailed(piece); // no blame: the data was good
            // A write queued before the user resumed failed for the old reason: fetch the piece again quietly.
            if (epochAtSubmit != resumeEpoch.get()) return;
            Throwable cause =
                    failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            torrent.fail("writing to " + torrent.downloadDir() + " failed: " + cause.getMessage());
        }
    }
}
