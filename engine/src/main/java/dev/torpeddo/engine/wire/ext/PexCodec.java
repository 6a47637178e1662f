package dev.torpeddo.engine.wire.ext;

import dev.torpeddo.engine.bencode.BBytes;
import dev.torpeddo.engine.bencode.BDecoder;
import dev.torpeddo.engine.bencode.BDict;
import dev.torpeddo.engine.bencode.BEncoder;
import dev.torpeddo.engine.bencode.BValue;
import dev.torpeddo.engine.bencode.BencodeException;
import dev.torpeddo.engine.bencode.BencodeLimits;
import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Encodes and decodes ut_pex payloads (BEP 11): a dictionary of compact peer strings, 6 bytes per IPv4 peer
 * and 18 per IPv6 peer (address, then port, big-endian), with one flags byte per added peer.
 */
public final class PexCodec {
    /** Most entries accepted in each of the added and dropped lists (IPv4 and IPv6 together). */
    public static final int MAX_ENTRIES = 200;

    private static final int V4 = 6;
    private static final int V6 = 18;
    private static final int MAX_PAYLOAD = 16 * 1024;
    private static final BDecoder DECODER = new BDecoder(new BencodeLimits(4, 64, MAX_PAYLOAD, MAX_PAYLOAD));

    private PexCodec() {}

    /**
     * Encodes a PEX message.
     *
     * @throws IllegalArgumentException if an address is neither IPv4 nor IPv6 (cannot happen for resolved ones)
     */
    public static byte[] encode(PexMessage message) {
        ByteArrayOutputStream added = new ByteArrayOutputStream();
        ByteArrayOutputStream addedFlags = new ByteArrayOutputStream();
        ByteArrayOutputStream added6 = new ByteArrayOutputStream();
        ByteArrayOutputStream added6Flags = new ByteArrayOutputStream();
        for (PexPeer peer : message.added()) {
            boolean v4 = peer.address().getAddress() instanceof Inet4Address;
            writeCompact(v4 ? added : added6, peer.address());
            (v4 ? addedFlags : added6Flags).write(peer.flags());
        }
        ByteArrayOutputStream dropped = new ByteArrayOutputStream();
        ByteArrayOutputStream dropped6 = new ByteArrayOutputStream();
        for (InetSocketAddress address : message.dropped()) {
            writeCompact(address.getAddress() instanceof Inet4Address ? dropped : dropped6, address);
        }
        // Every key, even when empty: some clients expect them all.
        return BEncoder.encode(BDict.builder()
                .put("added", added.toByteArray())
                .put("added.f", addedFlags.toByteArray())
                .put("added6", added6.toByteArray())
                .put("added6.f", added6Flags.toByteArray())
                .put("dropped", dropped.toByteArray())
                .put("dropped6", dropped6.toByteArray())
                .build());
    }

    public static PexMessage decode(byte[] payload) throws ExtensionException {
        if (payload.length > MAX_PAYLOAD) {
            throw new ExtensionException("ut_pex message of " + payload.length + " bytes exceeds " + MAX_PAYLOAD);
        }
        BValue value;
        try {
            value = DECODER.decode(payload);
        } catch (BencodeException e) {
            throw new ExtensionException("ut_pex message is not valid bencode: " + e.getMessage());
        }
        if (!(value instanceof BDict dict)) {
            throw new ExtensionException("ut_pex message is " + value.typeName() + ", expected a dictionary");
        }
        byte[] added = bytes(dict, "added");
        byte[] added6 = bytes(dict, "added6");
        byte[] dropped = bytes(dict, "dropped");
        byte[] dropped6 = bytes(dict, "dropped6");
        int addedCount = count(added, V4, "added") + count(added6, V6, "added6");
        int droppedCount = count(dropped, V4, "dropped") + count(dropped6, V6, "dropped6");
        if (addedCount > MAX_ENTRIES) {
            throw new ExtensionException("ut_pex message adds " + addedCount + " peers (limit " + MAX_ENTRIES + ")");
        }
        if (droppedCount > MAX_ENTRIES) {
            throw new ExtensionException("ut_pex message drops " + droppedCount + " peers (limit " + MAX_ENTRIES + ")");
        }
        Map<InetSocketAddress, PexPeer> addedPeers = new LinkedHashMap<>();
        readAdded(added, flags(dict, "added.f", added.length / V4), V4, addedPeers);
        readAdded(added6, flags(dict, "added6.f", added6.length / V6), V6, addedPeers);
        Set<InetSocketAddress> droppedPeers = new LinkedHashSet<>();
        droppedPeers.addAll(read(dropped, V4));
        droppedPeers.addAll(read(dropped6, V6));
        return new PexMessage(
                ipv4First(addedPeers.values(), PexPeer::address), ipv4First(droppedPeers, address -> address));
    }

