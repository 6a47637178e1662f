package dev.torpeddo.engine.session;

import dev.torpeddo.engine.internal.Threads;
import dev.torpeddo.engine.metainfo.InfoHash;
import dev.torpeddo.engine.net.Network;
import dev.torpeddo.engine.peer.PeerConnector;
import dev.torpeddo.engine.torrent.MetadataFetcher;
import dev.torpeddo.engine.torrent.Torrent;
import dev.torpeddo.engine.wire.Handshake;
import java.io.EOFException;
import java.io.IOException;
import java.util.Map;

/**
 * The connections peers open to us: one accept loop on the session's listening port (a new one when the
 * port changes), then each connection's handshake on a virtual thread of its own, within the handshake
 * deadline, and the connection goes to the torrent or magnet fetch its handshake names, which decides
 * whether to take the peer. Anything else is closed.
 */
final class IncomingConnections {
    private static final System.Logger LOG = System.getLogger(IncomingConnections.class.getName());

    private final PeerConnector connector;
    private final Threads threads;
    private final Map<InfoHash, TorrentHandle> torrents;
    private volatile Network.Listener listener;
    private volatile boolean closed;

    /** @param torrents the session's torrents by info-hash, read as connections arrive */
    IncomingConnections(
            Network.Listener listener,
            PeerConnector connector,
            Map<InfoHash, TorrentHandle> torrents,
            Threads threads) {
        this.listener = listener;
        this.threads = threads;
        this.connector = connector;
        this.torrents = torrents;
    }

    void start() {
        acceptOn(listener);
    }

    /** Also takes the connections peers open over uTP (the stack lives as long as the session). */
    void acceptUtp(Network.Listener utp) {
        threads.startVirtual("accept-utp", () -> acceptLoop(utp));
    }

    /** Where peers reach us now. */
    Network.Listener listener() {
        return listener;
    }

    /** Accepts on {@code fresh} from now on; the old port closes once the new one accepts. */
    void switchTo(Network.Listener fresh) throws IOException {
        Network.Listener old = listener;
        listener = fresh;
        acceptOn(fresh);
        old.close();
    }

    void close() throws IOException {
        closed = true;
        listener.close();
    }

    private void acceptOn(Network.Listener from) {
        threads.startVirtual("accept-" + from.localAddress().getPort(), () -> acceptLoop(from));
    }

    private void acceptLoop(Network.Listener from) {
        while (!closed) {
            Network.Connection c;
            try {
                c = from.accept();
            } catch (IOException e) {
                if (!closed && from.equals(listener))
                    LOG.log(System.Logger.Level.WARNING, "accept failed: {0}", e.getMessage());
                return;
            }
            threads.startVirtual("incoming-" + c.remote(), () -> handle(c));
        }
    }

    private void handle(Network.Connection c) {
        try {
            // The whole handshake has a deadline: a peer trickling bytes cannot hold this thread and socket.
            Handshake remote = connector.answer(c, torrents::containsKey);
            TorrentHandle handle = torrents.get(remote.infoHash());
            Torrent torrent = handle == null ? null : handle.torrent();
            MetadataFetcher fetcher = handle == null ? null : handle.fetcher();
            if (torrent != null) torrent.acceptIncoming(c, remote);
            else if (fetcher != null) fetcher.acceptIncoming(c, remote);
            else throw new IOException("torrent is being removed");
        } catch (IOException | RuntimeException e) {
            String why = e instanceof EOFException ? "closed during the handshake" : e.getMessage();
            LOG.log(System.Logger.Level.DEBUG, "incoming {0} dropped: {1}", c.remote(), why);
            try {
                c.close();
            } catch (IOException ignored) {
                // nothing to release
            }
        }
    }
}
