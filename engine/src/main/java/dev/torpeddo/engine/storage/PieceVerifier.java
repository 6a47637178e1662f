package dev.torpeddo.engine.storage;

import dev.torpeddo.engine.metainfo.Metainfo;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Checks piece data against the SHA-1 hashes of a torrent. Thread-safe and allocation-light: each thread
 * reuses its own digest, so many pieces can be verified in parallel (run it on {@link DiskIo}, never on a
 * network thread: hashing a piece costs about a millisecond per megabyte).
 */
public final class PieceVerifier {
    private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always provides SHA-1", e);
        }
    });

    private final byte[] hashes;
    private final Metainfo metainfo;

    public PieceVerifier(Metainfo metainfo) {
        this.metainfo = metainfo;
        this.hashes = metainfo.pieceHashes().clone();
    }

    public int pieceCount() {
        return hashes.length / 20;
    }

    /** Whether {@code data} is exactly piece {@code piece}. */
    public boolean verify(int piece, byte[] data) {
        return verify(piece, data, 0, data.length);
    }

    /** Whether {@code data[offset, offset + length)} is exactly piece {@code piece}. */
    public boolean verify(int piece, byte[] data, int offset, int length) {
        if (!sizeMatches(piece, length)) return false;
        MessageDigest md = SHA1.get();
        md.update(data, offset, length);
        return matches(piece, md.digest());
    }

    /** Whether the remaining bytes of {@code data} are exactly piece {@code piece}; consumes them. */
    public boolean verify(int piece, ByteBuffer data) {
        if (!sizeMatches(piece, data.remaining())) return false;
        MessageDigest md = SHA1.get();
        md.update(data);
        return matches(piece, md.digest());
    }

    private boolean sizeMatches(int piece, int length) {
        if (piece < 0 || piece >= pieceCount()) throw new IndexOutOfBoundsException("piece " + piece);
        return length == metainfo.pieceSize(piece);
    }

    private boolean matches(int piece, byte[] digest) {
        return Arrays.equals(digest, 0, 20, hashes, piece * 20, piece * 20 + 20);
    }
}
