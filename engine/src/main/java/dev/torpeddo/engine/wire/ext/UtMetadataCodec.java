package dev.torpeddo.engine.wire.ext;

import dev.torpeddo.engine.bencode.BDecoder;
import dev.torpeddo.engine.bencode.BDict;
import dev.torpeddo.engine.bencode.BEncoder;
import dev.torpeddo.engine.bencode.BInt;
import dev.torpeddo.engine.bencode.BValue;
import dev.torpeddo.engine.bencode.BencodeException;
import dev.torpeddo.engine.bencode.BencodeLimits;
import dev.torpeddo.engine.bencode.DecodedPrefix;
import java.util.Arrays;

/**
 * Encodes and decodes ut_metadata payloads (BEP 9): a bencoded dictionary ({@code msg_type}, {@code piece},
 * {@code total_size}), followed for data messages by the raw piece. Decoding checks every bound before
 * trusting a number, so a hostile peer gets an {@link ExtensionException}, never a large allocation.
 */
public final class UtMetadataCodec {
    private static final int REQUEST = 0;
    private static final int DATA = 1;
    private static final int REJECT = 2;

    /** The dictionary part is a handful of integers; a little room for keys other clients add. */
    private static final int MAX_HEADER = 1024;

    private static final int MAX_PAYLOAD = MAX_HEADER + UtMetadataMessage.PIECE_SIZE;
    private static final BDecoder DECODER = new BDecoder(new BencodeLimits(4, 64, MAX_HEADER, MAX_PAYLOAD));

    private UtMetadataCodec() {}

    public static byte[] encode(UtMetadataMessage message) {
        BDict.Builder dict = BDict.builder().put("piece", message.piece());
        switch (message) {
            case UtMetadataMessage.Request r -> dict.put("msg_type", REQUEST);
            case UtMetadataMessage.Reject r -> dict.put("msg_type", REJECT);
            case UtMetadataMessage.Data d -> dict.put("msg_type", DATA).put("total_size", d.totalSize());
        }
        byte[] header = BEncoder.encode(dict.build());
        if (!(message instanceof UtMetadataMessage.Data d)) return header;
        byte[] payload = Arrays.copyOf(header, header.length + d.data().length);
        System.arraycopy(d.data(), 0, payload, header.length, d.data().length);
        return payload;
    }

    public static UtMetadataMessage decode(byte[] payload) throws ExtensionException {
        if (payload.length > MAX_PAYLOAD) {
            throw new ExtensionException("ut_metadata message of " + payload.length + " bytes exceeds " + MAX_PAYLOAD);
        }
        DecodedPrefix prefix;
        try {
            prefix = DECODER.decodePrefix(payload, 0);
        } catch (BencodeException e) {
            throw new ExtensionException("ut_metadata message is not valid bencode: " + e.getMessage());
        }
        if (!(prefix.value() instanceof BDict dict)) {
            throw new ExtensionException(
                    "ut_metadata message is " + prefix.value().typeName() + ", expected a dictionary");
        }
        long type = integer(dict, "msg_type");
        if (type != REQUEST && type != DATA && type != REJECT) {
            throw new ExtensionException("unknown ut_metadata msg_type " + type);
        }
        long piece = integer(dict, "piece");
        if (piece < 0 || piece >= UtMetadataMessage.MAX_PIECES) {
            throw new ExtensionException(
                    "ut_metadata piece " + piece + " out of range (0.." + (UtMetadataMessage.MAX_PIECES - 1) + ")");
        }
        int trailing = payload.length - prefix.end();
        if (type != DATA && trailing > 0) {
            throw new ExtensionException("ut_metadata message type " + type + " has " + trailing + " trailing bytes");
        }
        return switch ((int) type) {
            case REQUEST -> new UtMetadataMessage.Request((int) piece);
            case REJECT -> new UtMetadataMessage.Reject((int) piece);
            default -> data(dict, (int) piece, payload, prefix.end());
        };
    }

    private static UtMetadataMessage.Data data(BDict dict, int piece, byte[] payload, int start)
            throws ExtensionException {
        long totalSize = integer(dict, "total_size");
        if (totalSize <= 0 || totalSize > UtMetadataMessage.MAX_METADATA_SIZE) {
            throw new ExtensionException("ut_metadata total_size " + totalSize + " out of range (1.."
                    + UtMetadataMessage.MAX_METADATA_SIZE + ")");
        }
        long pieceStart = (long) piece * UtMetadataMessage.PIECE_SIZE;
        if (pieceStart >= totalSize) {
            throw new ExtensionException("ut_metadata piece " + piece + " lies beyond total_size " + totalSize);
        }
        int length = payload.length - start;
        if (length > UtMetadataMessage.PIECE_SIZE) {
            throw new ExtensionException("ut_metadata data of " + length + " bytes exceeds 16 KiB");
        }
        return new UtMetadataMessage.Data(piece, (int) totalSize, Arrays.copyOfRange(payload, start, payload.length));
    }

    private static long integer(BDict dict, String key) throws ExtensionException {
        BValue value = dict.get(key).orElseThrow(() -> new ExtensionException("ut_metadata message without " + key));
        if (!(value instanceof BInt(long v))) {
            throw new ExtensionException("ut_metadata " + key + " is " + value.typeName() + ", expected an integer");
        }
        return v;
    }
}
