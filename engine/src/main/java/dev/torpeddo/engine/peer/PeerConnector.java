package dev.torpeddo.engine.peer;

import dev.torpeddo.engine.internal.Clock;
import dev.torpeddo.engine.metainfo.InfoHash;
import dev.torpeddo.engine.net.Network;
import dev.torpeddo.engine.wire.Handshake;
import dev.torpeddo.engine.wire.WireException;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Predicate;

/**
 * Connection setup in both directions: exchange handshakes and check the peer is who we want. Connecting has
 * its own bound; the handshake must then be over within a deadline as a whole, so a peer that sends it a
 * byte at a time cannot hold a connection attempt (and its thread and socket) for long.
 */
public final class PeerConnector {
    private static final String SELF = "connected to ourselves";

    private final Network network;
    private final byte[] ourPeerId;
    private final Duration connectTimeout;
    private final Duration handshakeTimeout;
    private final Clock clock;

    /**
     * @param connectTimeout how long a TCP connect may take
     * @param handshakeTimeout how long the handshake may take, from connected (or accepted) to done
     */
    public PeerConnector(
            Network network, byte[] ourPeerId, Duration connectTimeout, Duration handshakeTimeout, Clock clock) {
        if (ourPeerId.length != 20) throw new IllegalArgumentException("peer id must have 20 bytes");
        this.network = network;
        this.ourPeerId = ourPeerId.clone();
        this.connectTimeout = connectTimeout;
        this.handshakeTimeout = handshakeTimeout;
        this.clock = clock;
    }

    /** Whether a failed {@link #connect} reached our own listening port (an address never worth retrying). */
    public static boolean isSelf(IOException failure) {
        return failure instanceof WireException && SELF.equals(failure.getMessage());
    }

    /** A connection whose handshake completed. */
    public record Established(Network.Connection connection, Handshake remote) {}

    /**
     * Connects to {@code to} and handshakes for {@code infoHash}. Blocks for at most the connect timeout plus
     * the handshake timeout; on failure the connection is closed.
     *
     * @throws WireException if the peer answers for another torrent or turns out to be ourselves
     * @throws SocketTimeoutException if connecting or the handshake took too long
     */
    public Established connect(InetSocketAddress to, InfoHash infoHash) throws IOException {
        Network.Connection c = network.connect(to, connectTimeout);
        HandshakeDeadline in = new HandshakeDeadline(c, clock, handshakeTimeout);
        try {
            c.out().write(new Handshake(Handshake.ourReserved(), infoHash, ourPeerId).encode());
            c.out().flush();
            DataInputStream data = new DataInputStream(in);
            Handshake.Header header = Handshake.readHeader(data);
            if (!header.infoHash().equals(infoHash)) throw new WireException("peer answered for another torrent");
            byte[] peerId = Handshake.readPeerId(data);
            if (Arrays.equals(peerId, ourPeerId)) throw new WireException(SELF);
            return new Established(c, header.withPeerId(peerId));
        } catch (SocketTimeoutException e) {
            c.close();
            throw in.expired(e);
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /**
     * Answers a connection a peer opened to us: reads its handshake, answers if it names a torrent we
     * {@code serve}, and reads its peer id, all within the handshake timeout. The connection is left open
     * either way; the caller closes it on failure.
     *
     * @return the peer's handshake
     * @throws WireException if it is not a BitTorrent handshake, names a torrent we do not serve, or comes
     *     from ourselves
     * @throws SocketTimeoutException if the handshake took too long
     */
    public Handshake answer(Network.Connection c, Predicate<InfoHash> serve) throws IOException {
        HandshakeDeadline in = new HandshakeDeadline(c, clock, handshakeTimeout);
        try {
            DataInputStream data = new DataInputStream(in);
            Handshake.Header header = Handshake.readHeader(data);
            if (!serve.test(header.infoHash())) throw new WireException("unknown torrent " + header.infoHash());
            c.out().write(new Handshake(Handshake.ourReserved(), header.infoHash(), ourPeerId).encode());
            c.out().flush();
            byte[] theirId = Handshake.readPeerId(data);
            if (Arrays.equals(theirId, ourPeerId)) throw new WireException(SELF);
            return header.withPeerId(theirId);
        } catch (SocketTimeoutException e) {
            throw in.expired(e);
        }
    }
}
