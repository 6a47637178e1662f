package dev.torpeddo.backend.manager;

import dev.torpeddo.engine.api.PieceStates;
import dev.torpeddo.engine.api.TrackerInfo;
import dev.torpeddo.engine.session.TorrentHandle;
import java.time.Duration;
import java.util.List;

/**
 * What a details panel shows of one torrent, each view taken when asked: files, peers, trackers, pieces. Empty
 * lists while the torrent is not in the engine (a magnet waiting in the queue) or has no metadata yet.
 */
public final class Details {
    private final TorrentHandle handle;

    Details(ManagedTorrent t) {
        this.handle = t.handle;
    }

    /** One file: its path inside the save path ('/'-separated, after renames), size, verified bytes, priority. */
    public record FileView(int index, String path, long size, long doneBytes, double progress, int priority) {}

    /**
     * One connected peer. {@code flags} are qBittorrent's letters (D/d, U/u, K, ?, S, I, E, P, H, X, L).
     *
     * @param source where we learned of it: tracker, dht, pex, lsd, manual, incoming
     * @param encrypted the connection is RC4-encrypted (MSE/PE)
     * @param transport tcp or utp
     * @param family ipv4 or ipv6
     */
    public record PeerView(
            String address,
            int port,
            String client,
            String flags,
            String source,
            double progress,
            long downloadRate,
            long uploadRate,
            int requestsInFlight,
            int requestsQueued,
            boolean incoming,
            boolean encrypted,
            boolean snubbed,
            String transport,
            String family) {}

    /**
     * One tracker. Counts it has not reported are -1; times are seconds, -1 when unknown.
     *
     * @param status not_contacted, working or error
     */
    public record TrackerView(
            String url,
            int tier,
            String status,
            String message,
            int peers,
            int seeds,
            int leechers,
            int downloaded,
            long nextAnnounce,
            long sinceLastSuccess) {}

    /**
     * Every piece's state as one character ({@code '0'} missing, {@code '1'} downloading, {@code '2'} have) and
     * how many connected peers have it.
     */
    public record PieceView(int count, String states, int[] availability) {}

    public List<FileView> files() {
        if (handle == null) return List.of();
        return handle.files().stream()
                .map(f -> new FileView(f.index(), f.path(), f.size(), f.doneBytes(), f.progress(), f.priority()))
                .toList();
    }

    public List<PeerView> peers() {
        if (handle == null) return List.of();
        return handle.peers().stream()
                .map(p -> new PeerView(
                        AddressText.host(p.address()),
                        p.address().getPort(),
                        p.client(),
                        p.flags(),
                        p.source().name().toLowerCase(java.util.Locale.ROOT),
                        p.progress(),
                        p.downloadRate(),
                        p.uploadRate(),
                        p.requestsInFlight(),
                        p.requestsQueued(),
                        p.incoming(),
                        p.encrypted(),
                        p.snubbed(),
                        p.transport().name().toLowerCase(java.util.Locale.ROOT),
                        p.address().getAddress() instanceof java.net.Inet6Address ? "ipv6" : "ipv4"))
                .toList();
    }

    public List<TrackerView> trackers() {
        if (handle == null) return List.of();
        return handle.trackers().stream().map(Details::tracker).toList();
    }

    private static TrackerView tracker(TrackerInfo t) {
        return new TrackerView(
                t.uri().toString(),
                t.tier(),
                t.status().name().toLowerCase(java.util.Locale.ROOT),
                t.message().orElse(""),
                t.peers(),
                t.seeders().orElse(-1),
                t.leechers().orElse(-1),
                t.downloaded().orElse(-1),
                t.nextAnnounceIn().map(Duration::toSeconds).orElse(-1L),
                t.sinceLastSuccess().map(Duration::toSeconds).orElse(-1L));
    }

    public PieceView pieces() {
        if (handle == null) return new PieceView(0, "", new int[0]);
        PieceStates p = handle.pieces();
        byte[] states = p.states();
        char[] chars = new char[states.length];
        for (int i = 0; i < states.length; i++) chars[i] = (char) ('0' + states[i]);
        return new PieceView(states.length, new String(chars), p.availability());
    }
}
