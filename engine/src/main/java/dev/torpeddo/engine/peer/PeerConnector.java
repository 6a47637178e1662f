package dev.torpeddo.engine.peer;

import dev.torpeddo.engine.api.Encryption;
import dev.torpeddo.engine.internal.Clock;
import dev.torpeddo.engine.metainfo.InfoHash;
import dev.torpeddo.engine.mse.CryptoMethod;
import dev.torpeddo.engine.mse.EncryptedConnection;
import dev.torpeddo.engine.mse.MseHandshake;
import dev.torpeddo.engine.net.Network;
import dev.torpeddo.engine.wire.Handshake;
import dev.torpeddo.engine.wire.WireException;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Connection setup in both directions: exchange handshakes (inside MSE when the encryption setting asks for
 * it) and check the peer is who we want. Connecting has its own bound; the handshake, MSE included, must then
 * be over within a deadline as a whole, so a peer that sends it a byte at a time cannot hold a connection
 * attempt (and its thread and socket) for long.
 */
public final class PeerConnector {
    private static final System.Logger LOG = System.getLogger(PeerConnector.class.getName());
    private static final String SELF = "connected to ourselves";
    // A plain handshake starts with 19 and "BitTorrent protocol"; an MSE one with a random public key.
    private static final byte[] PLAIN_START = "\u0013BitTorrent protocol".getBytes(StandardCharsets.US_ASCII);

    private final Network network;
    private final byte[] ourPeerId;
    private final Duration connectTimeout;
    private final Duration handshakeTimeout;
    private final Clock clock;
    private final Supplier<Encryption> encryption;
    private final RandomGenerator secureRandom;

    /** A connector that speaks plain BitTorrent only (encryption disabled). */
    public PeerConnector(
            Network network, byte[] ourPeerId, Duration connectTimeout, Duration handshakeTimeout, Clock clock) {
        this(network, ourPeerId, connectTimeout, handshakeTimeout, clock, () -> Encryption.DISABLE, null);
    }

    /**
     * @param connectTimeout how long a TCP connect may take
     * @param handshakeTimeout how long the handshake may take, from connected (or accepted) to done
     * @param encryption the setting now, asked at every handshake (the user may change it while we run)
     * @param secureRandom for MSE's keys and padding
     */
    public PeerConnector(
            Network network,
            byte[] ourPeerId,
            Duration connectTimeout,
            Duration handshakeTimeout,
            Clock clock,
            Supplier<Encryption> encryption,
            RandomGenerator secureRandom) {
        if (ourPeerId.length != 20) throw new IllegalArgumentException("peer id must have 20 bytes");
        this.network = network;
        this.ourPeerId = ourPeerId.clone();
        this.connectTimeout = connectTimeout;
        this.handshakeTimeout = handshakeTimeout;
        this.clock = clock;
        this.encryption = encryption;
        this.secureRandom = secureRandom;
    }

    /** Whether a failed {@link #connect} reached our own listening port (an address never worth retrying). */
    public static boolean isSelf(IOException failure) {
        return failure instanceof WireException && SELF.equals(failure.getMessage());
    }

    /**
     * A connection whose handshake completed: an {@link EncryptedConnection} when it went through MSE.
     */
    public record Established(Network.Connection connection, Handshake remote) {}

    /**
     * Connects to {@code to} and handshakes for {@code infoHash}, encrypted or not as the setting says (with
     * {@link Encryption#PREFER}, a failed encrypted handshake is followed by one plain attempt). Blocks for at
     * most the connect timeout plus the handshake timeout, twice for that retry; on failure the connection is
     * closed.
     *
     * @throws WireException if the peer answers for another torrent or turns out to be ourselves
     * @throws SocketTimeoutException if connecting or the handshake took too long
     */
    public Established connect(InetSocketAddress to, InfoHash infoHash) throws IOException {
        Encryption mode = encryption.get();
        if (mode == Encryption.DISABLE) return connectPlain(to, infoHash);
        Set<CryptoMethod> provide = mode == Encryption.REQUIRE
                ? EnumSet.of(CryptoMethod.RC4)
                : EnumSet.of(CryptoMethod.RC4, CryptoMethod.PLAINTEXT);
        Network.Connection c = network.connect(to, connectTimeout);
        HandshakeDeadline in = new HandshakeDeadline(c, clock, handshakeTimeout);
        EncryptedConnection e;
        try {
            e = MseHandshake.initiate(c, in, infoHash, provide, ourHandshake(infoHash), secureRandom);
        } catch (IOException | RuntimeException failure) {
            c.close();
            IOException reported = failure instanceof SocketTimeoutException t ? in.expired(t) : asIo(failure);
            if (mode != Encryption.PREFER) throw reported;
            // Most peers that refuse MSE simply close: try them the plain way.
            LOG.log(
                    System.Logger.Level.DEBUG,
                    "{0}: encrypted handshake failed ({1}), retrying plain",
                    to,
                    describe(reported));
            return connectPlain(to, infoHash);
        }
        // Our handshake went inside MSE's step 3; the peer's follows in the negotiated stream.
        return finishOutgoing(e, new HandshakeDeadline(e, in), infoHash, in);
    }

