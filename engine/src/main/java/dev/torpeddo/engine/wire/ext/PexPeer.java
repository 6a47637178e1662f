package dev.torpeddo.engine.wire.ext;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A peer as peer exchange (BEP 11) announces it: its listen address and what is known about it.
 *
 * @param address a resolved IPv4 or IPv6 address and port
 * @param flags the BEP 11 flag bits ({@link #ENCRYPTION}, {@link #SEED}, ...); unknown bits are kept
 */
public record PexPeer(InetSocketAddress address, int flags) {
    /** Prefers encrypted connections. */
    public static final int ENCRYPTION = 0x01;
    /** Is a seed (or only uploads). */
    public static final int SEED = 0x02;
    /** Supports uTP. */
    public static final int UTP = 0x04;
    /** Supports ut_holepunch. */
    public static final int HOLEPUNCH = 0x08;
    /** Was reached by an outgoing connection, so it is known to accept connections. */
    public static final int REACHABLE = 0x10;

    public PexPeer {
        Objects.requireNonNull(address);
        if (address.isUnresolved()) throw new IllegalArgumentException("a PEX peer needs an IP address: " + address);
        if (flags < 0 || flags > 0xff) throw new IllegalArgumentException("PEX flags are one byte, got " + flags);
    }

    public static PexPeer of(InetSocketAddress address) {
        return new PexPeer(address, 0);
    }
}