    /**
     * IPv4 peers first, as {@link #encode} writes them. Usually the order they came in, but an IPv4-mapped entry
     * of added6 or dropped6 is an IPv4 peer ({@link InetAddress#getByAddress} makes it one), which encode writes
     * with the IPv4 ones: without this, a decoded message would not survive re-encoding unchanged.
     */
    private static <T> List<T> ipv4First(Collection<T> items, Function<T, InetSocketAddress> address) {
        List<T> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparing(item -> address.apply(item).getAddress() instanceof Inet6Address));
        return List.copyOf(sorted);
    }

    private static void readAdded(byte[] compact, byte[] flags, int entry, Map<InetSocketAddress, PexPeer> into) {
        List<InetSocketAddress> addresses = readWithGaps(compact, entry);
        for (int i = 0; i < addresses.size(); i++) {
            InetSocketAddress a = addresses.get(i);
            if (a != null) into.putIfAbsent(a, new PexPeer(a, flags[i] & 0xff));
        }
    }

    private static List<InetSocketAddress> read(byte[] compact, int entry) {
        return readWithGaps(compact, entry).stream().filter(a -> a != null).toList();
    }

    /** One address per entry, null where the port is 0 (nobody listens there), so flags stay aligned. */
    private static List<InetSocketAddress> readWithGaps(byte[] compact, int entry) {
        List<InetSocketAddress> out = new ArrayList<>(compact.length / entry);
        byte[] ip = new byte[entry - 2];
        for (int at = 0; at < compact.length; at += entry) {
            System.arraycopy(compact, at, ip, 0, ip.length);
            int port = (compact[at + ip.length] & 0xff) << 8 | (compact[at + ip.length + 1] & 0xff);
            try {
                out.add(port == 0 ? null : new InetSocketAddress(InetAddress.getByAddress(ip), port));
            } catch (UnknownHostException impossible) {
                throw new AssertionError(impossible); // only for wrong address lengths
            }
        }
        return out;
    }

    private static byte[] bytes(BDict dict, String key) throws ExtensionException {
        BValue v = dict.get(key).orElse(null);
        if (v == null) return new byte[0];
        if (!(v instanceof BBytes b)) {
            throw new ExtensionException("ut_pex " + key + " is " + v.typeName() + ", expected a string");
        }
        return b.bytes();
    }

    private static int count(byte[] compact, int entry, String key) throws ExtensionException {
        if (compact.length % entry != 0) {
            throw new ExtensionException(
                    "ut_pex " + key + " length " + compact.length + " is not a multiple of " + entry);
        }
        return compact.length / entry;
    }

    /** The flags for {@code peers} entries; all zero when absent, as older clients send none. */
    private static byte[] flags(BDict dict, String key, int peers) throws ExtensionException {
        if (!dict.containsKey(key)) return new byte[peers];
        byte[] flags = bytes(dict, key);
        if (flags.length != peers) {
            throw new ExtensionException("ut_pex " + key + " has " + flags.length + " bytes for " + peers + " peers");
        }
        return flags;
    }

    private static void writeCompact(ByteArrayOutputStream out, InetSocketAddress address) {
        if (address.getAddress() == null) throw new IllegalArgumentException("unresolved PEX address " + address);
        out.writeBytes(address.getAddress().getAddress());
        out.write(address.getPort() >> 8);
        out.write(address.getPort() & 0xff);
    }
}
