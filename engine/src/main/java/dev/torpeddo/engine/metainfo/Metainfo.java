package dev.torpeddo.engine.metainfo;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A parsed, validated v1 torrent (BEP 3). Instances only come from {@link MetainfoParser}, which checks every
 * field, or from {@link TorrentBuilder}; everything here is therefore safe to use for I/O.
 *
 * @param infoHash SHA-1 over the raw bytes of the info dictionary exactly as they appeared in the file
 * @param name the sanitized torrent name
 * @param pieceLength bytes per piece (the last piece may be shorter)
 * @param pieceHashes concatenated 20-byte SHA-1 piece hashes
 * @param files the files in torrent order; a single-file torrent has one entry whose path is {@code [name]}
 * @param totalLength the sum of all file lengths
 * @param trackerTiers announce URLs grouped in tiers (BEP 12); {@code announce} alone becomes one tier
 * @param isPrivate the BEP 27 private flag: use only the torrent's trackers
 * @param webSeeds the {@code url-list} (BEP 19), kept for later
 * @param rawInfo the bencoded info dictionary, byte for byte (served to peers as metadata later)
 */
public record Metainfo(
        InfoHash infoHash,
        String name,
        int pieceLength,
        byte[] pieceHashes,
        List<FileEntry> files,
        long totalLength,
        List<List<URI>> trackerTiers,
        boolean isPrivate,
        List<URI> webSeeds,
        byte[] rawInfo,
        Optional<String> comment,
        Optional<String> createdBy) {

    public Metainfo {
        files = List.copyOf(files);
        trackerTiers = trackerTiers.stream().map(List::copyOf).toList();
        webSeeds = List.copyOf(webSeeds);
        if (pieceHashes.length % 20 != 0) throw new IllegalArgumentException("pieces not a multiple of 20");
    }

    public int pieceCount() {
        return pieceHashes.length / 20;
    }

    /** The size of piece {@code index}: {@link #pieceLength()} for all but a possibly shorter last piece. */
    public int pieceSize(int index) {
        if (index < 0 || index >= pieceCount()) throw new IndexOutOfBoundsException(index);
        if (index < pieceCount() - 1) return pieceLength;
        return (int) (totalLength - (long) pieceLength * (pieceCount() - 1));
    }

    /** The expected SHA-1 of piece {@code index}. */
    public byte[] pieceHash(int index) {
        return Arrays.copyOfRange(pieceHashes, index * 20, index * 20 + 20);
    }

    /** Whether the torrent has more than one file or its single file sits in a directory. */
    public boolean isMultiFile() {
        return files.size() > 1 || files.getFirst().path().size() > 1;
    }
}
