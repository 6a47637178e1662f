package dev.torpeddo.engine.wire;

/**
 * Bounds on what a peer may send, checked before anything is allocated.
 *
 * @param maxBlockLength largest block a request or piece may carry (16 KiB is the de-facto standard; many
 *     clients accept up to 128 KiB requests, we refuse them to bound memory)
 * @param maxExtendedLength largest BEP 10 message (metadata pieces are 16 KiB plus a small header)
 * @param maxPieceCount used to bound the bitfield frame when the piece count is not yet known
 */
public record WireLimits(int maxBlockLength, int maxExtendedLength, int maxPieceCount) {
    public static final int BLOCK = 16 * 1024;
    public static final WireLimits DEFAULT = new WireLimits(BLOCK, 1 << 20, 0x200000);

    /** The largest frame (length prefix value) any valid message can have under these limits. */
    public int maxFrameLength() {
        int bitfield = 1 + (maxPieceCount + 7) / 8;
        int piece = 9 + maxBlockLength;
        int extended = 2 + maxExtendedLength;
        return Math.max(bitfield, Math.max(piece, extended));
    }
}
