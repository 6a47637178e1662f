package dev.torpeddo.engine.net;

import dev.torpeddo.engine.internal.Addresses;
import dev.torpeddo.engine.internal.Threads;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;

/**
 * One UDP port shared by the DHT and the UDP tracker client, so that the port peers learn from the DHT is the one
 * we announce from. A virtual thread receives every datagram and hands it to the {@link UdpDemux}; sending is safe
 * from any thread.
 *
 * <p>The port may be made of more than one bound socket, one per address family on the same port number (see
 * {@link DualStackUdp}): each has its receiving thread, a datagram leaves from the first socket that reaches its
 * target's family, and senders' IPv4-mapped addresses are turned back into IPv4 ones before anyone sees them.
 *
 * <pre>{@code
 * UdpSocket udp = UdpSocket.open(new InetSocketAddress(6881));
 * udp.demux().onDht((from, packet) -> dht.received(from, packet));
 * TrackerTransport transport = TrackerTransport.defaults().withUdp(udp.demux().trackerEndpoints());
 * }</pre>
 */
public final class UdpSocket implements UdpSender, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(UdpSocket.class.getName());
    /** The largest UDP payload over IPv4; tracker replies with many peers can exceed a typical MTU. */
    private static final int MAX_DATAGRAM = 65_507;

    /** The sockets, the main one first; replaced as a whole by {@link #rebind}. */
    private volatile List<UdpPort> channels;

    private final UdpDemux demux;
    private volatile List<Thread> receivers;
    private final Threads threads;

    private UdpSocket(List<UdpPort> channels, UdpDemux.Limits limits, Threads threads) {
        if (channels.isEmpty()) throw new IllegalArgumentException("no UDP port");
        this.channels = List.copyOf(channels);
        this.threads = threads;
        this.demux = new UdpDemux(this, limits, threads);
        this.receivers = startReceiving(this.channels);
    }

    /** Binds a socket with the default queue limits; port 0 picks a free port. */
    public static UdpSocket open(InetSocketAddress bindAddress) throws IOException {
        return open(Network.tcp().bindUdp(bindAddress), UdpDemux.Limits.DEFAULT);
    }

    /** Binds a socket on the system's network. */
    public static UdpSocket open(InetSocketAddress bindAddress, UdpDemux.Limits limits) throws IOException {
        return open(Network.tcp().bindUdp(bindAddress), limits);
    }

    /** Takes over a bound port (the session's, from its {@link Network}) with the default queue limits. */
    public static UdpSocket open(UdpPort port) {
        return open(port, UdpDemux.Limits.DEFAULT);
    }

    /** Takes over a bound port. */
    public static UdpSocket open(UdpPort port, UdpDemux.Limits limits) {
        return new UdpSocket(List.of(port), limits, Threads.SYSTEM);
    }

    /** Takes over a bound port, with the default queue limits, starting its threads through {@code threads}. */
    public static UdpSocket open(UdpPort port, Threads threads) {
        return new UdpSocket(List.of(port), UdpDemux.Limits.DEFAULT, threads);
    }

    /**
     * Takes over bound ports of one port number, one per family ({@link DualStackUdp#bind}), the main one first,
     * with the default queue limits, starting its threads through {@code threads}.
     */
    public static UdpSocket open(List<UdpPort> ports, Threads threads) {
        return new UdpSocket(ports, UdpDemux.Limits.DEFAULT, threads);
    }

    /** Where the consumers of this port register. */
    public UdpDemux demux() {
        return demux;
    }

    /** The main socket's address. */
    public InetSocketAddress localAddress() {
        return channels.getFirst().localAddress();
    }

    /** Every socket's address, the main one first: one per family it serves (one dual-stack wildcard serves both). */
    public List<InetSocketAddress> localAddresses() {
        return channels.stream().map(UdpPort::localAddress).toList();
    }

    @Override
    public void send(ByteBuffer packet, InetSocketAddress target) throws IOException {
        List<UdpPort> now = channels;
        UdpPort out = now.getFirst();
        if (!target.isUnresolved()) {
            for (UdpPort p : now) {
                if (DualStackUdp.reaches(p.localAddress(), target.getAddress())) {
                    out = p;
                    break;
                }
            }
        }
        try {
            out.send(packet, target);
        } catch (ClosedChannelException e) {
            throw new IOException("UDP socket on port " + out.localAddress().getPort() + " is closed", e);
        }
    }

    private List<Thread> startReceiving(List<UdpPort> ports) {
        List<Thread> started = new ArrayList<>();
        for (UdpPort port : ports) {
            started.add(threads.startVirtual("udp-" + port.localAddress().getPort(), () -> receiveLoop(port)));
        }
        return List.copyOf(started);
    }

    /**
     * Moves to another bound port (the session's listen port changed): sends leave from it at once, its
     * datagrams go to the same consumers, and the old port closes. The DHT keeps its routing table; nodes
     * learn the new port from our next queries. A tracker exchange waiting on the old port times out and
     * retries.
     */
    public synchronized void rebind(UdpPort next) throws IOException {
        rebind(List.of(next));
    }

    /** {@link #rebind(UdpPort)} to the ports of one port number, one per family, the main one first. */
    public synchronized void rebind(List<UdpPort> next) throws IOException {
        if (next.isEmpty()) throw new IllegalArgumentException("no UDP port");
        List<UdpPort> old = channels;
        channels = List.copyOf(next);
        receivers = startReceiving(channels);
        closeAll(old);
    }

    private static void closeAll(List<UdpPort> ports) throws IOException {
        IOException first = null;
        for (UdpPort p : ports) {
            try {
                p.close();
            } catch (IOException e) {
                if (first == null) first = e;
                else first.addSuppressed(e);
            }
        }
        if (first != null) throw first;
    }

    private void receiveLoop(UdpPort port) {
        ByteBuffer buffer = ByteBuffer.allocate(MAX_DATAGRAM);
        while (true) {
            buffer.clear();
            InetSocketAddress source;
            try {
                source = port.receive(buffer);
            } catch (ClosedChannelException closed) {
                return;
            } catch (IOException e) {
                // Stray errors (an ICMP report on some systems) concern one packet, not the socket.
                LOG.log(
                        System.Logger.Level.DEBUG,
                        "UDP receive on port " + port.localAddress().getPort() + ": " + e);
                continue;
            }
            buffer.flip();
            try {
                demux.route(Addresses.unmapped(source), buffer);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "dropped a UDP packet from " + source, e);
            }
        }
    }

    /** Closes the port: the receive thread ends, the DHT dispatcher stops and open tracker exchanges fail. */
    @Override
    public void close() throws IOException {
        try {
            closeAll(channels);
        } finally {
            demux.close();
        }
    }

    /** Waits for the receive thread to end after {@link #close()}; for orderly shutdown. */
    void awaitTermination() throws InterruptedException {
        for (Thread t : receivers) t.join();
    }
}
