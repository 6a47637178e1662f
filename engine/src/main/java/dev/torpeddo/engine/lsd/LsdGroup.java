package dev.torpeddo.engine.lsd;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The two multicast groups of Local Service Discovery (BEP 14), both on port 6771. */
public enum LsdGroup {
    IPV4("239.192.152.143", "239.192.152.143:6771"),
    IPV6("ff15::efc0:988f", "[ff15::efc0:988f]:6771");

    /** The port every LSD announce is sent to. */
    public static final int PORT = 6771;

    private final String address;
    private final String hostHeader;

    LsdGroup(String address, String hostHeader) {
        this.address = address;
        this.hostHeader = hostHeader;
    }

    public InetAddress address() {
        try {
            return InetAddress.getByName(address); // a literal: no lookup happens
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The value of the {@code Host} header of messages sent to this group. */
    public String hostHeader() {
        return hostHeader;
    }
}
