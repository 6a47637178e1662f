package dev.torpeddo.engine.tracker;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Decodes compact peer lists: 6 bytes per IPv4 peer (BEP 23), 18 bytes per IPv6 peer (BEP 7). */
final class CompactPeers {
    private CompactPeers() {}

    static List<InetSocketAddress> ipv4(byte[] data, int offset, int length) throws ResponseProblem {
        return decode(data, offset, length, 4, "peers");
    }

    static List<InetSocketAddress> ipv6(byte[] data, int offset, int length) throws ResponseProblem {
        return decode(data, offset, length, 16, "peers6");
    }

    private static List<InetSocketAddress> decode(byte[] data, int offset, int length, int addressLength, String name)
            throws ResponseProblem {
        int entry = addressLength + 2;
        if (length % entry != 0) {
            throw ResponseProblem.bad(name + " length " + length + " is not a multiple of " + entry);
        }
        Set<InetSocketAddress> peers = new LinkedHashSet<>();
        byte[] address = new byte[addressLength];
        for (int at = offset; at < offset + length; at += entry) {
            System.arraycopy(data, at, address, 0, addressLength);
            int port = ((data[at + addressLength] & 0xff) << 8) | (data[at + addressLength + 1] & 0xff);
            if (port == 0) continue; // nobody listens on port 0; such entries are tracker noise
            try {
                peers.add(new InetSocketAddress(InetAddress.getByAddress(address), port));
            } catch (UnknownHostException impossible) {
                throw new AssertionError(impossible); // only thrown for wrong address lengths
            }
        }
        return List.copyOf(peers);
    }
}
