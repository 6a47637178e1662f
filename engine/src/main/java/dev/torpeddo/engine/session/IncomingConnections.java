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
import java.util.List;
import java.util.Map;

/**
 * The connections peers open to us: one accept loop on each of the session's listening sockets (one port,
 * one socket per configured address, e.g. 127.0.0.1 and ::1; new ones when the port changes), then each connection's handshake on a virtual thread of its own, within the handshake
 * deadline, and the connection goes to the torrent or magnet fetch its handshake names, which decides
 * whether to take the peer. Anything else is closed.
 */
final class IncomingConnections {
    private static final System.Logger LOG = System.getLogger(IncomingConnections.class.getName());

    private final PeerConnector connector;
    private final Threads threads;
    private final Map<InfoHash, TorrentHandle> torrents;
    private volatile List<Network.Listener> listeners;
    private volatile boolean closed;

    /** @param torrents the session's torrents by info-hash, read as connections arrive */
    IncomingConnections(
            List<Network.Listener> listeners,
            PeerConnector connector,
            Map<InfoHash, TorrentHandle> torrents,
            Threads threads) {
        this.listeners = List.copyOf(listeners);
        this.threads = threads;
        this.connector = connector;
        this.torrents = torrents;
    }

    void start() {
        listeners.forEach(this::acceptOn);
    }

    /** Also takes the connections peers open over uTP (the stack lives as long as the session). */
    void acceptUtp(Network.Listener utp) {
        threads.startVirtual("accept-utp", () -> acceptLoop(utp));
    }

    /** Where peers reach us now, the first the configured listen address. */
    List<Network.Listener> listeners() {
        return listeners;
    }

    /** Accepts on {@code fresh} from now on; the old sockets close once the new ones accept. */
    void switchTo(List<Network.Listener> fresh) throws IOException {
        List<Network.Listener> old = listeners;
        listeners = List.copyOf(fresh);
        fresh.forEach(this::acceptOn);
        closeAll(old);
    }

    void close() throws IOException {
        closed = true;
        closeAll(listeners);
    }

    /** Closes every listener, even when one fails to close; the first failure is thrown. */
    static void closeAll(List<Network.Listener> all) throws IOException {
        IOException failed = null;
        for (Network.Listener l : all) {
            try {
                l.close();
            } catch (IOException e) {
                if (failed == null) failed = e;
                else failed.addSuppressed(e);
            }
        }
        if (failed != null) throw failed;
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
                if (!closed && listeners.contains(from))
                    LOG.log(System.Logger.Level.WARNING, "accept failed: {0}", e.getMessage());
                return;
            }
            threads.startVirtual("incoming-" + c.remote(), () -> handle(c));
        }
    }

    private void handle(Network.Connection c) {
        try {
            // The whole handshake has a deadline: a peer trickling bytes cannot hold this thread and socket.
            // Plain or encrypted (MSE finds the torrent by trying each of ours against the obfuscated hash).
            PeerConnector.Established done = connector.answer(c, torrents.keySet());
            Handshake remote = done.remote();
            TorrentHandle handle = torrents.get(remote.infoHash());
            Torrent torrent = handle == null ? null : handle.torrent();
            MetadataFetcher fetcher = handle == null ? null : handle.fetcher();
            if (torrent != null) torrent.acceptIncoming(done.connection(), remote);
            else if (fetcher != null) fetcher.acceptIncoming(done.connection(), remote);
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
