package dev.torpeddo.engine.lsd;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * An {@link LsdTransport} on a real multicast socket, joined to one group on one network interface. Messages go
 * out on that interface only, with a hop limit of 1 by default so they stay on the local link.
 */
public final class MulticastLsdTransport implements LsdTransport {
    /** One byte more than a valid message, so an oversized one stays detectably oversized when cut. */
    private static final int RECEIVE_BUFFER = LsdMessage.MAX_BYTES + 1;

    private final DatagramChannel channel;
    private final LsdGroup group;
    private final InetSocketAddress target;

    private MulticastLsdTransport(DatagramChannel channel, LsdGroup group, int port) {
        this.channel = channel;
        this.group = group;
        this.target = new InetSocketAddress(group.address(), port);
    }

    /** Joins the IPv4 group on port 6771 of {@code networkInterface}. */
    public static MulticastLsdTransport open(NetworkInterface networkInterface) throws IOException {
        return open(networkInterface, LsdGroup.IPV4, LsdGroup.PORT, 1);
    }

    /**
     * Joins {@code group} on {@code networkInterface}. Other programs on the host may share the port (as other
     * BitTorrent clients do), and our own messages loop back to us.
     *
     * @param port 6771 except in tests
     * @param hops the multicast TTL (hop limit); 1 keeps messages on the link, 0 on the host
     */
    public static MulticastLsdTransport open(NetworkInterface networkInterface, LsdGroup group, int port, int hops)
            throws IOException {
        var family =
                group.address() instanceof Inet4Address ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6;
        DatagramChannel channel = DatagramChannel.open(family);
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(new InetSocketAddress(port));
            channel.setOption(StandardSocketOptions.IP_MULTICAST_IF, networkInterface);
            channel.setOption(StandardSocketOptions.IP_MULTICAST_TTL, hops);
            channel.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
            channel.join(group.address(), networkInterface);
            return new MulticastLsdTransport(channel, group, port);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public LsdGroup group() {
        return group;
    }

    @Override
    public void send(byte[] message) throws IOException {
        channel.send(ByteBuffer.wrap(message), target);
    }

    @Override
    public Optional<Datagram> receive(Duration timeout) throws IOException, InterruptedException {
        // The socket adaptor gives a blocking receive with a timeout, which virtual threads park on cheaply.
        channel.socket().setSoTimeout(Math.clamp(timeout.toMillis(), 1, Integer.MAX_VALUE));
        DatagramPacket packet = new DatagramPacket(new byte[RECEIVE_BUFFER], RECEIVE_BUFFER);
        try {
            channel.socket().receive(packet);
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        } catch (ClosedByInterruptException e) {
            throw new InterruptedException("interrupted while waiting for an LSD message");
        }
        byte[] data = Arrays.copyOfRange(packet.getData(), packet.getOffset(), packet.getOffset() + packet.getLength());
        return Optional.of(new Datagram((InetSocketAddress) packet.getSocketAddress(), data));
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
