package dev.torpeddo.engine.torrent;

import dev.torpeddo.engine.api.FileInfo;
import dev.torpeddo.engine.api.PeerInfo;
import dev.torpeddo.engine.api.PeerSource;
import dev.torpeddo.engine.api.PieceStates;
import dev.torpeddo.engine.api.TrackerInfo;
import dev.torpeddo.engine.internal.Bitfield;
import dev.torpeddo.engine.metainfo.Metainfo;
import dev.torpeddo.engine.picker.PiecePicker;
import dev.torpeddo.engine.storage.FileLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The lists a details panel shows — peers, files, pieces — built from a torrent's parts. Called under the
 * torrent's lock; every result is an immutable snapshot.
 */
final class TorrentViews {
    private TorrentViews() {}

    static List<PeerInfo> peers(Collection<Peer> peers, Swarm swarm, int pieceCount) {
        List<PeerInfo> out = new ArrayList<>(peers.size());
        for (Peer p : peers) {
            boolean incoming = !p.isOutgoing();
            PeerSource source = incoming ? PeerSource.INCOMING : swarm.sourceOf(p.address());
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
                            false,
                            source),
                    source,
                    incoming,
                    false,
                    (double) p.pieces().cardinality() / pieceCount,
                    p.connection().downloadMeter().rate(),
                    p.connection().uploadMeter().rate(),
                    p.inFlightCount(),
                    p.servingCount(),
                    p.amInterested(),
                    p.isChokingUs(),
                    p.isInterestedInUs(),
                    p.amChoking(),
                    p.isSnubbed()));
        }
        return out;
    }

    static List<FileInfo> files(Metainfo meta, FileLayout layout, long[] done, FileSelection selection) {
        List<FileInfo> out = new ArrayList<>(done.length);
        for (int i = 0; i < done.length; i++) {
            out.add(new FileInfo(
                    i, layout.displayPath(i), meta.files().get(i).length(), done[i], selection.priority(i)));
        }
        return out;
    }

    /** {@code picker} and {@code have} are null before the first check ends. */
    static PieceStates pieces(int n, PiecePicker<Peer> picker, Bitfield have) {
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
    record TrackerSummary(OptionalInt seeds, OptionalInt leechers, Optional<Duration> nextAnnounce) {}

    static TrackerSummary summarize(List<TrackerInfo> trackers) {
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
    static double distributedCopies(int n, PiecePicker<Peer> picker, boolean anyPeers) {
        if (picker == null || !anyPeers || n == 0) return 0.0;
        int min = Integer.MAX_VALUE, above = 0;
        for (int i = 0; i < n; i++) min = Math.min(min, picker.availability(i));
        for (int i = 0; i < n; i++) if (picker.availability(i) > min) above++;
        return min + (double) above / n;
    }
}
