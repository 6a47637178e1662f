package dev.torpeddo.engine.torrent;

import dev.torpeddo.engine.metainfo.InfoHash;
import dev.torpeddo.engine.wire.Handshake;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A peer that accepts every connection and answers the handshake one byte a second, then goes on sending a
 * zero byte a second for ever: each connection holds whoever dialled it for as long as they let it. Records
 * how far each connection got before the other side hung up.
 */
final class SlowLorisPeer implements AutoCloseable {
    private static final Duration PACE = Duration.ofSeconds(1);

    private final ServerSocket server;
    private final byte[] peerId;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger handshakesSent = new AtomicInteger();
    private final List<Integer> droppedAfterBytes = new CopyOnWriteArrayList<>();

    private SlowLorisPeer(ServerSocket server, String tag) {
        this.server = server;
        this.peerId = FakePeer.peerId(tag);
    }

    static SlowLorisPeer start(String tag) throws IOException {
        SlowLorisPeer p = new SlowLorisPeer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), tag);
        Thread.ofVirtual().name("slow-loris-" + tag).start(p::acceptLoop);
        return p;
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
    }

    /** Connections accepted so far. */
    int accepted() {
        return accepted.get();
    }

    /** Connections on which the whole handshake has been sent (none, if everyone gave up in time). */
    int handshakesSent() {
        return handshakesSent.get();
    }

    /** For each connection the other side hung up: how many bytes it had been sent by then. */
    List<Integer> droppedAfterBytes() {
        return List.copyOf(droppedAfterBytes);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                return; // closed by the test
            }
            sockets.add(s);
            accepted.incrementAndGet();
            Thread.ofVirtual().start(() -> serve(s));
        }
    }

    private void serve(Socket s) {
        try {
            s.setSoTimeout(10_000);
            // The dialler speaks first: its handshake names the torrent to answer for.
            DataInputStream in = new DataInputStream(s.getInputStream());
            Handshake.Header theirs = Handshake.readHeader(in);
            Handshake.readPeerId(in);
            byte[] ours = new Handshake(Handshake.ourReserved(), theirs.infoHash(), peerId).encode();
            int sent = trickle(s, ours, Integer.MAX_VALUE, handshakesSent::incrementAndGet);
            if (sent >= 0) droppedAfterBytes.add(sent);
        } catch (IOException e) {
            // not a BitTorrent dial, or closed by the test
        }
    }

    /** The handshake a slow peer of {@code infoHash} would send. */
    static byte[] handshakeOf(InfoHash infoHash, String tag) {
        return new Handshake(Handshake.ourReserved(), infoHash, FakePeer.peerId(tag)).encode();
    }

    /**
     * Sends {@code handshake} over {@code s} a byte a second, then zero bytes, until the other side hangs up
     * or {@code giveUpAfter} bytes have gone.
     *
     * @param onHandshakeSent runs once the last byte of the handshake is out
     * @return how many bytes were sent when the other side hung up, or -1 if it never did
     */
    static int trickle(Socket s, byte[] handshake, int giveUpAfter, Runnable onHandshakeSent) throws IOException {
        InputStream in = s.getInputStream();
        OutputStream out = s.getOutputStream();
        for (int sent = 0; sent < giveUpAfter; ) {
            try {
                out.write(sent < handshake.length ? handshake[sent] : 0);
                out.flush();
            } catch (IOException e) {
                return sent;
            }
            sent++;
            if (sent == handshake.length) onHandshakeSent.run();
            if (hungUpWithin(s, in, PACE)) return sent;
        }
        return -1;
    }

    /** Waits {@code pace}, reading and discarding; true as soon as the other side closes. */
    private static boolean hungUpWithin(Socket s, InputStream in, Duration pace) throws IOException {
        long until = System.nanoTime() + pace.toNanos();
        for (long left = pace.toNanos(); left > 0; left = until - System.nanoTime()) {
            s.setSoTimeout((int) Math.max(1, left / 1_000_000));
            try {
                if (in.read() < 0) return true;
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException e) {
                return true; // reset
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) s.close();
    }
}