    private Established connectPlain(InetSocketAddress to, InfoHash infoHash) throws IOException {
        Network.Connection c = network.connect(to, connectTimeout);
        HandshakeDeadline in = new HandshakeDeadline(c, clock, handshakeTimeout);
        try {
            c.out().write(ourHandshake(infoHash));
            c.out().flush();
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
        return finishOutgoing(c, in, infoHash, in);
    }

    private Established finishOutgoing(
            Network.Connection c, InputStream input, InfoHash infoHash, HandshakeDeadline deadline) throws IOException {
        try {
            DataInputStream data = new DataInputStream(input);
            Handshake.Header header = Handshake.readHeader(data);
            if (!header.infoHash().equals(infoHash)) throw new WireException("peer answered for another torrent");
            byte[] peerId = Handshake.readPeerId(data);
            if (Arrays.equals(peerId, ourPeerId)) throw new WireException(SELF);
            return new Established(c, header.withPeerId(peerId));
        } catch (SocketTimeoutException e) {
            c.close();
            throw deadline.expired(e);
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /**
     * Answers a connection a peer opened to us: tells a plain handshake from an encrypted one by its first
     * bytes, runs MSE if it is one (the torrent found among {@code served} by its obfuscated info-hash),
     * reads the peer's handshake, answers if it names a torrent we serve, and reads its peer id, all within
     * the handshake timeout. The connection is left open either way; the caller closes it on failure.
     *
     * @param served the torrents we serve now (a live view is fine: MSE tries each)
     * @return the connection to use from now on (an {@link EncryptedConnection} after MSE) and the peer's
     *     handshake
     * @throws WireException if it is not a BitTorrent handshake, names a torrent we do not serve, comes from
     *     ourselves, or is plain (or encrypted) when the setting refuses that
     * @throws dev.torpeddo.engine.mse.MseException if the encrypted handshake fails
     * @throws SocketTimeoutException if the handshake took too long
     */
    public Established answer(Network.Connection c, Collection<InfoHash> served) throws IOException {
        HandshakeDeadline in = new HandshakeDeadline(c, clock, handshakeTimeout);
        try {
            byte[] start = new byte[PLAIN_START.length];
            new DataInputStream(in).readFully(start);
            Encryption mode = encryption.get();
            if (Arrays.equals(start, PLAIN_START)) {
                if (mode == Encryption.REQUIRE) throw new WireException("plain handshake refused: encryption required");
                return finishIncoming(c, new SequenceInputStream(new ByteArrayInputStream(start), in), served);
            }
            if (mode == Encryption.DISABLE)
                throw new WireException("not a BitTorrent handshake (encryption is disabled)");
            Set<CryptoMethod> allowed = mode == Encryption.REQUIRE
                    ? EnumSet.of(CryptoMethod.RC4)
                    : EnumSet.of(CryptoMethod.RC4, CryptoMethod.PLAINTEXT);
            EncryptedConnection e = MseHandshake.respond(c, start, in, served, allowed, secureRandom);
            Established done = finishIncoming(e, new HandshakeDeadline(e, in), served);
            if (!done.remote().infoHash().equals(e.infoHash()))
                throw new WireException("handshake names another torrent than the encrypted one");
            return done;
        } catch (SocketTimeoutException e) {
            throw in.expired(e);
        }
    }

    private Established finishIncoming(Network.Connection c, InputStream input, Collection<InfoHash> served)
            throws IOException {
        DataInputStream data = new DataInputStream(input);
        Handshake.Header header = Handshake.readHeader(data);
        if (!served.contains(header.infoHash())) throw new WireException("unknown torrent " + header.infoHash());
        c.out().write(ourHandshake(header.infoHash()));
        c.out().flush();
        byte[] theirId = Handshake.readPeerId(data);
        if (Arrays.equals(theirId, ourPeerId)) throw new WireException(SELF);
        return new Established(c, header.withPeerId(theirId));
    }

    private byte[] ourHandshake(InfoHash infoHash) {
        return new Handshake(Handshake.ourReserved(), infoHash, ourPeerId).encode();
    }

    private static IOException asIo(Throwable failure) {
        return failure instanceof IOException io ? io : new IOException(failure.getMessage(), failure);
    }

    private static String describe(IOException e) {
        return e instanceof EOFException ? "closed by the peer" : e.getMessage();
    }
}
