package dev.torpeddo.engine.torrent;

import java.net.InetSocketAddress;

/** Who a peer is across reconnects, for strikes and bans: its address and the peer id it announced. */
record PeerKey(InetSocketAddress address, String peerId) {}
