package dev.torpeddo.engine.lsd;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * The multicast I/O of {@link LocalDiscovery}, kept this small so tests can connect instances through a fake
 * instead of the network. {@link MulticastLsdTransport} is the real one.
 */
public interface LsdTransport extends AutoCloseable {

    /** The group this transport has joined and sends to. */
    LsdGroup group();

    /** Sends one datagram to the group. */
    void send(byte[] message) throws IOException;

    /** Waits up to {@code timeout} for the next datagram; empty when the time ran out. */
    Optional<Datagram> receive(Duration timeout) throws IOException, InterruptedException;

    @Override
    void close() throws IOException;

    /** One received datagram; its data may be cut at a little over {@link LsdMessage#MAX_BYTES}. */
    record Datagram(InetSocketAddress source, byte[] data) {}
}
