package dev.torpeddo.engine.torrent;

import dev.torpeddo.engine.api.FileInfo;
import dev.torpeddo.engine.api.PeerInfo;
import dev.torpeddo.engine.api.PeerSource;
import dev.torpeddo.engine.api.PeerTransport;
import dev.torpeddo.engine.api.PieceStates;
import dev.torpeddo.engine.api.TorrentState;
import dev.torpeddo.engine.api.TorrentStatus;
import dev.torpeddo.engine.api.TrackerInfo;
import dev.torpeddo.engine.bandwidth.RateLimiter;
import dev.torpeddo.engine.internal.Bitfield;
import dev.torpeddo.engine.metainfo.Metainfo;
import dev.torpeddo.engine.picker.PiecePicker;
import dev.torpeddo.engine.resume.ResumeRecord;
import dev.torpeddo.engine.storage.FileLayout;
import dev.torpeddo.engine.storage.Storage;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a torrent shows of itself (reached through {@link Torrent#views()}): its status, the lists a details
 * panel shows (peers, files, pieces, trackers), and the facts a resume record is made of. Each is an
 * immutable snapshot taken under the torrent's lock.
 */
public final class TorrentViews {
    private final Torrent torrent;
    private final Metainfo meta;
    private final Lifecycle lifecycle;
    private final Storage storage;
    private final FileSelection files;
    private final PieceWriter writer;
    private final PeerAdmission<Peer> admission;
    private final Swarm swarm;
    private final TrackerLink trackers;
    private final PieceOutcomes outcomes;
    private final Totals totals;
    private final RateLimiter downloadLimit;
    private final RateLimiter uploadLimit;

    TorrentViews(
            Torrent torrent,
            Lifecycle lifecycle,
            Storage storage,
            FileSelection files,
            PieceWriter writer,
            PeerAdmission<Peer> admission,
            Swarm swarm,
            TrackerLink trackers,
            PieceOutcomes outcomes,
            Totals totals,
            RateLimiter downloadLimit,
            RateLimiter uploadLimit) {
        this.torrent = torrent;
        this.meta = torrent.metainfo();
        this.lifecycle = lifecycle;
        this.storage = storage;
        this.files = files;
        this.writer = writer;
        this.admission = admission;
        this.swarm = swarm;
        this.trackers = trackers;
        this.outcomes = outcomes;
        this.totals = totals;
        this.downloadLimit = downloadLimit;
        this.uploadLimit = uploadLimit;
    }

    public TorrentStatus status() {
        synchronized (torrent) {
            lifecycle.accountTime();
            PieceProgress progress = torrent.progress();
            int seeds = 0;
            for (Peer p : admission.peers()) if (p.isSeed()) seeds++;
            TrackerSummary swarmSize = summarize(trackers.status());
            return new TorrentStatus(
                    meta.infoHash(),
                    meta.name(),
                    lifecycle.state(),
                    lifecycle.error(),
                    new TorrentStatus.Progress(
                            meta.totalLength(),
                            progress == null ? 0 : progress.wantedBytes(),
                            progress == null ? 0 : progress.wantedDoneBytes(),
                            writer.checkedBytes(),
                            torrent.movedBytes(),
                            progress == null ? 0 : progress.have().cardinality(),
                            meta.pieceCount(),
                            1.0,
                            distributedCopies(meta.pieceCount(), torrent.picker(), !admission.isEmpty())),
                    totals.transfer(outcomes.failedBytes(), downloadLimit.rate(), uploadLimit.rate()),
                    new TorrentStatus.Peers(
                            admission.count(), seeds, swarmSize.seeds(), swarmSize.leechers(), swarm.knownCount()),
                    totals.times(swarmSize.nextAnnounce()));
        }
    }

    /** The connected peers, for a peer list. */
    public List<PeerInfo> peers() {
        synchronized (torrent) {
            return peers(admission.peers(), swarm, meta.pieceCount());
        }
    }

    /** Every file with its size, verified bytes and priority. */
    public List<FileInfo> files() {
        synchronized (torrent) {
            PieceProgress progress = torrent.progress();
            long[] done = progress == null ? new long[meta.files().size()] : progress.fileBytesDone();
            return files(meta, storage.layout(), done, files);
        }
    }

    /** Every piece's state and availability, for a piece map. */
    public PieceStates pieces() {
        synchronized (torrent) {
            PieceProgress progress = torrent.progress();
            return pieces(meta.pieceCount(), torrent.picker(), progress == null ? null : progress.have());
        }
    }

    /** Each tracker's state, for a tracker list in the UI. */
    public List<TrackerInfo> trackers() {
        return trackers.status();
    }

    /**
     * What a resume record says about the torrent now: pieces on disk (none before the first check ends),
     * file priorities, totals, times, options, where the files are, trackers and known peers. Call under the
     * torrent's lock.
     */
    Checkpoint.Facts resumeFacts() {
        lifecycle.accountTime();
        PieceProgress progress = torrent.progress();
        List<Integer> priorities = new ArrayList<>();
        for (int i = 0; i < meta.files().size(); i++) priorities.add(files.priority(i));
        List<InetSocketAddress> known = swarm.knownAddresses();
        return new Checkpoint.Facts(
                progress == null
                        ? new Bitfield(meta.pieceCount())
                        : progress.have().copy(),
                priorities,
                totals.forRecord(outcomes.failedBytes()),
                totals.timesForRecord(),
                new ResumeRecord.Options(
                        progress != null && progress.picker().isSequential(),
                        files.firstAndLastPiecesFirst(),
                        lifecycle.state() == TorrentState.PAUSED,
                        downloadLimit.rate(),
                        uploadLimit.rate()),
                torrent.downloadDir().toString(),
                storage.layout(),
                trackers.tiers(),
                known.subList(0, Math.min(known.size(), ResumeRecord.MAX_PEERS)));
    }

    private static List<PeerInfo> peers(Collection<Peer> peers, Swarm swarm, int pieceCount) {
        List<PeerInfo> out = new ArrayList<>(peers.size());
        for (Peer p : peers) {
            boolean incoming = !p.isOutgoing();
            PeerSource source = incoming ? PeerSource.INCOMING : swarm.sourceOf(p.address());
            PeerTransport transport = p.connection().overUtp() ? PeerTransport.UTP : PeerTransport.TCP;
            out.add(new PeerInfo(
                    p.address(),
                    ClientName.of(p.connection().handshake().peerId(), p.clientVersion()),
                    PeerInfo.flagsOf(
                            p.amInterested(),
                            p.isChokingUs(),
                            p.isInterestedInUs(),
                            p.amChoking(),
                            p.isSnubbed(),
                            incoming,
                            p.connection().isEncrypted(),
                            source,
                            transport),
                    source,
                    incoming,
                    p.connection().isEncrypted(),
                    (double) p.pieces().cardinality() / pieceCount,
                    p.connection().downloadMeter().rate(),
                    p.connection().uploadMeter().rate(),
                    p.inFlightCount(),
                    p.servingCount(),
                    p.amInterested(),
                    p.isChokingUs(),
                    p.isInterestedInUs(),
                    p.amChoking(),
                    p.isSnubbed(),
                    transport));
        }
        return out;
    }

    private static List<FileInfo> files(Metainfo meta, FileLayout layout, long[] done, FileSelection selection) {
        List<FileInfo> out = new ArrayList<>(done.length);
        for (int i = 0; i < done.length; i++) {
            out.add(new FileInfo(
                    i, layout.displayPath(i), meta.files().get(i).length(), done[i], selection.priority(i)));
        }
        return out;
    }

    /** {@code picker} and {@code have} are null before the first check ends. */
    private static PieceStates pieces(int n, PiecePicker<Peer> picker, Bitfield have) {
        byte[] states = new byte[n];
        int[] availability = new int[n];
        if (picker != null) {
            for (int piece : picker.inFlightPieces()) states[piece] = PieceStates.DOWNLOADING;
            for (int i = 0; i < n; i++) availability[i] = picker.availability(i);
        }
        if (have != null) {
            for (int i = have.nextSetBit(0); i >= 0; i = have.nextSetBit(i + 1)) states[i] = PieceStates.HAVE;
        }
        return new PieceStates(states, availability);
    }

    /**
     * What the trackers say about the swarm: the most seeds and leechers any of them reported, and the
     * soonest next announce.
     */
    private record TrackerSummary(OptionalInt seeds, OptionalInt leechers, Optional<Duration> nextAnnounce) {}

    private static TrackerSummary summarize(List<TrackerInfo> trackers) {
        OptionalInt seeds = OptionalInt.empty(), leechers = OptionalInt.empty();
        Optional<Duration> next = Optional.empty();
        for (TrackerInfo t : trackers) {
            seeds = max(seeds, t.seeders());
            leechers = max(leechers, t.leechers());
            if (t.nextAnnounceIn().isPresent()
                    && (next.isEmpty() || t.nextAnnounceIn().get().compareTo(next.get()) < 0))
                next = t.nextAnnounceIn();
        }
        return new TrackerSummary(seeds, leechers, next);
    }

    private static OptionalInt max(OptionalInt a, OptionalInt b) {
        if (a.isEmpty()) return b;
        return b.isPresent() && b.getAsInt() > a.getAsInt() ? b : a;
    }

    /** The rarest piece's count among connected peers, plus the fraction of pieces more common than it. */
    private static double distributedCopies(int n, PiecePicker<Peer> picker, boolean anyPeers) {
        if (picker == null || !anyPeers || n == 0) return 0.0;
        int min = Integer.MAX_VALUE, above = 0;
        for (int i = 0; i < n; i++) min = Math.min(min, picker.availability(i));
        for (int i = 0; i < n; i++) if (picker.availability(i) > min) above++;
        return min + (double) above / n;
    }
}
