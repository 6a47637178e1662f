package dev.torpeddo.engine.dht;

import dev.torpeddo.engine.internal.Threads;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;

/** The default {@link DatagramPort}: a {@link DatagramChannel} of its own, read by one virtual thread. */
public final class ChannelDatagramPort implements DatagramPort {
    private static final System.Logger LOG = System.getLogger(ChannelDatagramPort.class.getName());
    /** Larger than any valid KRPC packet, so that an oversized one arrives whole and is refused as such. */
    private static final int BUFFER = 4096;

    private final DatagramChannel channel;
    private final InetSocketAddress local;
    private volatile Thread reader;
    private final Threads threads;

    private ChannelDatagramPort(DatagramChannel channel, Threads threads) throws IOException {
        this.channel = channel;
        this.threads = threads;
        this.local = (InetSocketAddress) channel.getLocalAddress();
    }

    /** Binds to {@code address} (port 0 picks a free one), e.g. 127.0.0.1 in tests or the wildcard in use. */
    public static ChannelDatagramPort bind(InetSocketAddress address) throws IOException {
        return bind(address, Threads.SYSTEM);
    }

    /** As {@link #bind(InetSocketAddress)}, its reader thread made by {@code threads}. */
    public static ChannelDatagramPort bind(InetSocketAddress address, Threads threads) throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        try {
            channel.bind(address);
            return new ChannelDatagramPort(channel, threads);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public void send(byte[] packet, InetSocketAddress target) throws IOException {
        channel.send(ByteBuffer.wrap(packet), target);
    }

    @Override
    public void start(Receiver receiver) {
        if (reader != null) throw new IllegalStateException("already started");
        reader = threads.startVirtual("dht-udp-" + local.getPort(), () -> readLoop(receiver));
    }

    private void readLoop(Receiver receiver) {
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        while (channel.isOpen()) {
            buffer.clear();
            InetSocketAddress source;
            try {
                source = (InetSocketAddress) channel.receive(buffer);
            } catch (ClosedChannelException closed) {
                return;
            } catch (IOException e) {
                // ICMP errors from earlier sends can surface here on some systems; the socket is still fine.
                LOG.log(System.Logger.Level.DEBUG, "DHT socket receive failed: {0}", e.toString());
                continue;
            }
            buffer.flip();
            byte[] data = Arrays.copyOf(buffer.array(), buffer.limit());
            try {
                receiver.received(data, source);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "DHT packet handling failed", e);
            }
        }
    }

    @Override
    public InetSocketAddress localAddress() {
        return local;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing the DHT socket: {0}", e.toString());
        }
    }
}
