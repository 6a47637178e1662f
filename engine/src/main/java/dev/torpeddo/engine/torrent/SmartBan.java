package dev.torpeddo.engine.torrent;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Finds out who corrupted a piece that several peers contributed to. When a piece fails its hash, the
 * salted fingerprint of each block and its sender are remembered; when the same piece later passes, every sender
 * whose block differs from the good data is proven to have lied. Bounded: only a limited number of failed
 * pieces is remembered.
 *
 * @param <K> how a peer is identified across reconnects
 */
final class SmartBan<K> {
    static final int MAX_REMEMBERED_PIECES = 256;

    private record Block<S>(int offset, int length, S sender, long crc) {}

    private final Map<Integer, List<Block<K>>> failed = new HashMap<>();
    // A secret salt, so a liar cannot craft a bad block with the same fingerprint as the good one.
    private final byte[] salt = new byte[16];

    /** @param random the source of the salt: a secure one but in a simulation */
    SmartBan(RandomGenerator random) {
        random.nextBytes(salt);
    }

    /** Remembers the blocks of a piece that failed; {@code senders[i]} sent block i (null if unknown). */
    void pieceFailed(int piece, byte[] data, List<K> senders, int blockSize) {
        if (failed.size() >= MAX_REMEMBERED_PIECES && !failed.containsKey(piece)) return;
        List<Block<K>> blocks = new ArrayList<>();
        for (int i = 0; i < senders.size(); i++) {
            K sender = senders.get(i);
            if (sender == null) continue;
            int offset = i * blockSize;
            int length = Math.min(blockSize, data.length - offset);
            blocks.add(new Block<>(offset, length, sender, crc(data, offset, length)));
        }
        failed.computeIfAbsent(piece, p -> new ArrayList<>()).addAll(blocks);
    }

    /** The piece now verified: returns the peers whose earlier blocks of it were wrong. */
    List<K> pieceVerified(int piece, byte[] good) {
        List<Block<K>> blocks = failed.remove(piece);
        if (blocks == null) return List.of();
        List<K> liars = new ArrayList<>();
        for (Block<K> b : blocks) {
            if (b.offset + b.length <= good.length
                    && crc(good, b.offset, b.length) != b.crc
                    && !liars.contains(b.sender)) {
                liars.add(b.sender);
            }
        }
        return liars;
    }

    private long crc(byte[] data, int offset, int length) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(salt);
            d.update(data, offset, length);
            return ByteBuffer.wrap(d.digest()).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
