package dev.torpeddo.engine.session;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Which IPv6 address of ours HTTP trackers are told ({@code ipv6=}, BEP 7). Only a global unicast address
 * (2000::/3): a loopback, link-local or unique-local one means nothing to peers elsewhere, and a tracker we
 * reach over IPv6 sees our address anyway (so a tracker on {@code ::1} is told nothing, as BEP 7 intends the
 * parameter for the other family). The address must be one we accept peers on: a listener bound to it, or a
 * wildcard listener (dual-stack) and an address of one of the host's interfaces.
 */
final class AnnouncedIpv6 {
    private AnnouncedIpv6() {}

    static Optional<InetAddress> pick(List<InetSocketAddress> listening, Supplier<List<InetAddress>> hostAddresses) {
        for (InetSocketAddress l : listening) if (isGlobal(l.getAddress())) return Optional.of(l.getAddress());
        if (listening.stream().noneMatch(l -> l.getAddress().isAnyLocalAddress())) return Optional.empty();
        return hostAddresses.get().stream().filter(AnnouncedIpv6::isGlobal).findFirst();
    }

    /** 2000::/3, the global unicast range; mapped IPv4 addresses are Inet4Address in Java, so never here. */
    static boolean isGlobal(InetAddress a) {
        return a instanceof Inet6Address && (a.getAddress()[0] & 0xe0) == 0x20;
    }

    /** Every address of every interface that is up; none when the system will not say. */
    static List<InetAddress> interfaceAddresses() {
        try {
            return NetworkInterface.networkInterfaces()
                    .filter(AnnouncedIpv6::isUp)
                    .flatMap(NetworkInterface::inetAddresses)
                    .toList();
        } catch (SocketException e) {
            return List.of();
        }
    }

    private static boolean isUp(NetworkInterface nif) {
        try {
            return nif.isUp();
        } catch (SocketException e) {
            return false;
        }
    }
}
