package dev.torpeddo.engine.tracker;

import dev.torpeddo.engine.metainfo.InfoHash;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalInt;

/** The BEP 15 wire format: request encoding and reply decoding, with no I/O. All integers are big-endian. */
final class UdpPackets {
    static final long PROTOCOL_ID = 0x41727101980L;
    static final int CONNECT = 0;
    static final int ANNOUNCE = 1;
    static final int SCRAPE = 2;
    static final int ERROR = 3;

    /** Shortest well-formed reply per action, header included. */
    static final int CONNECT_REPLY = 16;

    static final int ANNOUNCE_REPLY = 20;
    static final int SCRAPE_REPLY = 20;
    static final int HEADER = 8;

    private UdpPackets() {}

    static ByteBuffer connect(int transactionId) {
        return ByteBuffer.allocate(16)
                .putLong(PROTOCOL_ID)
                .putInt(CONNECT)
                .putInt(transactionId)
                .flip();
    }

    static ByteBuffer announce(long connectionId, int transactionId, AnnounceRequest r) {
        return ByteBuffer.allocate(98)
                .putLong(connectionId)
                .putInt(ANNOUNCE)
                .putInt(transactionId)
                .put(r.infoHash().bytes())
                .put(r.peerId())
                .putLong(r.downloaded())
                .putLong(r.left())
                .putLong(r.uploaded())
                .putInt(r.event().udpCode())
                .putInt(0) // IP: 0 lets the tracker use the packet's source address
                .putInt(r.key())
                .putInt(r.numWant() < 0 ? -1 : r.numWant())
                .putShort((short) r.port())
                .flip();
    }

    static ByteBuffer scrape(long connectionId, int transactionId, InfoHash infoHash) {
        return ByteBuffer.allocate(36)
                .putLong(connectionId)
                .putInt(SCRAPE)
                .putInt(transactionId)
                .put(infoHash.bytes())
                .flip();
    }

    /** What a datagram from the tracker is to a request that waits for {@code action} under one transaction id. */
    sealed interface Reply {
        /** Not the answer: another transaction or action, or too short for its action. The wait goes on. */
        record Unrelated() implements Reply {}

        /** The tracker's refusal (action 3) and its message, which may be empty. */
        record Refused(String message) implements Reply {}

        /** The answer, at least as long as its action's reply must be. */
        record Answer(byte[] data) implements Reply {}
    }

    /**
     * Sorts a received datagram. Only a refusal or an answer ends the wait: anything else may be stale, meant for
     * another request, or forged, so it is ignored rather than failing the request.
     */
    static Reply classify(byte[] datagram, int transactionId, int action) {
        if (datagram.length < HEADER || transactionId(datagram) != transactionId) return new Reply.Unrelated();
        int replyAction = action(datagram);
        if (replyAction == ERROR) return new Reply.Refused(errorMessage(datagram));
        if (replyAction != action || datagram.length < minimumLength(action)) return new Reply.Unrelated();
        return new Reply.Answer(datagram);
    }

    private static int minimumLength(int action) {
        return switch (action) {
            case CONNECT -> CONNECT_REPLY;
            case ANNOUNCE -> ANNOUNCE_REPLY;
            case SCRAPE -> SCRAPE_REPLY;
            default -> throw new IllegalArgumentException("no reply is awaited for action " + action);
        };
    }

    static int action(byte[] reply) {
        return ByteBuffer.wrap(reply).getInt(0);
    }

    static int transactionId(byte[] reply) {
        return ByteBuffer.wrap(reply).getInt(4);
    }

    static long connectionId(byte[] connectReply) {
        return ByteBuffer.wrap(connectReply).getLong(8);
    }

    private static String errorMessage(byte[] errorReply) {
        return new String(errorReply, HEADER, errorReply.length - HEADER, StandardCharsets.UTF_8);
    }

    /** Decodes an announce reply; peers are 6 bytes each from an IPv4 tracker and 18 from an IPv6 one. */
    static AnnounceResponse announceReply(byte[] reply, boolean ipv6Tracker) throws ResponseProblem {
        ByteBuffer b = ByteBuffer.wrap(reply);
        var interval = AnnounceResponse.clampInterval(Integer.toUnsignedLong(b.getInt(8)));
        int leechers = b.getInt(12);
        int seeders = b.getInt(16);
        int length = reply.length - ANNOUNCE_REPLY;
        List<InetSocketAddress> peers = ipv6Tracker
                ? CompactPeers.ipv6(reply, ANNOUNCE_REPLY, length)
                : CompactPeers.ipv4(reply, ANNOUNCE_REPLY, length);
        return new AnnounceResponse(
                interval,
                java.util.Optional.empty(),
                peers,
                count(seeders),
                count(leechers),
                java.util.Optional.empty(),
                java.util.Optional.empty());
    }

    static ScrapeResponse scrapeReply(byte[] reply) {
        ByteBuffer b = ByteBuffer.wrap(reply);
        return new ScrapeResponse(Math.max(0, b.getInt(8)), Math.max(0, b.getInt(16)), Math.max(0, b.getInt(12)));
    }

    private static OptionalInt count(int v) {
        return v < 0 ? OptionalInt.empty() : OptionalInt.of(v);
    }
}
