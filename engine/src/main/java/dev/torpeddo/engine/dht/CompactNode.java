package dev.torpeddo.engine.dht;

import dev.torpeddo.engine.internal.Addresses;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A node's contact information: its id and UDP address. On the wire (BEP 5 "compact node info") an IPv4 node
 * takes 26 bytes (id, address, port) and an IPv6 node 38 bytes (BEP 32).
 */
public record CompactNode(NodeId id, InetSocketAddress address) {
    public static final int IPV4_LENGTH = NodeId.LENGTH + 6;
    public static final int IPV6_LENGTH = NodeId.LENGTH + 18;

    public CompactNode {
        if (address.isUnresolved()) throw new IllegalArgumentException("unresolved node address " + address);
    }

    public boolean isIpv4() {
        return address.getAddress() instanceof Inet4Address;
    }

    /** Which routing table the node belongs in: an IPv4-mapped IPv6 address counts as IPv4. */
    public AddressFamily family() {
        return AddressFamily.of(address);
    }

    /** This node at the IPv4 address its IPv4-mapped one stands for, if it has one; otherwise itself. */
    public CompactNode unmapped() {
        return Addresses.isMapped(address.getAddress()) ? new CompactNode(id, Addresses.unmapped(address)) : this;
    }

    /** The 26- or 38-byte compact form, depending on the address family. */
    public byte[] encode() {
        byte[] ip = address.getAddress().getAddress();
        return ByteBuffer.allocate(NodeId.LENGTH + ip.length + 2)
                .put(id.bytes())
                .put(ip)
                .putShort((short) address.getPort())
                .array();
    }

    /** Concatenates the compact forms of nodes of one address family, as in a "nodes" or "nodes6" string. */
    public static byte[] encodeAll(List<CompactNode> nodes) {
        ByteBuffer out = ByteBuffer.allocate(nodes.stream()
                .mapToInt(n -> n.isIpv4() ? IPV4_LENGTH : IPV6_LENGTH)
                .sum());
        for (CompactNode n : nodes) out.put(n.encode());
        return out.array();
    }

    /** Decodes a "nodes" string: 26 bytes per IPv4 node. */
    public static List<CompactNode> decodeIpv4(byte[] data) throws KrpcException {
        return decode(data, 4, "nodes");
    }

    /** Decodes a "nodes6" string: 38 bytes per IPv6 node. */
    public static List<CompactNode> decodeIpv6(byte[] data) throws KrpcException {
        return decode(data, 16, "nodes6");
    }

    private static List<CompactNode> decode(byte[] data, int ipLength, String name) throws KrpcException {
        int entry = NodeId.LENGTH + ipLength + 2;
        if (data.length % entry != 0) {
            throw new KrpcException(name + " of " + data.length + " bytes is not a multiple of " + entry);
        }
        List<CompactNode> nodes = new ArrayList<>(data.length / entry);
        ByteBuffer in = ByteBuffer.wrap(data);
        byte[] id = new byte[NodeId.LENGTH];
        byte[] ip = new byte[ipLength];
        while (in.hasRemaining()) {
            in.get(id).get(ip);
            int port = Short.toUnsignedInt(in.getShort());
            nodes.add(new CompactNode(new NodeId(id), new InetSocketAddress(address(ip), port)));
        }
        return nodes;
    }

    /** The address from raw bytes; an IPv4-mapped IPv6 address stays IPv6 so that it re-encodes to 16 bytes. */
    static InetAddress address(byte[] ip) {
        try {
            return ip.length == 16 ? Inet6Address.getByAddress(null, ip, -1) : InetAddress.getByAddress(ip);
        } catch (UnknownHostException impossible) {
            throw new AssertionError(impossible); // only thrown for lengths other than 4 and 16
        }
    }
}
