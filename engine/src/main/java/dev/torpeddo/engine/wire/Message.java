package dev.torpeddo.engine.wire;

import java.util.Arrays;

/**
 * A peer-wire message after the handshake (BEP 3), including the Fast extension (BEP 6) and the extension
 * protocol envelope (BEP 10). Values only: framing lives in {@link MessageCodec}.
 */
public sealed interface Message {

    /** The message id on the wire, or -1 for a keep-alive (which has no id). */
    int id();

    int ID_CHOKE = 0;
    int ID_UNCHOKE = 1;
    int ID_INTERESTED = 2;
    int ID_NOT_INTERESTED = 3;
    int ID_HAVE = 4;
    int ID_BITFIELD = 5;
    int ID_REQUEST = 6;
    int ID_PIECE = 7;
    int ID_CANCEL = 8;
    int ID_PORT = 9;
    int ID_SUGGEST = 13;
    int ID_HAVE_ALL = 14;
    int ID_HAVE_NONE = 15;
    int ID_REJECT = 16;
    int ID_ALLOWED_FAST = 17;
    int ID_EXTENDED = 20;

    record KeepAlive() implements Message {
        @Override
        public int id() {
            return -1;
        }
    }

    record Choke() implements Message {
        @Override
        public int id() {
            return ID_CHOKE;
        }
    }

    record Unchoke() implements Message {
        @Override
        public int id() {
            return ID_UNCHOKE;
        }
    }

    record Interested() implements Message {
        @Override
        public int id() {
            return ID_INTERESTED;
        }
    }

    record NotInterested() implements Message {
        @Override
        public int id() {
            return ID_NOT_INTERESTED;
        }
    }

    record Have(int piece) implements Message {
        @Override
        public int id() {
            return ID_HAVE;
        }
    }

    /** The raw wire bitfield; its length is checked against the piece count by the receiver, who knows it. */
    record Bitfield(byte[] bits) implements Message {
        @Override
        public int id() {
            return ID_BITFIELD;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bitfield b && Arrays.equals(bits, b.bits);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bits);
        }
    }

    record Request(int piece, int offset, int length) implements Message {
        @Override
        public int id() {
            return ID_REQUEST;
        }
    }

    /**
     * A block of data. {@code data} is owned by the message: the decoder allocates it fresh, the sender must
     * not modify it after queueing.
     */
    record Piece(int piece, int offset, byte[] data) implements Message {
        @Override
        public int id() {
            return ID_PIECE;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Piece p && p.piece == piece && p.offset == offset && Arrays.equals(data, p.data);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * piece + offset) + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Piece[piece=" + piece + ", offset=" + offset + ", length=" + data.length + "]";
        }
    }

    record Cancel(int piece, int offset, int length) implements Message {
        @Override
        public int id() {
            return ID_CANCEL;
        }
    }

    /** The peer's DHT port (BEP 5). */
    record Port(int port) implements Message {
        @Override
        public int id() {
            return ID_PORT;
        }
    }

    record Suggest(int piece) implements Message {
        @Override
        public int id() {
            return ID_SUGGEST;
        }
    }

    record HaveAll() implements Message {
        @Override
        public int id() {
            return ID_HAVE_ALL;
        }
    }

    record HaveNone() implements Message {
        @Override
        public int id() {
            return ID_HAVE_NONE;
        }
    }

    record Reject(int piece, int offset, int length) implements Message {
        @Override
        public int id() {
            return ID_REJECT;
        }
    }

    record AllowedFast(int piece) implements Message {
        @Override
        public int id() {
            return ID_ALLOWED_FAST;
        }
    }

    /** A BEP 10 message: {@code extendedId} 0 is the extension handshake, others as the receiver assigned. */
    record Extended(int extendedId, byte[] payload) implements Message {
        @Override
        public int id() {
            return ID_EXTENDED;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Extended e && e.extendedId == extendedId && Arrays.equals(payload, e.payload);
        }

        @Override
        public int hashCode() {
            return 31 * extendedId + Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return "Extended[id=" + extendedId + ", length=" + payload.length + "]";
        }
    }
}
