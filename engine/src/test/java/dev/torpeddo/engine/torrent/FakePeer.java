package dev.torpeddo.engine.torrent;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.torpeddo.engine.metainfo.InfoHash;
import dev.torpeddo.engine.wire.FrameReader;
import dev.torpeddo.engine.wire.Handshake;
import dev.torpeddo.engine.wire.Message;
import dev.torpeddo.engine.wire.MessageCodec;
import dev.torpeddo.engine.wire.WireLimits;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Arrays;

/**
 * A scriptable peer for hostile-input tests: it speaks just enough of the protocol to get past the
 * handshake and then sends whatever the test says, including things no honest client would.
 */
final class FakePeer implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final FrameReader reader;

    private FakePeer(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(10_000);
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.reader = new FrameReader(in, new WireLimits(WireLimits.BLOCK, 1 << 20, 1 << 20));
    }

    static byte[] peerId(String tag) {
        byte[] id = Arrays.copyOf(("-FK0001-" + tag + "____________").getBytes(UTF_8), 20);
        return id;
    }

    /** Connects to a session and completes the handshake for {@code hash}. */
    static FakePeer connect(int port, InfoHash hash, String tag) throws IOException {
        return handshake(new Socket(InetAddress.getLoopbackAddress(), port), hash, tag);
    }

    /**
     * Like {@link #connect(int, InfoHash, String)}, with a receive buffer of about {@code bytes}: a peer that
     * stops reading then holds little, and what the session sends piles up on its side.
     */
    static FakePeer connect(int port, InfoHash hash, String tag, int receiveBuffer) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(receiveBuffer); // before connecting: it sets the TCP window offered
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return handshake(s, hash, tag);
    }

    private static FakePeer handshake(Socket socket, InfoHash hash, String tag) throws IOException {
        FakePeer p = new FakePeer(socket);
        p.out.write(new Handshake(Handshake.ourReserved(), hash, peerId(tag)).encode());
        p.out.flush();
        Handshake.readHeader(p.in);
        Handshake.readPeerId(p.in);
        return p;
    }

    /** Waits on {@code server} for one incoming connection and answers its handshake. */
    static FakePeer accept(ServerSocket server, String tag) throws IOException {
        FakePeer p = new FakePeer(server.accept());
        Handshake.Header h = Handshake.readHeader(p.in);
        Handshake.readPeerId(p.in);
        p.out.write(new Handshake(Handshake.ourReserved(), h.infoHash(), peerId(tag)).encode());
        p.out.flush();
        return p;
    }

    void send(Message m) throws IOException {
        out.write(MessageCodec.encode(m));
        out.flush();
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The next message, or null when the other side closed the connection. */
    Message read() throws IOException {
        try {
            return reader.read();
        } catch (EOFException | SocketException e) {
            return null;
        }
    }

    /** The next message, or null when nothing arrives within {@code quiet} or the connection closed. */
    Message readWithin(java.time.Duration quiet) throws IOException {
        socket.setSoTimeout((int) quiet.toMillis());
        try {
            return reader.read();
        } catch (SocketTimeoutException | EOFException | SocketException e) {
            return null;
        } finally {
            socket.setSoTimeout(10_000);
        }
    }

    /** Reads until the session closes the connection; fails if it stays open for 10 s. */
    void assertClosedByRemote() throws IOException {
        try {
            while (reader.read() != null) {
                // drain whatever the session sent before closing
            }
        } catch (EOFException | SocketException closed) {
            return;
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the session kept the connection open");
        }
    }

    /**
     * Sends a valid request that a session choking us must refuse, and reads until its REJECT: whatever we
     * sent before has been handled and the connection is still open. Fails if it closes first. Only for a
     * peer that never said it is interested (so it stays choked).
     */
    void assertStillConnected() throws IOException {
        Message.Request probe = new Message.Request(0, 0, 1);
        send(probe);
        for (Message m = read(); m != null; m = read()) {
            if (m instanceof Message.Reject r
                    && r.piece() == probe.piece()
                    && r.offset() == probe.offset()
                    && r.length() == probe.length()) return;
        }
        throw new AssertionError("the session closed the connection");
    }

    InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
