package dev.torpeddo.engine.magnet;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Reads and writes the {@code host:port} peer addresses of {@code x.pe} parameters. Never touches DNS: IP
 * literals become resolved addresses, host names stay unresolved for whoever dials them later.
 */
final class PeerAddress {
    private PeerAddress() {}

    /** {@code 1.2.3.4:5}, {@code [::1]:5} or {@code host.example:5}; empty for anything else. */
    static Optional<InetSocketAddress> parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0) return Optional.empty();
        int port = port(text.substring(colon + 1));
        if (port <= 0) return Optional.empty();
        String host = text.substring(0, colon);
        try {
            if (host.startsWith("[") && host.endsWith("]")) {
                String literal = host.substring(1, host.length() - 1);
                // Only plain literals: a scope id ("%eth0") would make the JDK look up interfaces.
                if (!isIpv6Chars(literal)) return Optional.empty();
                return Optional.of(new InetSocketAddress(Inet6Address.ofLiteral(literal), port));
            }
            if (isDottedQuad(host)) {
                return Optional.of(new InetSocketAddress(Inet4Address.ofLiteral(host), port));
            }
        } catch (IllegalArgumentException notALiteral) {
            return Optional.empty();
        }
        // A name made only of digits and dots would be read as an odd IPv4 form by resolvers; refuse it.
        if (host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'))) return Optional.empty();
        if (!isHostName(host)) return Optional.empty();
        return Optional.of(InetSocketAddress.createUnresolved(host, port));
    }

    /** The form {@link #parse} reads back: IPv6 in brackets, names as given. */
    static String format(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        String host = ip == null
                ? address.getHostString()
                : ip instanceof Inet6Address ? "[" + ip.getHostAddress() + "]" : ip.getHostAddress();
        return host + ":" + address.getPort();
    }

    // Plain loops rather than regular expressions: linear time whatever the input, and no allocation.

    /** Four groups of one to three digits separated by dots (the value range is the parser's business). */
    private static boolean isDottedQuad(String s) {
        int groups = 0;
        int digits = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++digits > 3) return false;
            } else if (c == '.' && digits > 0 && groups < 3) {
                groups++;
                digits = 0;
            } else {
                return false;
            }
        }
        return groups == 3 && digits > 0;
    }

    /** 2 to 45 hex digits, colons and dots: what an IPv6 literal without a scope id can contain. */
    private static boolean isIpv6Chars(String s) {
        if (s.length() < 2 || s.length() > 45) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok =
                    (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
            if (!ok) return false;
        }
        return true;
    }

    /**
     * A DNS name (RFC 1123): at most 253 characters, dot-separated labels of 1 to 63 letters, digits and
     * hyphens that neither start nor end with a hyphen, optionally ending with a dot.
     */
    private static boolean isHostName(String s) {
        if (s.isEmpty() || s.length() > 253) return false;
        int end = s.endsWith(".") ? s.length() - 1 : s.length();
        int labelStart = 0;
        for (int i = 0; i <= end; i++) {
            if (i < end && s.charAt(i) != '.') {
                char c = s.charAt(i);
                boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
                if (!ok) return false;
                continue;
            }
            int length = i - labelStart;
            if (length < 1 || length > 63) return false;
            if (s.charAt(labelStart) == '-' || s.charAt(i - 1) == '-') return false;
            labelStart = i + 1;
        }
        return true;
    }

    private static int port(String digits) {
        if (digits.isEmpty() || digits.length() > 5) return -1;
        int port = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') return -1;
            port = port * 10 + (c - '0');
        }
        return port <= 65535 ? port : -1;
    }
}
