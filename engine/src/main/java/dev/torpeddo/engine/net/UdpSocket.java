package dev.torpeddo.engine.net;

import dev.torpeddo.engine.internal.Threads;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;

/**
 * One UDP port shared by the DHT and the UDP tracker client, so that the port peers learn from the DHT is the one
 * we announce from. A virtual thread receives every datagram and hands it to the {@link UdpDemux}; sending is safe
 * from any thread.
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

    private volatile UdpPort channel;
    private final UdpDemux demux;
    private volatile InetSocketAddress localAddress;
    private volatile Thread receiver;
    private final Threads threads;

    private UdpSocket(UdpPort channel, UdpDemux.Limits limits, Threads threads) {
        this.channel = channel;
        this.localAddress = channel.localAddress();
        this.threads = threads;
        this.demux = new UdpDemux(this, limits, threads);
        this.receiver = startReceiving(channel);
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
        return new UdpSocket(port, limits, Threads.SYSTEM);
    }

    /** Takes over a bound port, with the default queue limits, starting its threads through {@code threads}. */
    public static UdpSocket open(UdpPort port, Threads threads) {
        return new UdpSocket(port, UdpDemux.Limits.DEFAULT, threads);
    }

    /** Where the consumers of this port register. */
    public UdpDemux demux() {
        return demux;
    }

    public InetSocketAddress localAddress() {
        return localAddress;
    }

    @Override
    public void send(ByteBuffer packet, InetSocketAddress target) throws IOException {
        try {
            channel.send(packet, target);
        } catch (ClosedChannelException e) {
            throw new IOException("UDP socket on port " + localAddress.getPort() + " is closed", e);
        }
    }

    private Thread startReceiving(UdpPort port) {
        return threads.startVirtual("udp-" + port.localAddress().getPort(), () -> receiveLoop(port));
    }

    /**
     * Moves to another bound port (the session's listen port changed): sends leave from it at once, its
     * datagrams go to the same consumers, and the old port closes. The DHT keeps its routing table; nodes
     * learn the new port from our next queries. A tracker exchange waiting on the old port times out and
     * retries.
     */
    public synchronized void rebind(UdpPort next) throws IOException {
        UdpPort old = channel;
        channel = next;
        localAddress = next.localAddress();
        receiver = startReceiving(next);
        old.close();
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
                demux.route(source, buffer);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "dropped a UDP packet from " + source, e);
            }
        }
    }

    /** Closes the port: the receive thread ends, the DHT dispatcher stops and open tracker exchanges fail. */
    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            demux.close();
        }
    }

    /** Waits for the receive thread to end after {@link #close()}; for orderly shutdown. */
    void awaitTermination() throws InterruptedException {
        receiver.join();
    }
}
