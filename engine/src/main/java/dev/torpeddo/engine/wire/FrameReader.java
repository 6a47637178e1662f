package dev.torpeddo.engine.wire;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads and validates one message at a time from a peer's stream. Every length is checked against
 * {@link WireLimits} and against the fixed size of its message type before a byte of payload is allocated,
 * so a hostile length prefix costs nothing. Works with streams that deliver one byte at a time.
 */
public final class FrameReader {
    private final DataInputStream in;
    private final WireLimits limits;
    /** Non-null when full-size PIECE payloads are read into one reused array (see reusingBlockBuffer). */
    private final byte[] block;

    private long bytesRead;

    public FrameReader(InputStream in, WireLimits limits) {
        this(in, limits, false);
    }

    private FrameReader(InputStream in, WireLimits limits, boolean reuseBlocks) {
        this.in = in instanceof DataInputStream d ? d : new DataInputStream(in);
        this.limits = limits;
        this.block = reuseBlocks ? new byte[WireLimits.BLOCK] : null;
    }

    /**
     * A reader that puts every full-size ({@link WireLimits#BLOCK}) PIECE payload in the same array, which
     * the next {@link #read()} overwrites: the caller must be done with a {@link Message.Piece}'s data
     * before reading on. A download then allocates nothing per block (1 GiB of blocks was 1 GiB of
     * garbage).
     */
    public static FrameReader reusingBlockBuffer(InputStream in, WireLimits limits) {
        return new FrameReader(in, limits, true);
    }

    /** Total bytes consumed, for rate accounting. */
    public long bytesRead() {
        return bytesRead;
    }

    /**
     * Reads the next message.
     *
     * @throws EOFException when the peer closed the connection
     * @throws WireException when the peer sent something invalid
     */
    public Message read() throws IOException {
        int length = in.readInt();
        bytesRead += 4;
        if (length == 0) return new Message.KeepAlive();
        if (length < 0 || length > limits.maxFrameLength()) {
            throw new WireException("message too large: " + Integer.toUnsignedString(length) + " bytes");
        }
        int id = in.readUnsignedByte();
        int payload = length - 1;
        Message m = switch (id) {
            case Message.ID_CHOKE -> fixed(id, payload, 0, new Message.Choke());
            case Message.ID_UNCHOKE -> fixed(id, payload, 0, new Message.Unchoke());
            case Message.ID_INTERESTED -> fixed(id, payload, 0, new Message.Interested());
            case Message.ID_NOT_INTERESTED -> fixed(id, payload, 0, new Message.NotInterested());
            case Message.ID_HAVE_ALL -> fixed(id, payload, 0, new Message.HaveAll());
            case Message.ID_HAVE_NONE -> fixed(id, payload, 0, new Message.HaveNone());
            case Message.ID_HAVE -> new Message.Have(intPayload(id, payload));
            case Message.ID_SUGGEST -> new Message.Suggest(intPayload(id, payload));
            case Message.ID_ALLOWED_FAST -> new Message.AllowedFast(intPayload(id, payload));
            case Message.ID_PORT -> {
                expect(id, payload, 2);
                yield new Message.Port(in.readUnsignedShort());
            }
            case Message.ID_REQUEST, Message.ID_CANCEL, Message.ID_REJECT -> {
                expect(id, payload, 12);
                int piece = in.readInt();
                int offset = in.readInt();
                int len = in.readInt();
                if (len <= 0 || len > limits.maxBlockLength()) {
                    throw new WireException("block length " + Integer.toUnsignedString(len) + " in message " + id);
                }
                yield switch (id) {
                    case Message.ID_REQUEST -> new Message.Request(piece, offset, len);
                    case Message.ID_CANCEL -> new Message.Cancel(piece, offset, len);
                    default -> new Message.Reject(piece, offset, len);
                };
            }
            case Message.ID_BITFIELD -> {
                if (payload > (limits.maxPieceCount() + 7) / 8) {
                    throw new WireException("bitfield too large: " + payload + " bytes");
                }
                byte[] bits = new byte[payload];
                in.readFully(bits);
                yield new Message.Bitfield(bits);
            }
            case Message.ID_PIECE -> {
                if (payload < 8 || payload - 8 > limits.maxBlockLength()) {
                    throw new WireException("piece message of " + payload + " bytes");
                }
                int piece = in.readInt();
                int offset = in.readInt();
                byte[] data = block != null && payload - 8 == block.length ? block : new byte[payload - 8];
                in.readFully(data);
                yield new Message.Piece(piece, offset, data);
            }
            case Message.ID_EXTENDED -> {
                if (payload < 1 || payload - 1 > limits.maxExtendedLength()) {
                    throw new WireException("extended message of " + payload + " bytes");
                }
                int ext = in.readUnsignedByte();
                byte[] data = new byte[payload - 1];
                in.readFully(data);
                yield new Message.Extended(ext, data);
            }
            default -> throw new WireException("unknown message id " + id);
        };
        bytesRead += length;
        return m;
    }

    private static Message fixed(int id, int payload, int expected, Message m) throws WireException {
        expect(id, payload, expected);
        return m;
    }

    private int intPayload(int id, int payload) throws IOException {
        expect(id, payload, 4);
        return in.readInt();
    }

    private static void expect(int id, int payload, int expected) throws WireException {
        if (payload != expected) {
            throw new WireException("message " + id + " has " + payload + " payload bytes, expected " + expected);
        }
    }
}
