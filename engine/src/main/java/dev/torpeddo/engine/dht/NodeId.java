package dev.torpeddo.engine.dht;

import dev.torpeddo.engine.id.ByteIdentifier;
import dev.torpeddo.engine.metainfo.InfoHash;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * A 160-bit DHT node id (BEP 5). Ids and info-hashes live in the same space, and closeness is the XOR of two
 * ids read as an unsigned number.
 */
public final class NodeId extends ByteIdentifier {
    public static final int LENGTH = 20;
    public static final int BITS = LENGTH * 8;

    private static final SecureRandom RANDOM = new SecureRandom();

    public NodeId(byte[] bytes) {
        if (bytes.length != LENGTH) throw new IllegalArgumentException("a node id has 20 bytes, got " + bytes.length);
        super(bytes);
    }

    /** A uniformly random id, as BEP 5 asks for a fresh node. */
    public static NodeId random() {
        return random(RANDOM);
    }

    public static NodeId random(RandomGenerator random) {
        byte[] b = new byte[LENGTH];
        random.nextBytes(b);
        return new NodeId(b);
    }

    /** The point in id space that names this torrent. */
    public static NodeId of(InfoHash infoHash) {
        return new NodeId(infoHash.bytes());
    }

    public static NodeId ofHex(String hex) {
        return new NodeId(HexFormat.of().parseHex(hex));
    }

    /** The XOR distance to {@code other}, as 20 big-endian bytes. */
    public byte[] distance(NodeId other) {
        byte[] d = new byte[LENGTH];
        for (int i = 0; i < LENGTH; i++) d[i] = (byte) (byteAt(i) ^ other.byteAt(i));
        return d;
    }

    /**
     * How many leading bits this id shares with {@code other}: 160 for the same id, 0 when the first bit
     * differs. A routing table files a node under this number.
     */
    public int commonPrefixBits(NodeId other) {
        for (int i = 0; i < LENGTH; i++) {
            int x = (byteAt(i) ^ other.byteAt(i)) & 0xff;
            if (x != 0) return i * 8 + Integer.numberOfLeadingZeros(x) - 24;
        }
        return BITS;
    }

    /** Whether bit {@code index} (0 = most significant) is set. */
    public boolean bit(int index) {
        return (byteAt(index >>> 3) & (0x80 >>> (index & 7))) != 0;
    }

    /**
     * A random id that shares exactly {@code prefixBits} leading bits with this one (and differs at the next
     * bit), i.e. a random id of the bucket at that depth; with 160 it is this id.
     */
    public NodeId randomWithPrefix(int prefixBits, RandomGenerator random) {
        if (prefixBits < 0 || prefixBits > BITS)
            throw new IllegalArgumentException("prefix of " + prefixBits + " bits");
        if (prefixBits == BITS) return this;
        byte[] b = new byte[LENGTH];
        random.nextBytes(b);
        for (int i = 0; i < prefixBits; i++) setBit(b, i, bit(i));
        setBit(b, prefixBits, !bit(prefixBits));
        return new NodeId(b);
    }

    private static void setBit(byte[] b, int index, boolean value) {
        int mask = 0x80 >>> (index & 7);
        if (value) b[index >>> 3] |= (byte) mask;
        else b[index >>> 3] &= (byte) ~mask;
    }

    /** Orders ids by their distance to {@code target}, nearest first. */
    public static Comparator<NodeId> byDistanceTo(NodeId target) {
        return (a, b) -> {
            for (int i = 0; i < LENGTH; i++) {
                int da = (a.byteAt(i) ^ target.byteAt(i)) & 0xff;
                int db = (b.byteAt(i) ^ target.byteAt(i)) & 0xff;
                if (da != db) return Integer.compare(da, db);
            }
            return 0;
        };
    }
}
