package dev.torpeddo.engine.net;

import java.net.InetSocketAddress;

/** One received datagram, copied out of the socket's buffer. */
record Packet(InetSocketAddress source, byte[] data) {}
