package dev.torpeddo.engine.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/** What ties a tracker reply to its exchange: the tracker's address and port, and the transaction id. */
record ExchangeKey(InetAddress address, int port, int transactionId) {
    ExchangeKey(InetSocketAddress peer, int transactionId) {
        this(peer.getAddress(), peer.getPort(), transactionId);
    }
}
