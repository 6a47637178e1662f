package dev.torpeddo.engine.picker;

/**
 * One block of a piece, as sent in REQUEST, PIECE, CANCEL and REJECT messages.
 *
 * @param piece the piece index
 * @param offset the byte offset inside the piece (a multiple of {@link #BLOCK_SIZE} for blocks we request)
 * @param length the block length: {@link #BLOCK_SIZE}, or less for the last block of a piece
 */
public record BlockRequest(int piece, int offset, int length) {
    /** Every block is 16 KiB except possibly the last one of a piece; peers reject larger requests. */
    public static final int BLOCK_SIZE = 16 * 1024;
}
