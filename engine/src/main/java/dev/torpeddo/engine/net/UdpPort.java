package dev.torpeddo.engine.net;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * A bound UDP port as the operating system gives it, behind an interface so that a simulated network can stand
 * in for it. {@link UdpSocket} builds the engine's shared port (DHT and UDP trackers) on one.
 */
public interface UdpPort extends Closeable {

    InetSocketAddress localAddress();

    /** Sends one datagram with the buffer's remaining bytes (it may be dropped on the way, as UDP may). */
    void send(ByteBuffer packet, InetSocketAddress target) throws IOException;

    /**
     * Waits for the next datagram and puts it into {@code into} (truncated to its space).
     *
     * @return who sent it
     * @throws java.nio.channels.ClosedChannelException once the port is closed
     */
    InetSocketAddress receive(ByteBuffer into) throws IOException;
}
