package dev.torpeddo.backend.manager;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Peer and listen addresses as people write them: {@code 1.2.3.4:6881}, {@code [::1]:6881} (IPv6 in brackets,
 * in the short form of RFC 5952), {@code host.example:6881}. One place, so the command line, the views and the
 * JSON-RPC replies agree.
 */
public final class AddressText {
    private AddressText() {}

    /** The address alone: {@code 1.2.3.4} or {@code ::1} (no brackets), or the host name of an unresolved one. */
    public static String host(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        if (ip == null) return address.getHostString();
        return ip instanceof Inet6Address v6 ? compress(v6.getAddress()) : ip.getHostAddress();
    }

    /** {@code 1.2.3.4:6881} or {@code [::1]:6881}. */
    public static String format(InetSocketAddress address) {
        String host = host(address);
        return (address.getAddress() instanceof Inet6Address ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /**
     * Reads {@code HOST:PORT}: an IPv4 address, an IPv6 address in brackets, or a host name (looked up now).
     *
     * @throws IllegalArgumentException saying what is wrong, for a message to the user
     */
    public static InetSocketAddress parse(String spec) {
        String host;
        if (spec.startsWith("[")) {
            int close = spec.indexOf(']');
            if (close < 0) throw new IllegalArgumentException("no ] after the IPv6 address");
            if (close + 1 >= spec.length() || spec.charAt(close + 1) != ':')
                throw new IllegalArgumentException("expected [IPv6]:PORT");
            host = spec.substring(1, close);
            int port = port(spec.substring(close + 2));
            // A scope id (fe80::1%eth0) would make the JDK look interfaces up; peers are not named that way.
            if (host.indexOf(':') < 0 || host.indexOf('%') >= 0)
                throw new IllegalArgumentException("not an IPv6 address: " + host);
            try {
                return new InetSocketAddress(Inet6Address.ofLiteral(host), port);
            } catch (IllegalArgumentException notALiteral) {
                throw new IllegalArgumentException("not an IPv6 address: " + host);
            }
        }
        int colon = spec.lastIndexOf(':');
        if (colon < 0) throw new IllegalArgumentException("expected HOST:PORT");
        host = spec.substring(0, colon);
        String portText = spec.substring(colon + 1);
        if (host.indexOf(':') >= 0)
            throw new IllegalArgumentException("an IPv6 address goes in brackets, e.g. [::1]:6881");
        if (host.isEmpty()) throw new IllegalArgumentException("no host before the port");
        int port = port(portText);
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) throw new IllegalArgumentException("unknown host " + host);
        return address;
    }

    private static int port(String text) {
        if (text.isEmpty()) throw new IllegalArgumentException("port missing");
        if (text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9'))
            throw new IllegalArgumentException("port is not a number: " + text);
        int port = Integer.parseInt(text);
        if (port < 1 || port > 65535) throw new IllegalArgumentException("port out of range (1-65535): " + port);
        return port;
    }

    /** RFC 5952: lower-case hex, no leading zeros, the longest run (first if tied) of two or more zero groups as ::. */
    private static String compress(byte[] a) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) groups[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) j++;
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!out.isEmpty() && out.charAt(out.length() - 1) != ':') out.append(':');
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }
}
