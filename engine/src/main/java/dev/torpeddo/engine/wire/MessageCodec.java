package dev.torpeddo.engine.wire;

import java.nio.ByteBuffer;

/**
 * Encodes messages into length-prefixed frames. Decoding is in {@link FrameReader}, which reads from a
 * stream so that a block can be read straight into its own array.
 */
public final class MessageCodec {
    private MessageCodec() {}

    /** The size of the frame including its 4-byte length prefix. */
    public static int frameLength(Message m) {
        return 4
                + switch (m) {
                    case Message.KeepAlive k -> 0;
                    case Message.Choke c -> 1;
                    case Message.Unchoke u -> 1;
                    case Message.Interested i -> 1;
                    case Message.NotInterested n -> 1;
                    case Message.HaveAll h -> 1;
                    case Message.HaveNone h -> 1;
                    case Message.Have h -> 5;
                    case Message.Suggest s -> 5;
                    case Message.AllowedFast a -> 5;
                    case Message.Port p -> 3;
                    case Message.Bitfield b -> 1 + b.bits().length;
                    case Message.Request r -> 13;
                    case Message.Cancel c -> 13;
                    case Message.Reject r -> 13;
                    case Message.Piece p -> 9 + p.data().length;
                    case Message.Extended e -> 2 + e.payload().length;
                };
    }

    public static byte[] encode(Message m) {
        ByteBuffer buf = ByteBuffer.allocate(frameLength(m));
        encode(m, buf);
        return buf.array();
    }

    /** Writes the frame of {@code m} into {@code out}, which must have {@link #frameLength} bytes left. */
    public static void encode(Message m, ByteBuffer out) {
        out.putInt(frameLength(m) - 4);
        if (m instanceof Message.KeepAlive) return;
        out.put((byte) m.id());
        switch (m) {
            case Message.KeepAlive k -> {}
            case Message.Choke c -> {}
            case Message.Unchoke u -> {}
            case Message.Interested i -> {}
            case Message.NotInterested n -> {}
            case Message.HaveAll h -> {}
            case Message.HaveNone h -> {}
            case Message.Have h -> out.putInt(h.piece());
            case Message.Suggest s -> out.putInt(s.piece());
            case Message.AllowedFast a -> out.putInt(a.piece());
            case Message.Port p -> out.putShort((short) p.port());
            case Message.Bitfield b -> out.put(b.bits());
            case Message.Request r -> out.putInt(r.piece()).putInt(r.offset()).putInt(r.length());
            case Message.Cancel c -> out.putInt(c.piece()).putInt(c.offset()).putInt(c.length());
            case Message.Reject r -> out.putInt(r.piece()).putInt(r.offset()).putInt(r.length());
            case Message.Piece p -> out.putInt(p.piece()).putInt(p.offset()).put(p.data());
            case Message.Extended e -> out.put((byte) e.extendedId()).put(e.payload());
        }
    }
}
