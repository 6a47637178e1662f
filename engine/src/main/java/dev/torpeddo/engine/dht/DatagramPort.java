package dev.torpeddo.engine.dht;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.EnumSet;
import java.util.Set;

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

    /**
     * The address families this port sends and receives (BEP 32): a socket bound to the IPv6 wildcard is
     * dual-stack and reaches both; any other reaches its own address's family. A port made of two sockets, or
     * one told to leave a family out, says so by overriding this.
     */
    default Set<AddressFamily> families() {
        InetAddress local = localAddress().getAddress();
        if (local instanceof Inet6Address && local.isAnyLocalAddress()) return EnumSet.allOf(AddressFamily.class);
        return EnumSet.of(AddressFamily.of(local));
    }

    /** Stops receiving and releases the socket; idempotent. */
    @Override
    void close();

    /** What receives datagrams; it must not throw and should not block for long. */
    @FunctionalInterface
    interface Receiver {
        void received(byte[] data, InetSocketAddress source);
    }
}
