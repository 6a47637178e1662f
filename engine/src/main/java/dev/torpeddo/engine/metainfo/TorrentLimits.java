package dev.torpeddo.engine.metainfo;

/**
 * Bounds applied by {@link MetainfoParser} so that a hostile .torrent cannot make the engine allocate or loop
 * without end (cf. libtorrent's {@code load_torrent_limits}).
 *
 * @param maxTorrentSize the largest .torrent file accepted, in bytes
 * @param maxDecodeDepth how deeply bencode lists and dictionaries may nest
 * @param maxDecodeTokens how many bencode values the file may contain
 * @param maxPieces the most pieces a torrent may have
 * @param maxPieceLength the largest piece length; must fit an {@code int}
 * @param maxFiles the most files a multi-file torrent may list
 * @param maxPathDepth the most path elements one file entry may have
 * @param maxDuplicateNames how many renames the parser may try in total to make colliding file paths unique
 */
public record TorrentLimits(
        int maxTorrentSize,
        int maxDecodeDepth,
        int maxDecodeTokens,
        int maxPieces,
        int maxPieceLength,
        int maxFiles,
        int maxPathDepth,
        int maxDuplicateNames) {

    /** 10 MiB files, 0x200000 pieces and 512 MiB pieces (so 32767 * 16 KiB still parses). */
    public static final TorrentLimits DEFAULT =
            new TorrentLimits(10 << 20, 100, 3_000_000, 0x200000, 512 << 20, 500_000, 256, 1000);

    public TorrentLimits {
        if (maxTorrentSize < 1
                || maxDecodeDepth < 1
                || maxDecodeTokens < 1
                || maxPieces < 1
                || maxPieceLength < 1
                || maxFiles < 1
                || maxPathDepth < 1
                || maxDuplicateNames < 0) {
            throw new IllegalArgumentException("torrent limits must be positive");
        }
    }
}
