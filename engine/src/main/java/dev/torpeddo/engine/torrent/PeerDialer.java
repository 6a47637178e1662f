package dev.torpeddo.engine.torrent;

import dev.torpeddo.engine.metainfo.InfoHash;
import dev.torpeddo.engine.peer.PeerConnector;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * The outgoing half of connection management shared by a {@link Torrent} and a {@link MetadataFetcher}:
 * take a session-wide connection slot, connect and handshake, and on failure give the slot back and record
 * the failure in the owner's {@link Swarm} (for good if we dialled ourselves).
 */
final class PeerDialer {
    private static final System.Logger LOG = System.getLogger(PeerDialer.class.getName());

    private PeerDialer() {}

    /**
     * Dials {@code address}. On success the returned connection holds a connection slot, which the caller
     * releases when it drops the connection.
     *
     * @param owner the object whose monitor guards {@code swarm}
     */
    static Optional<PeerConnector.Established> dial(
            TorrentContext ctx, InfoHash infoHash, InetSocketAddress address, Object owner, Swarm swarm) {
        long now = ctx.env().clock().nanoTime();
        if (!ctx.connectionSlots().tryAcquire()) {
            synchronized (owner) {
                swarm.failed(address, now, false);
            }
            return Optional.empty();
        }
        try {
            return Optional.of(PeerConnector.connect(
                    ctx.env().network(),
                    address,
                    infoHash,
                    ctx.peerId(),
                    ctx.config().connectTimeout()));
        } catch (IOException e) {
            ctx.connectionSlots().release();
            synchronized (owner) {
                swarm.failed(address, ctx.env().clock().nanoTime(), PeerConnector.isSelf(e));
            }
            LOG.log(System.Logger.Level.DEBUG, "{0}: connect failed: {1}", address, e.getMessage());
            return Optional.empty();
        }
    }
}
