package dev.torpeddo.engine.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/** Sends datagrams from one local port; {@link UdpSocket} is the real one, tests pass a lambda. */
@FunctionalInterface
public interface UdpSender {

    /** Sends one datagram with the buffer's remaining bytes. */
    void send(ByteBuffer packet, InetSocketAddress target) throws IOException;
}
