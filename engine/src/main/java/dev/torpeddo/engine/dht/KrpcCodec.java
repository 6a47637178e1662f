package dev.torpeddo.engine.dht;

import dev.torpeddo.engine.bencode.BBytes;
import dev.torpeddo.engine.bencode.BDecoder;
import dev.torpeddo.engine.bencode.BDict;
import dev.torpeddo.engine.bencode.BEncoder;
import dev.torpeddo.engine.bencode.BInt;
import dev.torpeddo.engine.bencode.BList;
import dev.torpeddo.engine.bencode.BValue;
import dev.torpeddo.engine.bencode.BencodeException;
import dev.torpeddo.engine.bencode.BencodeLimits;
import dev.torpeddo.engine.metainfo.InfoHash;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Encodes and decodes KRPC packets (BEP 5, with BEP 32's "nodes6", "want" and 18-byte IPv6 "values"). Decoding is strict about what it uses
 * (types, id lengths, compact lengths) and ignores keys it does not know, so that extensions such as "v",
 * "ip" or "ro" pass. Every packet is small and shallow, so the bencode limits are tight.
 */
public final class KrpcCodec {
    /** A KRPC packet fits one unfragmented datagram. */
    public static final int MAX_PACKET = 1500;
    /** Peers read from one "values" list; the rest are ignored. */
    public static final int MAX_VALUES = 100;
    /**
     * Code points kept of an error's message (then "..."). It ends up in a log line, and so that a decoded error
     * re-encodes within {@link #MAX_PACKET} even when every byte was invalid UTF-8 (each becomes 3 bytes).
     */
    public static final int MAX_ERROR_MESSAGE = 200;

    private static final BDecoder DECODER = new BDecoder(new BencodeLimits(4, 512, MAX_PACKET, MAX_PACKET));

    private KrpcCodec() {}

    public static byte[] encode(KrpcMessage message) {
        BDict.Builder top = BDict.builder().put("t", message.transactionId().bytes());
        switch (message) {
            case KrpcMessage.Query q -> top.put("y", "q").put("q", q.method()).put("a", arguments(q));
            case KrpcMessage.Response r -> top.put("y", "r").put("r", responseBody(r));
            case KrpcMessage.ErrorReply e ->
                top.put("y", "e").put("e", BList.of(BInt.of(e.code()), BBytes.of(e.message())));
        }
        return BEncoder.encode(top.build());
    }

    private static BDict arguments(KrpcMessage.Query query) {
        BDict.Builder a = BDict.builder().put("id", query.sender().bytes());
        switch (query) {
            case KrpcMessage.Ping p -> {}
            case KrpcMessage.FindNode f -> {
                a.put("target", f.target().bytes());
                putWant(a, f.want());
            }
            case KrpcMessage.GetPeers g -> {
                a.put("info_hash", g.infoHash().bytes());
                putWant(a, g.want());
            }
            case KrpcMessage.AnnouncePeer ap ->
                a.put("info_hash", ap.infoHash().bytes())
                        .put("port", ap.port())
                        .put("implied_port", ap.impliedPort() ? 1 : 0)
                        .put("token", ap.token().bytes());
        }
        return a.build();
    }

    /** BEP 32's {@code want}: "n4" before "n6", and no key at all when the default (the query's family) will do. */
    private static void putWant(BDict.Builder a, Set<AddressFamily> want) {
        if (want.isEmpty()) return;
        List<BValue> names = new ArrayList<>();
        for (AddressFamily f : AddressFamily.values()) if (want.contains(f)) names.add(BBytes.of(f.want()));
        a.put("want", new BList(names));
    }

    private static BDict responseBody(KrpcMessage.Response r) {
        BDict.Builder body = BDict.builder().put("id", r.sender().bytes());
        List<CompactNode> v4 = r.nodes().stream().filter(CompactNode::isIpv4).toList();
        List<CompactNode> v6 = r.nodes().stream().filter(n -> !n.isIpv4()).toList();
        if (!v4.isEmpty()) body.put("nodes", CompactNode.encodeAll(v4));
        if (!v6.isEmpty()) body.put("nodes6", CompactNode.encodeAll(v6));
        if (!r.values().isEmpty()) {
            List<BValue> peers = new ArrayList<>();
            for (InetSocketAddress peer : r.values()) peers.add(new BBytes(compactPeer(peer)));
            body.put("values", new BList(peers));
        }
        r.token().ifPresent(t -> body.put("token", t.bytes()));
        return body.build();
    }

    /** 6 bytes for an IPv4 peer, 18 for IPv6 (BEP 23 / BEP 7 compact peer info). */
    static byte[] compactPeer(InetSocketAddress peer) {
        byte[] ip = peer.getAddress().getAddress();
        return ByteBuffer.allocate(ip.length + 2)
                .put(ip)
                .putShort((short) peer.getPort())
                .array();
    }

    /** Decodes one packet. @throws KrpcException with a one-line reason if it is not a valid KRPC message */
    public static KrpcMessage decode(byte[] packet) throws KrpcException {
        if (packet.length > MAX_PACKET) {
            throw new KrpcException("packet of " + packet.length + " bytes exceeds " + MAX_PACKET);
        }
        try {
            if (!(DECODER.decode(packet) instanceof BDict top)) throw new KrpcException("packet is not a dictionary");
            BBytes t = top.getBytes("t").orElseThrow(() -> new KrpcException("missing transaction id 't'"));
            if (t.length() > TransactionId.MAX_LENGTH) {
                throw new KrpcException("transaction id of " + t.length() + " bytes");
            }
            TransactionId tid = new TransactionId(t.bytes());
            String y = top.getString("y").orElseThrow(() -> new KrpcException("missing message type 'y'"));
            return switch (y) {
                case "q" -> query(tid, top);
                case "r" ->
                    response(tid, top.getDict("r").orElseThrow(() -> new KrpcException("response without 'r'")));
                case "e" -> error(tid, top);
                default -> throw new KrpcException("unknown message type '" + printable(y, 32) + "'");
            };
        } catch (BencodeException e) {
            throw new KrpcException("bad KRPC packet: " + e.getMessage());
        }
    }

    private static KrpcMessage.Query query(TransactionId tid, BDict top) throws KrpcException, BencodeException {
        String method = top.getString("q").orElseThrow(() -> new KrpcException("query without method 'q'"));
        BDict a = top.getDict("a").orElseThrow(() -> new KrpcException("query without arguments 'a'"));
        NodeId sender = new NodeId(exact(a, "id", NodeId.LENGTH));
        return switch (method) {
            case "ping" -> new KrpcMessage.Ping(tid, sender);
            case "find_node" ->
                new KrpcMessage.FindNode(tid, sender, new NodeId(exact(a, "target", NodeId.LENGTH)), want(a));
            case "get_peers" ->
                new KrpcMessage.GetPeers(tid, sender, new InfoHash(exact(a, "info_hash", InfoHash.LENGTH)), want(a));
            case "announce_peer" -> announce(tid, sender, a);
            default -> throw new KrpcException("unknown query method '" + printable(method, 32) + "'");
        };
    }

    /**
     * The families a query's {@code want} names. Lenient, as BEP 32 asks: entries that are not "n4" or "n6" (or
     * not strings) are ignored, and so is a {@code want} that is not a list.
     */
    private static Set<AddressFamily> want(BDict a) {
        if (!(a.get("want").orElse(null) instanceof BList list)) return Set.of();
        EnumSet<AddressFamily> want = EnumSet.noneOf(AddressFamily.class);
        for (BValue v : list.items()) {
            if (v instanceof BBytes name) AddressFamily.ofWant(name.asUtf8()).ifPresent(want::add);
        }
        return want;
    }

    private static KrpcMessage.AnnouncePeer announce(TransactionId tid, NodeId sender, BDict a)
            throws KrpcException, BencodeException {
        InfoHash hash = new InfoHash(exact(a, "info_hash", InfoHash.LENGTH));
        boolean implied = a.getInt("implied_port").orElse(0L) != 0;
        long port = a.getInt("port").orElse(implied ? 0L : -1L);
        if (port < 0 || port > 0xffff) throw new KrpcException("announce_peer without a valid port");
        byte[] token = a.getBytes("token")
                .orElseThrow(() -> new KrpcException("announce_peer without a token"))
                .bytes();
        if (token.length > Token.MAX_LENGTH) throw new KrpcException("token of " + token.length + " bytes");
        return new KrpcMessage.AnnouncePeer(tid, sender, hash, (int) port, implied, new Token(token));
    }

    private static KrpcMessage.Response response(TransactionId tid, BDict r) throws KrpcException, BencodeException {
        NodeId sender = new NodeId(exact(r, "id", NodeId.LENGTH));
        List<CompactNode> nodes = new ArrayList<>();
        Optional<BBytes> v4 = r.getBytes("nodes");
        if (v4.isPresent()) nodes.addAll(CompactNode.decodeIpv4(v4.get().bytes()));
        Optional<BBytes> v6 = r.getBytes("nodes6");
        if (v6.isPresent()) nodes.addAll(CompactNode.decodeIpv6(v6.get().bytes()));
        List<InetSocketAddress> values = new ArrayList<>();
        Optional<BList> list = r.getList("values");
        if (list.isPresent()) {
            for (BValue v : list.get().items()) {
                if (values.size() == MAX_VALUES) break;
                if (!(v instanceof BBytes peer) || (peer.length() != 6 && peer.length() != 18)) {
                    throw new KrpcException("a 'values' entry is not a 6- or 18-byte compact peer");
                }
                values.add(peer(peer.bytes()));
            }
        }
        Optional<Token> token = Optional.empty();
        Optional<BBytes> t = r.getBytes("token");
        if (t.isPresent()) {
            if (t.get().length() > Token.MAX_LENGTH)
                throw new KrpcException("token of " + t.get().length() + " bytes");
            token = Optional.of(new Token(t.get().bytes()));
        }
        return new KrpcMessage.Response(tid, sender, nodes, values, token);
    }

    private static InetSocketAddress peer(byte[] compact) {
        byte[] ip = java.util.Arrays.copyOf(compact, compact.length - 2);
        int port = ((compact[compact.length - 2] & 0xff) << 8) | (compact[compact.length - 1] & 0xff);
        return new InetSocketAddress(CompactNode.address(ip), port);
    }

    private static KrpcMessage.ErrorReply error(TransactionId tid, BDict top) throws KrpcException, BencodeException {
        BList e = top.getList("e").orElseThrow(() -> new KrpcException("error without 'e'"));
        if (e.size() < 1 || !(e.get(0) instanceof BInt code)) throw new KrpcException("error without a code");
        if (code.value() < Integer.MIN_VALUE || code.value() > Integer.MAX_VALUE) {
            throw new KrpcException("error code " + code.value() + " out of range");
        }
        String message = e.size() > 1 && e.get(1) instanceof BBytes m ? printable(m.asUtf8(), MAX_ERROR_MESSAGE) : "";
        return new KrpcMessage.ErrorReply(tid, (int) code.value(), message);
    }

    private static byte[] exact(BDict dict, String key, int length) throws KrpcException, BencodeException {
        BBytes b = dict.getBytes(key).orElseThrow(() -> new KrpcException("missing '" + key + "'"));
        if (b.length() != length) {
            throw new KrpcException("'" + key + "' has " + b.length() + " bytes, expected " + length);
        }
        return b.bytes();
    }

    /**
     * Keeps hostile text from putting line breaks, control characters or kilobytes into a log line: at most
     * {@code max} code points (never half a surrogate pair) and "...". Applying it twice changes nothing.
     */
    private static String printable(String s, int max) {
        String cut = s.codePointCount(0, s.length()) > max ? s.substring(0, s.offsetByCodePoints(0, max)) + "..." : s;
        return cut.replaceAll("[\\p{Cc}\\u2028\\u2029]", "?");
    }
}
