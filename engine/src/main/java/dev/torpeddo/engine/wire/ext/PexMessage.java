package dev.torpeddo.engine.wire.ext;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * A ut_pex message (BEP 11): peers the sender connected to and dropped since its previous message. IPv4 and
 * IPv6 peers share the lists; {@link PexCodec} splits them into separate IPv4 and IPv6 keys on the wire.
 *
 * @param added peers newly connected, with their flags
 * @param dropped peers no longer connected
 */
public record PexMessage(List<PexPeer> added, List<InetSocketAddress> dropped) {
    public PexMessage {
        added = List.copyOf(added);
        dropped = List.copyOf(dropped);
        for (InetSocketAddress d : dropped) {
            if (d.isUnresolved()) throw new IllegalArgumentException("a dropped PEX peer needs an IP address: " + d);
        }
    }

    public boolean isEmpty() {
        return added.isEmpty() && dropped.isEmpty();
    }
}
