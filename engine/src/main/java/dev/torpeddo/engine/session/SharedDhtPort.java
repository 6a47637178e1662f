package dev.torpeddo.engine.session;

import dev.torpeddo.engine.dht.DatagramPort;
import dev.torpeddo.engine.net.UdpSocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * The DHT's view of the session's one UDP port, which it shares with UDP trackers. The socket takes one DHT
 * handler for its lifetime, while the DHT can be switched off and on again: this port stays the handler and
 * passes packets to whichever node is running (none: they are dropped).
 */
final class SharedDhtPort implements DatagramPort {
    private final UdpSocket socket;
    private volatile Receiver receiver;
    private boolean registered;

    SharedDhtPort(UdpSocket socket) {
        this.socket = socket;
    }

    @Override
    public void send(byte[] packet, InetSocketAddress target) throws IOException {
        socket.send(ByteBuffer.wrap(packet), target);
    }

    @Override
    public synchronized void start(Receiver receiver) {
        this.receiver = receiver;
        if (registered) return;
        registered = true;
        socket.demux().onDht((source, packet) -> {
            Receiver r = this.receiver;
            if (r != null) r.received(packet, source);
        });
    }

    @Override
    public InetSocketAddress localAddress() {
        return socket.localAddress();
    }

    /** The node stopped: its packets are dropped until another starts. The session closes the socket itself. */
    @Override
    public void close() {
        receiver = null;
    }
}
