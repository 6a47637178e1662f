package dev.torpeddo.engine.picker;

import java.util.List;

/**
 * What the picker made of a received block.
 *
 * @param wanted false when the block was a duplicate, unsolicited or malformed; the caller then drops the data
 * @param pieceComplete true when this block was the last missing one, so the caller should hash the piece now
 * @param cancelFrom other peers that had been asked for the same block (endgame); send them CANCEL
 */
public record BlockReceipt<P>(boolean wanted, boolean pieceComplete, List<P> cancelFrom) {
    public BlockReceipt {
        cancelFrom = List.copyOf(cancelFrom);
    }

    static <P> BlockReceipt<P> unwanted() {
        return new BlockReceipt<>(false, false, List.of());
    }
}
