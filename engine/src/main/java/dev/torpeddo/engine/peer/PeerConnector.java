package dev.torpeddo.engine.peer;

import dev.torpeddo.engine.metainfo.InfoHash;
import dev.torpeddo.engine.net.Network;
import dev.torpeddo.engine.wire.Handshake;
import dev.torpeddo.engine.wire.WireException;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;

/** The outgoing half of connection setup: connect, exchange handshakes, check the peer is who we want. */
public final class PeerConnector {
    private static final String SELF = "connected to ourselves";

    private PeerConnector() {}

    /** Whether a failed {@link #connect} reached our own listening port (an address never worth retrying). */
    public static boolean isSelf(IOException failure) {
        return failure instanceof WireException && SELF.equals(failure.getMessage());
    }

    /** A connection whose handshake completed. */
    public record Established(Network.Connection connection, Handshake remote) {}

    /**
     * Connects and handshakes within {@code timeout}.
     *
     * @throws WireException if the peer answers for another torrent or turns out to be ourselves
     */
    public static Established connect(
            Network network, InetSocketAddress to, InfoHash infoHash, byte[] ourPeerId, Duration timeout)
            throws IOException {
        Network.Connection c = network.connect(to, timeout);
        try {
            c.setReadTimeout(timeout);
            c.out().write(new Handshake(Handshake.ourReserved(), infoHash, ourPeerId).encode());
            c.out().flush();
            DataInputStream in = new DataInputStream(c.in());
            Handshake.Header header = Handshake.readHeader(in);
            if (!header.infoHash().equals(infoHash)) throw new WireException("peer answered for another torrent");
            byte[] peerId = Handshake.readPeerId(in);
            if (Arrays.equals(peerId, ourPeerId)) throw new WireException(SELF);
            return new Established(c, header.withPeerId(peerId));
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }
}
