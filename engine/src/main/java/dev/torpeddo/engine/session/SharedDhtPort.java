package dev.torpeddo.engine.session;

import dev.torpeddo.engine.dht.DatagramPort;
import dev.torpeddo.engine.net.UdpSocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/** The DHT's view of the session's one UDP port, which it shares with UDP trackers. */
final class SharedDhtPort implements DatagramPort {
    private final UdpSocket socket;

    SharedDhtPort(UdpSocket socket) {
        this.socket = socket;
    }

    @Override
    public void send(byte[] packet, InetSocketAddress target) throws IOException {
        socket.send(ByteBuffer.wrap(packet), target);
    }

    @Override
    public void start(Receiver receiver) {
        socket.demux().onDht((source, packet) -> receiver.received(packet, source));
    }

    @Override
    public InetSocketAddress localAddress() {
        return socket.localAddress();
    }

    @Override
    public void close() {
        // the session owns the socket and closes it after the DHT
    }
}
