package dev.torpeddo.engine.internal;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * IPv4-mapped IPv6 addresses ({@code ::ffff:a.b.c.d}) turned back into the IPv4 addresses they stand for. A
 * dual-stack socket, a peer list or a DHT node may hand us either form of one IPv4 host; normalising where
 * addresses enter keeps one host under one key in tables, rate limits, tokens and bans.
 */
public final class Addresses {
    private Addresses() {}

    /** Whether {@code ip} is an IPv4-mapped IPv6 address. */
    public static boolean isMapped(InetAddress ip) {
        if (!(ip instanceof Inet6Address)) return false;
        byte[] b = ip.getAddress();
        for (int i = 0; i < 10; i++) if (b[i] != 0) return false;
        return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    }

    /** The IPv4 address a mapped one stands for; any other address unchanged. */
    public static InetAddress unmapped(InetAddress ip) {
        if (!isMapped(ip)) return ip;
        byte[] b = ip.getAddress();
        try {
            return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
        } catch (UnknownHostException impossible) {
            throw new AssertionError(impossible); // only for lengths other than 4 and 16
        }
    }

    /** {@link #unmapped(InetAddress)} for a socket address (an unresolved one is returned as it is). */
    public static InetSocketAddress unmapped(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        return ip == null || !isMapped(ip) ? address : new InetSocketAddress(unmapped(ip), address.getPort());
    }
}
