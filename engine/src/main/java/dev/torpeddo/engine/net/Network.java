package dev.torpeddo.engine.net;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * The engine's only way to open TCP connections and its UDP port, so that tests can substitute a simulated
 * network. Calls block; the engine calls them from virtual threads.
 */
public interface Network {

    Connection connect(InetSocketAddress to, Duration timeout) throws IOException;

    Listener listen(InetSocketAddress at) throws IOException;

    /**
     * Binds a UDP port. An IPv4 address gives an IPv4-only port; an IPv6 one (such as {@code [::]}) a
     * dual-stack port where the system allows it.
     */
    UdpPort bindUdp(InetSocketAddress at) throws IOException;

    /** A connected byte stream to a peer. */
    interface Connection extends Closeable {
        InputStream in();

        OutputStream out();

        InetSocketAddress remote();

        /**
         * A read that waits longer than this fails with {@link java.net.SocketTimeoutException}; zero waits
         * for ever.
         */
        void setReadTimeout(Duration timeout) throws IOException;

        /** Whether the bytes travel over uTP (BEP 29) rather than TCP, for the peer list. */
        default boolean overUtp() {
            return false;
        }
    }

    /** A listening socket. */
    interface Listener extends Closeable {
        Connection accept() throws IOException;

        InetSocketAddress localAddress();
    }

    static Network tcp() {
        return new TcpNetwork();
    }
}
