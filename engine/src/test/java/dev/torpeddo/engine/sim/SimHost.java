package dev.torpeddo.engine.sim;

import dev.torpeddo.engine.net.Network;
import dev.torpeddo.engine.net.UdpPort;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * One machine on a {@link SimNetwork}, with its own address and {@link Link}. Its {@link #network()} is what an
 * engine session on this machine uses in place of real sockets.
 */
public final class SimHost {
    private final SimNetwork net;
    private final InetAddress address;
    private volatile Link link;
    // Guarded by the scheduler's lock: the upload side, and when the download side is next free.
    final Uplink uplink;
    long downloadFreeAt;
    long bytesSent;
    boolean online = true;
    private int nextEphemeralPort = 40_000;

    SimHost(SimNetwork net, InetAddress address, Link link) {
        this.net = net;
        this.address = address;
        this.link = link;
        this.uplink = new Uplink(net.scheduler(), this);
    }

    public InetAddress address() {
        return address;
    }

    public InetSocketAddress at(int port) {
        return new InetSocketAddress(address, port);
    }

    public Link link() {
        return link;
    }

    /** Bytes that have left this host over TCP so far, headers of every protocol included. */
    public long bytesSent() {
        return net.bytesSent(this);
    }

    /** Changes the link's rates, delay or loss from now on. */
    public void setLink(Link value) {
        link = value;
    }

    /**
     * Pulls the cable: nothing more arrives from or reaches this host, bytes on the way are lost, and peers
     * notice only by their own timeouts. Connections stay open on both ends.
     */
    public void unplug() {
        net.setOnline(this, false);
    }

    /** Plugs the cable back in; connections that nobody closed meanwhile carry on. */
    public void plugIn() {
        net.setOnline(this, true);
    }

    /** The simulation's threads, for servers on this host. */
    SimThreads threads() {
        return net.scheduler().threads;
    }

    int nextEphemeralPort() {
        return nextEphemeralPort++;
    }

    /** The engine's network as seen from this host. */
    public Network network() {
        return new Network() {
            @Override
            public Connection connect(InetSocketAddress to, Duration timeout) throws IOException {
                return net.connect(SimHost.this, to, timeout);
            }

            @Override
            public Listener listen(InetSocketAddress at) throws IOException {
                return net.listen(SimHost.this, at.getPort());
            }

            @Override
            public UdpPort bindUdp(InetSocketAddress at) throws IOException {
                return net.bindUdp(SimHost.this, at.getPort());
            }
        };
    }

    @Override
    public String toString() {
        return address.getHostAddress();
    }
}
