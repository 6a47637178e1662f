package dev.torpeddo.engine.dht;

import dev.torpeddo.engine.internal.Addresses;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * The two address families of the DHT (BEP 32): each has its own routing table and lookups, and a query's
 * {@code want} names them as {@code "n4"} and {@code "n6"}.
 */
public enum AddressFamily {
    IPV4("n4"),
    IPV6("n6");

    private final String want;

    AddressFamily(String want) {
        this.want = want;
    }

    /** The name of this family in a query's {@code want} list. */
    public String want() {
        return want;
    }

    /** The family named {@code want} ("n4" or "n6"); empty for anything else, which BEP 32 says to ignore. */
    public static Optional<AddressFamily> ofWant(String want) {
        for (AddressFamily f : values()) if (f.want.equals(want)) return Optional.of(f);
        return Optional.empty();
    }

    public static AddressFamily of(InetAddress address) {
        return address instanceof Inet4Address || isMapped(address) ? IPV4 : IPV6;
    }

    public static AddressFamily of(InetSocketAddress address) {
        return of(address.getAddress());
    }

    private static boolean isMapped(InetAddress ip) {
        return Addresses.isMapped(ip);
    }
}
