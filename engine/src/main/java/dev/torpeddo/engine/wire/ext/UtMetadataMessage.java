package dev.torpeddo.engine.wire.ext;

import java.util.Arrays;

/**
 * A ut_metadata message (BEP 9): how peers exchange the info dictionary, in {@link #PIECE_SIZE} pieces, when
 * all we have is a magnet link. Values only; bytes on the wire are {@link UtMetadataCodec}'s business.
 */
public sealed interface UtMetadataMessage {
    /** Metadata travels in pieces of 16 KiB; only the last is shorter. */
    int PIECE_SIZE = 16 * 1024;
    /** The largest info dictionary we fetch or serve; far above any real torrent's (a few MiB at most). */
    int MAX_METADATA_SIZE = 16 << 20;
    /** How many pieces the largest accepted info dictionary has. */
    int MAX_PIECES = MAX_METADATA_SIZE / PIECE_SIZE;

    /** Which metadata piece the message is about. */
    int piece();

    /** Asks for one piece. */
    record Request(int piece) implements UtMetadataMessage {}

    /**
     * One piece of the info dictionary. {@code data} is owned by the message: the codec allocates it fresh,
     * a sender must not modify it afterwards.
     *
     * @param totalSize the size of the whole info dictionary, as the sender claims it
     */
    record Data(int piece, int totalSize, byte[] data) implements UtMetadataMessage {
        @Override
        public boolean equals(Object o) {
            return o instanceof Data d && d.piece == piece && d.totalSize == totalSize && Arrays.equals(d.data, data);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * piece + totalSize) + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Data[piece=" + piece + ", totalSize=" + totalSize + ", length=" + data.length + "]";
        }
    }

    /** The sender will not give us this piece (it lacks the metadata, or limits how much it serves). */
    record Reject(int piece) implements UtMetadataMessage {}
}
