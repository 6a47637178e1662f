package dev.torpeddo.engine.metainfo;

import dev.torpeddo.engine.bencode.BBytes;
import dev.torpeddo.engine.bencode.BDecoder;
import dev.torpeddo.engine.bencode.BDict;
import dev.torpeddo.engine.bencode.BInt;
import dev.torpeddo.engine.bencode.BList;
import dev.torpeddo.engine.bencode.BValue;
import dev.torpeddo.engine.bencode.BencodeException;
import dev.torpeddo.engine.bencode.BencodeLimits;
import dev.torpeddo.engine.bencode.ByteSpan;
import dev.torpeddo.engine.metainfo.MetainfoException.Reason;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Parses and validates v1 .torrent files (BEP 3, with BEP 12 tiers, BEP 19 web seeds and BEP 27 private flag).
 * Every problem becomes a {@link MetainfoException} naming it; nothing else escapes, whatever the input.
 *
 * <p>File names are made safe by {@link PathSanitizer}: traversal elements such as {@code ..} are dropped and
 * the torrent still parses (as libtorrent does); a file whose path has nothing left is rejected with
 * {@link Reason#INVALID_PATH}. A name that sanitizes to nothing is replaced by the info-hash in hex. Colliding
 * paths are made unique with a " (n)" suffix. BEP 47 pad files ({@code attr} containing {@code p}) are kept
 * as ordinary files for now.
 */
public final class MetainfoParser {

    private MetainfoParser() {}

    public static Metainfo parse(byte[] data) throws MetainfoException {
        return parse(data, TorrentLimits.DEFAULT);
    }

    public static Metainfo parse(byte[] data, TorrentLimits limits) throws MetainfoException {
        if (data.length > limits.maxTorrentSize()) {
            throw new MetainfoException(
                    Reason.TOO_LARGE,
                    "torrent of " + data.length + " bytes exceeds the limit of " + limits.maxTorrentSize());
        }
        BDecoder decoder = new BDecoder(new BencodeLimits(
                limits.maxDecodeDepth(), limits.maxDecodeTokens(), limits.maxTorrentSize(), limits.maxTorrentSize()));
        BValue top;
        ByteSpan infoSpan;
        try {
            top = decoder.decode(data);
            if (!(top instanceof BDict)) {
                throw new MetainfoException(
                        Reason.NOT_A_DICT, "torrent is " + top.typeName() + ", expected a dictionary");
            }
            infoSpan = decoder.locate(data, "info").orElse(null);
        } catch (BencodeException e) {
            throw new MetainfoException(Reason.NOT_BENCODE, "not valid bencode: " + e.getMessage());
        }
        BDict root = (BDict) top;
        BValue infoValue = root.get("info").orElseThrow(() -> fail(Reason.MISSING_INFO, "no 'info' dictionary"));
        if (!(infoValue instanceof BDict info) || infoSpan == null) {
            throw fail(Reason.WRONG_TYPE, "'info' is " + infoValue.typeName() + ", expected a dictionary");
        }
        byte[] rawInfo = infoSpan.copyOf(data);
        InfoHash infoHash = new InfoHash(sha1(rawInfo));

        int pieceLength = pieceLength(info, limits);
        byte[] pieces = bytes(info, "pieces")
                .orElseThrow(() -> fail(Reason.MISSING_PIECES, "no 'pieces' in info"))
                .bytes();
        if (pieces.length % 20 != 0) {
            throw fail(
                    Reason.PIECES_NOT_MULTIPLE_OF_20, "'pieces' has " + pieces.length + " bytes, not a multiple of 20");
        }

        String name = name(info).orElse(infoHash.hex());
        List<FileEntry> files = files(info, name, limits);
        long total = files.getLast().offset() + files.getLast().length();
        if (total == 0) throw fail(Reason.EMPTY_TORRENT, "the files add up to 0 bytes");

        long expectedPieces = (total - 1) / pieceLength + 1;
        if (expectedPieces > limits.maxPieces()) {
            throw fail(Reason.TOO_MANY_PIECES, expectedPieces + " pieces exceed the limit of " + limits.maxPieces());
        }
        if (pieces.length / 20 != expectedPieces) {
            throw fail(
                    Reason.PIECE_COUNT_MISMATCH,
                    (pieces.length / 20) + " piece hashes for " + total + " bytes in pieces of " + pieceLength
                            + " (expected " + expectedPieces + ")");
        }

        boolean isPrivate = info.get("private").orElse(null) instanceof BInt p && p.value() == 1;
        return new Metainfo(
                infoHash,
                name,
                pieceLength,
                pieces,
                files,
                total,
                TrackerUrls.tiers(root),
                isPrivate,
                TrackerUrls.webSeeds(root),
                rawInfo,
                text(root, "comment"),
                text(root, "created by"));
    }

    private static int pieceLength(BDict info, TorrentLimits limits) throws MetainfoException {
        long pieceLength = integer(info, "piece length")
                .orElseThrow(() -> fail(Reason.MISSING_PIECE_LENGTH, "no 'piece length' in info"));
        if (pieceLength <= 0 || pieceLength > limits.maxPieceLength()) {
            throw fail(
                    Reason.INVALID_PIECE_LENGTH,
                    "piece length " + pieceLength + " is not between 1 and " + limits.maxPieceLength());
        }
        return (int) pieceLength;
    }

    /** The sanitized name, preferring {@code name.utf-8}; empty if it sanitizes to nothing. */
    private static Optional<String> name(BDict info) throws MetainfoException {
        Optional<BBytes> raw = optionalBytes(info, "name.utf-8").or(() -> optionalBytes(info, "name"));
        if (raw.isEmpty()) {
            bytes(info, "name"); // a wrong type is reported as such
            throw fail(Reason.MISSING_NAME, "no 'name' in info");
        }
        return PathSanitizer.sanitizeElement(raw.get().bytes());
    }

    private static List<FileEntry> files(BDict info, String name, TorrentLimits limits) throws MetainfoException {
        boolean single = info.containsKey("length");
        boolean multi = info.containsKey("files");
        if (single && multi) throw fail(Reason.AMBIGUOUS_FILES, "info has both 'length' and 'files'");
        if (single) {
            long length = integer(info, "length").orElseThrow();
            if (length < 0) throw fail(Reason.NEGATIVE_FILE_LENGTH, "file length " + length + " is negative");
            return List.of(new FileEntry(List.of(name), length, 0));
        }
        if (!multi) throw fail(Reason.NO_FILES, "info has neither 'length' nor 'files'");
        BList list = list(info, "files").orElseThrow();
        if (list.items().isEmpty()) throw fail(Reason.NO_FILES, "'files' is empty");
        if (list.size() > limits.maxFiles()) {
            throw fail(Reason.TOO_MANY_FILES, list.size() + " files exceed the limit of " + limits.maxFiles());
        }
        UniquePaths unique = new UniquePaths(limits.maxDuplicateNames());
        List<FileEntry> files = new ArrayList<>(list.size());
        long offset = 0;
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof BDict entry)) {
                throw fail(
                        Reason.WRONG_TYPE, "file #" + i + " is " + list.get(i).typeName() + ", expected a dictionary");
            }
            int fi = i;
            long length = integer(entry, "length")
                    .orElseThrow(() -> fail(Reason.MISSING_FILE_LENGTH, "file #" + fi + " has no 'length'"));
            if (length < 0) {
                throw fail(Reason.NEGATIVE_FILE_LENGTH, "file #" + i + " has negative length " + length);
            }
            List<String> path = new ArrayList<>();
            path.add(name);
            path.addAll(filePath(entry, i, limits));
            files.add(new FileEntry(unique.claim(path), length, offset));
            try {
                offset = Math.addExact(offset, length);
            } catch (ArithmeticException e) {
                throw fail(Reason.TOTAL_LENGTH_OVERFLOW, "file lengths add up to more than 2^63-1 bytes");
            }
        }
        return files;
    }

    /** The sanitized path of file #i, preferring a well-formed {@code path.utf-8}. */
    private static List<String> filePath(BDict entry, int i, TorrentLimits limits) throws MetainfoException {
        List<BBytes> raw = pathElements(entry.get("path.utf-8").orElse(null));
        if (raw == null) raw = pathElements(entry.get("path").orElse(null));
        if (raw == null) throw fail(Reason.INVALID_PATH, "file #" + i + " has no valid 'path' list of strings");
        if (raw.size() > limits.maxPathDepth()) {
            throw fail(
                    Reason.PATH_TOO_DEEP,
                    "file #" + i + " has " + raw.size() + " path elements, over the limit of " + limits.maxPathDepth());
        }
        List<String> clean = new ArrayList<>(raw.size());
        for (BBytes b : raw) PathSanitizer.sanitizeElement(b.bytes()).ifPresent(clean::add);
        if (clean.isEmpty()) throw fail(Reason.INVALID_PATH, "file #" + i + " has an empty path once sanitized");
        return clean;
    }

    /** The elements of a non-empty list of strings, or null if {@code value} is anything else. */
    private static List<BBytes> pathElements(BValue value) {
        if (!(value instanceof BList list) || list.items().isEmpty()) return null;
        List<BBytes> out = new ArrayList<>(list.size());
        for (BValue v : list.items()) {
            if (!(v instanceof BBytes b)) return null;
            out.add(b);
        }
        return out;
    }

    /** Optional text, preferring the {@code .utf-8} variant; ignored if malformed, as it is only shown. */
    private static Optional<String> text(BDict root, String key) {
        return optionalBytes(root, key + ".utf-8")
                .or(() -> optionalBytes(root, key))
                .map(BBytes::asUtf8);
    }

    private static Optional<BBytes> optionalBytes(BDict d, String key) {
        return d.get(key).orElse(null) instanceof BBytes b ? Optional.of(b) : Optional.empty();
    }

    private static Optional<Long> integer(BDict d, String key) throws MetainfoException {
        try {
            return d.getInt(key);
        } catch (BencodeException e) {
            throw fail(Reason.WRONG_TYPE, e.getMessage());
        }
    }

    private static Optional<BBytes> bytes(BDict d, String key) throws MetainfoException {
        try {
            return d.getBytes(key);
        } catch (BencodeException e) {
            throw fail(Reason.WRONG_TYPE, e.getMessage());
        }
    }

    private static Optional<BList> list(BDict d, String key) throws MetainfoException {
        try {
            return d.getList(key);
        } catch (BencodeException e) {
            throw fail(Reason.WRONG_TYPE, e.getMessage());
        }
    }

    private static MetainfoException fail(Reason reason, String message) {
        return new MetainfoException(reason, message);
    }

    static byte[] sha1(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }
}
