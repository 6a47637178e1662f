package dev.torpeddo.engine.magnet;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads and writes the {@code host:port} peer addresses of {@code x.pe} parameters. Never touches DNS: IP
 * literals become resolved addresses, host names stay unresolved for whoever dials them later.
 */
final class PeerAddress {
    private static final Pattern DOTTED_QUAD = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern HOST_NAME = Pattern.compile(
            "(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

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
                if (!IPV6_CHARS.matcher(literal).matches()) return Optional.empty();
                return Optional.of(new InetSocketAddress(Inet6Address.ofLiteral(literal), port));
            }
            if (DOTTED_QUAD.matcher(host).matches()) {
                return Optional.of(new InetSocketAddress(Inet4Address.ofLiteral(host), port));
            }
        } catch (IllegalArgumentException notALiteral) {
            return Optional.empty();
        }
        // A name made only of digits and dots would be read as an odd IPv4 form by resolvers; refuse it.
        if (host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'))) return Optional.empty();
        if (!HOST_NAME.matcher(host).matches()) return Optional.empty();
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
