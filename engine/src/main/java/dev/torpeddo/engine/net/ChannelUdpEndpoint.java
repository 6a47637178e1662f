package dev.torpeddo.engine.net;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/** The default {@link UdpEndpoint}: its own {@link DatagramChannel} on an ephemeral port. */
public final class ChannelUdpEndpoint implements UdpEndpoint {
    /** The largest UDP payload; tracker replies with many peers can exceed a typical MTU. */
    private static final int MAX_DATAGRAM = 65_507;

    private final DatagramChannel channel;

    private ChannelUdpEndpoint(DatagramChannel channel) {
        this.channel = channel;
    }

    /** Opens a dual-stack channel bound to an ephemeral port. */
    public static ChannelUdpEndpoint open() throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        channel.bind(null);
        return new ChannelUdpEndpoint(channel);
    }

    @Override
    public void send(ByteBuffer packet, InetSocketAddress target) throws IOException {
        channel.send(packet, target);
    }

    @Override
    public Optional<Datagram> receive(Duration timeout) throws IOException, InterruptedException {
        // The socket adaptor gives a blocking receive with a timeout, which virtual threads park on cheaply.
        channel.socket().setSoTimeout(Math.clamp(timeout.toMillis(), 1, Integer.MAX_VALUE));
        DatagramPacket packet = new DatagramPacket(new byte[MAX_DATAGRAM], MAX_DATAGRAM);
        try {
            channel.socket().receive(packet);
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        } catch (ClosedByInterruptException e) {
            throw new InterruptedException("interrupted while waiting for a UDP reply");
        }
        byte[] data = Arrays.copyOfRange(packet.getData(), packet.getOffset(), packet.getOffset() + packet.getLength());
        return Optional.of(new Datagram((InetSocketAddress) packet.getSocketAddress(), data));
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
