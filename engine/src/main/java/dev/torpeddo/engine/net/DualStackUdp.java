package dev.torpeddo.engine.net;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Binds the session's UDP port (DHT, UDP trackers) for both address families, numbered like the TCP port:
 *
 * <ul>
 *   <li>the wildcard (IPv4's or IPv6's): one dual-stack socket on {@code [::]}, which IPv4 hosts reach too
 *       (their addresses arrive IPv4-mapped and {@link UdpSocket} turns them back); only IPv4's wildcard if the
 *       system has no IPv6;
 *   <li>IPv4 loopback: that address and {@code [::1]} on the same port number, two sockets, so that loopback
 *       tests reach us over either family (the second is given up, with a debug line, if it cannot be bound);
 *   <li>any other address: that address alone, its own family only.
 * </ul>
 *
 * The JDK cannot switch a socket to IPv6-only, so a wildcard socket of each family on one port cannot be had:
 * a dual-stack socket stands in for both.
 */
public final class DualStackUdp {
    private static final System.Logger LOG = System.getLogger(DualStackUdp.class.getName());

    private DualStackUdp() {}

    /**
     * Binds the ports for {@code listen} on {@code network}; the first is the main one (its address is the one
     * reported), the others follow. Port 0 picks a free port for the first, and the others take its number.
     *
     * @throws IOException when the main port cannot be bound; nothing is left open then
     */
    public static List<UdpPort> bind(Network network, InetSocketAddress listen) throws IOException {
        InetAddress ip = listen.getAddress();
        List<UdpPort> ports = new ArrayList<>();
        if (ip.isAnyLocalAddress()) {
            try {
                ports.add(network.bindUdp(new InetSocketAddress(anyIpv6(), listen.getPort())));
            } catch (IOException | UnsupportedOperationException noIpv6) {
                LOG.log(System.Logger.Level.INFO, "no IPv6 UDP socket ({0}): IPv4 only", noIpv6.toString());
                ports.add(network.bindUdp(new InetSocketAddress(listen.getPort())));
            }
            return ports;
        }
        UdpPort main = network.bindUdp(listen);
        ports.add(main);
        if (ip instanceof Inet4Address && ip.isLoopbackAddress()) {
            InetSocketAddress v6 =
                    new InetSocketAddress(loopbackIpv6(), main.localAddress().getPort());
            try {
                ports.add(network.bindUdp(v6));
            } catch (IOException | RuntimeException e) {
                // DEBUG: several sessions on 127.0.0.x addresses (tests, simulations) share one ::1.
                LOG.log(System.Logger.Level.DEBUG, "UDP on {0} unavailable ({1}): IPv4 only", v6, e.toString());
            }
        }
        return ports;
    }

    /** Whether a socket bound to {@code local} can send to {@code target}. */
    static boolean reaches(InetSocketAddress local, InetAddress target) {
        InetAddress own = local.getAddress();
        if (own instanceof Inet6Address && own.isAnyLocalAddress()) return true; // dual-stack
        return (own instanceof Inet4Address) == (target instanceof Inet4Address);
    }

    private static InetAddress anyIpv6() {
        return address(new byte[16]);
    }

    private static InetAddress loopbackIpv6() {
        byte[] b = new byte[16];
        b[15] = 1;
        return address(b);
    }

    private static InetAddress address(byte[] b) {
        try {
            return InetAddress.getByAddress(b);
        } catch (java.net.UnknownHostException impossible) {
            throw new AssertionError(impossible);
        }
    }
}
