package dev.torpeddo.engine.session;

import dev.torpeddo.engine.dht.AddressFamily;
import dev.torpeddo.engine.dht.DatagramPort;
import dev.torpeddo.engine.net.UdpSocket;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.Set;

/**
 * The DHT's view of the session's one UDP port, which it shares with UDP trackers. The socket takes one DHT
 * handler for its lifetime, while the DHT can be switched off and on again: this port stays the handler and
 * passes packets to whichever node is running (none: they are dropped). It reaches the families of the
 * socket's sockets (a dual-stack one reaches both), less IPv6 when the DHT is told to stay on IPv4.
 */
final class SharedDhtPort implements DatagramPort {
    private final UdpSocket socket;
    private volatile Receiver receiver;
    private volatile boolean ipv6;
    private boolean registered;

    SharedDhtPort(UdpSocket socket) {
        this(socket, true);
    }

    SharedDhtPort(UdpSocket socket, boolean ipv6) {
        this.socket = socket;
        this.ipv6 = ipv6;
    }

    /** Whether the DHT may use IPv6 (BEP 32) where the socket reaches it; takes effect for the next node. */
    void allowIpv6(boolean allowed) {
        ipv6 = allowed;
    }

    @Override
    public Set<AddressFamily> families() {
        Set<AddressFamily> reach = EnumSet.noneOf(AddressFamily.class);
        for (InetSocketAddress local : socket.localAddresses()) {
            InetAddress ip = local.getAddress();
            if (ip instanceof Inet6Address && ip.isAnyLocalAddress()) reach.addAll(EnumSet.allOf(AddressFamily.class));
            else reach.add(AddressFamily.of(ip));
        }
        if (!ipv6) reach.remove(AddressFamily.IPV6);
        return reach;
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
