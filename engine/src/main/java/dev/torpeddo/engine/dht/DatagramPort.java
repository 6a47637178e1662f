package dev.torpeddo.engine.dht;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The UDP socket a {@link DhtNode} talks through, kept this small so that a session can hand the DHT a view of
 * a socket it shares with UDP trackers (and demultiplexes itself), and so that tests can drop or watch packets.
 */
public interface DatagramPort extends AutoCloseable {

    /** Sends one datagram. */
    void send(byte[] packet, InetSocketAddress target) throws IOException;

    /**
     * Starts delivering every received datagram to {@code receiver}, one at a time, on a thread of the port's
     * own. Called once.
     */
    void start(Receiver receiver);

    /** The address the socket is bound to. */
    InetSocketAddress localAddress();

    /** Stops receiving and releases the socket; idempotent. */
    @Override
    void close();

    /** What receives datagrams; it must not throw and should not block for long. */
    @FunctionalInterface
    interface Receiver {
        void received(byte[] data, InetSocketAddress source);
    }
}
