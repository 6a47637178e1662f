package dev.torpeddo.engine.bencode;

/**
 * Bounds that keep decoding of hostile input cheap: every limit is checked before the corresponding memory is
 * allocated.
 *
 * @param maxDepth how deeply lists and dictionaries may nest (the top-level container is depth 1)
 * @param maxTokens how many values (integers, strings, lists, dictionaries) the input may hold in total
 * @param maxStringLength the longest byte string accepted
 * @param maxInputLength the largest input accepted, in bytes
 */
public record BencodeLimits(int maxDepth, int maxTokens, int maxStringLength, int maxInputLength) {

    /** Generous enough for any real torrent or peer message; cf. libtorrent's bdecode defaults. */
    public static final BencodeLimits DEFAULT = new BencodeLimits(100, 3_000_000, 64 << 20, 128 << 20);

    public BencodeLimits {
        if (maxDepth < 1 || maxTokens < 1 || maxStringLength < 0 || maxInputLength < 0) {
            throw new IllegalArgumentException("bencode limits must be positive");
        }
    }
}
