package dev.torpeddo.engine.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;

/**
 * The UDP I/O a UDP tracker exchange (BEP 15) needs, kept this small so tests can drop or forge packets and so
 * {@link UdpDemux} can hand out views of the one shared socket (filtered by transaction id) instead of a
 * socket per exchange.
 */
public interface UdpEndpoint extends AutoCloseable {

    /** Sends one datagram with the buffer's remaining bytes. */
    void send(ByteBuffer packet, InetSocketAddress target) throws IOException;

    /** Waits up to {@code timeout} for the next datagram; empty when the time ran out. */
    Optional<Datagram> receive(Duration timeout) throws IOException, InterruptedException;

    @Override
    void close() throws IOException;

    /** One received datagram. */
    record Datagram(InetSocketAddress source, byte[] data) {}

    /** Opens an endpoint for one tracker exchange. */
    @FunctionalInterface
    interface Factory {
        UdpEndpoint open() throws IOException;
    }
}
