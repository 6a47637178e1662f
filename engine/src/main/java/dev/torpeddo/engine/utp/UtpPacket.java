package dev.torpeddo.engine.utp;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One uTP packet (BEP 29): the 20-byte header, an optional selective ack and the payload. Sequence and ack
 * numbers are 16-bit and wrap; timestamps are the low 32 bits of microseconds. Parsing is strict about
 * lengths and lenient about extensions it does not know (skipped, as BEP 29 asks).
 *
 * @param type what the packet is
 * @param connectionId the receiver's connection id (a SYN carries the sender's receive id)
 * @param timestamp the sender's clock in microseconds, low 32 bits
 * @param timestampDiff the sender's last one-way delay sample of our packets, microseconds
 * @param window bytes the sender can still receive
 * @param seq this packet's sequence number
 * @param ack the last sequence number the sender received in order
 * @param selectiveAck bits for {@code ack + 2} onwards, LSB first within each byte; empty when absent (we
 *     send whole words, as BEP 29 asks, and take any length, as libtorrent sends)
 * @param payload the data (DATA packets; empty otherwise)
 */
public record UtpPacket(
        Type type,
        int connectionId,
        int timestamp,
        int timestampDiff,
        int window,
        int seq,
        int ack,
        byte[] selectiveAck,
        byte[] payload) {

    public static final int HEADER = 20;
    static final int VERSION = 1;
    private static final int EXT_SELECTIVE_ACK = 1;

    /** The packet types, in their wire order. */
    public enum Type {
        DATA(0),
        FIN(1),
        STATE(2),
        RESET(3),
        SYN(4);

        private static final Type[] BY_CODE = {DATA, FIN, STATE, RESET, SYN};
        /** The high nibble of the first byte. */
        final int code;

        Type(int code) {
            this.code = code;
        }
    }

    public UtpPacket {
        connectionId &= 0xffff;
        seq &= 0xffff;
        ack &= 0xffff;
    }

    /** Whether a datagram's first byte can start a uTP packet (so a shared port can route it here). */
    public static boolean looksLikeUtp(byte first) {
        return (first & 0x0f) == VERSION && (first & 0xff) >>> 4 <= Type.SYN.code;
    }

    /** Reads a packet from the buffer's remaining bytes (the buffer is left unchanged). */
    public static UtpPacket parse(ByteBuffer datagram) throws UtpFormatException {
        int start = datagram.position();
        int end = datagram.limit();
        if (end - start < HEADER) throw new UtpFormatException("shorter than a header");
        int first = datagram.get(start) & 0xff;
        if ((first & 0x0f) != VERSION) throw new UtpFormatException("version " + (first & 0x0f));
        int code = first >>> 4;
        if (code >= Type.BY_CODE.length) throw new UtpFormatException("type " + code);
        int extension = datagram.get(start + 1) & 0xff;
        int at = start + HEADER;
        byte[] sack = NO_BYTES;
        // Each extension names the next; the header's byte names the first.
        while (extension != 0) {
            if (end - at < 2) throw new UtpFormatException("truncated extension");
            int next = datagram.get(at) & 0xff;
            int length = datagram.get(at + 1) & 0xff;
            at += 2;
            if (end - at < length) throw new UtpFormatException("extension longer than the packet");
            if (extension == EXT_SELECTIVE_ACK) {
                // BEP 29 says whole words, but libtorrent sends any length (it has been seen with 37 bytes).
                if (length == 0) throw new UtpFormatException("empty selective ack");
                sack = new byte[length];
                datagram.get(at, sack);
            }
            at += length;
            extension = next;
        }
        byte[] payload = end == at ? NO_BYTES : new byte[end - at];
        if (payload.length > 0) datagram.get(at, payload);
        return new UtpPacket(
                Type.BY_CODE[code],
                datagram.getShort(start + 2) & 0xffff,
                datagram.getInt(start + 4),
                datagram.getInt(start + 8),
                datagram.getInt(start + 12),
                datagram.getShort(start + 16) & 0xffff,
                datagram.getShort(start + 18) & 0xffff,
                sack,
                payload);
    }

    /** The encoded size. */
    public int size() {
        return HEADER + (selectiveAck.length == 0 ? 0 : 2 + selectiveAck.length) + payload.length;
    }

    /** Writes the packet at the buffer's position. */
    public void encode(ByteBuffer out) {
        out.put((byte) (type.code << 4 | VERSION));
        out.put((byte) (selectiveAck.length == 0 ? 0 : EXT_SELECTIVE_ACK));
        out.putShort((short) connectionId);
        out.putInt(timestamp);
        out.putInt(timestampDiff);
        out.putInt(window);
        out.putShort((short) seq);
        out.putShort((short) ack);
        if (selectiveAck.length > 0) {
            out.put((byte) 0);
            out.put((byte) selectiveAck.length);
            out.put(selectiveAck);
        }
        out.put(payload);
    }

    /** A new array with the encoded packet. */
    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(size());
        encode(b);
        return b.array();
    }

    /** Whether the selective ack says {@code seqNr} arrived. */
    public boolean selectivelyAcks(int seqNr) {
        int bit = ((seqNr - ack) & 0xffff) - 2;
        if (bit < 0 || bit >= selectiveAck.length * 8) return false;
        return (selectiveAck[bit >>> 3] & (1 << (bit & 7))) != 0;
    }

    static final byte[] NO_BYTES = new byte[0];

    @Override
    public boolean equals(Object o) {
        return o instanceof UtpPacket p
                && type == p.type
                && connectionId == p.connectionId
                && timestamp == p.timestamp
                && timestampDiff == p.timestampDiff
                && window == p.window
                && seq == p.seq
                && ack == p.ack
                && Arrays.equals(selectiveAck, p.selectiveAck)
                && Arrays.equals(payload, p.payload);
    }

    @Override
    public int hashCode() {
        return ((type.hashCode() * 31 + connectionId) * 31 + seq) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return type + "{conn=" + connectionId + " seq=" + seq + " ack=" + ack + " wnd=" + window + " sack="
                + selectiveAck.length + " payload=" + payload.length + "}";
    }
}
