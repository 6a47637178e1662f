package dev.torpeddo.engine.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A minimal BEP 15 tracker on 127.0.0.1 that answers connect and announce, giving every announcer the same peer
 * list. It records where requests came from and can first send a forged reply to each request from a second,
 * impostor port: same action and transaction id, but another connection id or another peer ({@link #FORGED_PEER}).
 */
final class LoopbackUdpTracker implements AutoCloseable {
    private static final long PROTOCOL_ID = 0x41727101980L;
    private static final long CONNECTION_ID = 0x0102030405060708L;
    /** The peer the impostor's announce replies give: 10.6.6.6:6666. */
    private static final byte[] FORGED_PEER = {10, 6, 6, 6, 0x1a, 0x0a};

    private final DatagramChannel channel;
    private final DatagramChannel impostor;
    private final byte[] peers;
    final List<InetSocketAddress> requestSources = new CopyOnWriteArrayList<>();
    volatile boolean silent;
    volatile boolean spoofFirst;

    LoopbackUdpTracker(byte[] compactPeers) throws IOException {
        this.peers = compactPeers.clone();
        channel = DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        impostor = DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread.ofVirtual().name("loopback-udp-tracker").start(this::serve);
    }

    URI uri() throws IOException {
        return URI.create("udp://127.0.0.1:" + ((InetSocketAddress) channel.getLocalAddress()).getPort() + "/announce");
    }

    InetSocketAddress address() throws IOException {
        return (InetSocketAddress) channel.getLocalAddress();
    }

    private void serve() {
        ByteBuffer in = ByteBuffer.allocate(2048);
        try {
            while (true) {
                in.clear();
                InetSocketAddress from = (InetSocketAddress) channel.receive(in);
                in.flip();
                if (in.remaining() < 16) continue;
                requestSources.add(from);
                if (silent) continue;
                long connection = in.getLong(0);
                int action = in.getInt(8);
                int tid = in.getInt(12);
                ByteBuffer reply;
                if (action == 0 && connection == PROTOCOL_ID) {
                    reply = ByteBuffer.allocate(16).putInt(0).putInt(tid).putLong(CONNECTION_ID);
                } else if (action == 1 && connection == CONNECTION_ID) {
                    reply = ByteBuffer.allocate(20 + peers.length)
                            .putInt(1)
                            .putInt(tid)
                            .putInt(1800)
                            .putInt(0)
                            .putInt(1)
                            .put(peers);
                } else {
                    continue;
                }
                reply.flip();
                if (spoofFirst) impostor.send(forged(action, tid), from);
                channel.send(reply, from);
            }
        } catch (ClosedChannelException closed) {
            // test over
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A reply that would mislead an exchange that took it: a connection id we refuse, or the wrong peer. */
    private static ByteBuffer forged(int action, int tid) {
        ByteBuffer b = action == 0
                ? ByteBuffer.allocate(16).putInt(0).putInt(tid).putLong(~CONNECTION_ID)
                : ByteBuffer.allocate(20 + FORGED_PEER.length)
                        .putInt(1)
                        .putInt(tid)
                        .putInt(1800)
                        .putInt(0)
                        .putInt(1)
                        .put(FORGED_PEER);
        return b.flip();
    }

    @Override
    public void close() throws IOException {
        channel.close();
        impostor.close();
    }
}
