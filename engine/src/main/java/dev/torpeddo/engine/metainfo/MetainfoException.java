package dev.torpeddo.engine.metainfo;

/** A .torrent file that cannot be used, with a machine-readable {@link Reason} and a one-line message. */
public final class MetainfoException extends Exception {

    /** What is wrong with the torrent. */
    public enum Reason {
        /** Larger than {@link TorrentLimits#maxTorrentSize()}. */
        TOO_LARGE,
        /** Not valid bencode, or beyond the decoder's depth/token limits. */
        NOT_BENCODE,
        /** The top-level value is not a dictionary. */
        NOT_A_DICT,
        MISSING_INFO,
        /** A field has the wrong bencode type, e.g. a string where an integer belongs. */
        WRONG_TYPE,
        MISSING_NAME,
        MISSING_PIECE_LENGTH,
        /** Zero, negative or above {@link TorrentLimits#maxPieceLength()}. */
        INVALID_PIECE_LENGTH,
        MISSING_PIECES,
        PIECES_NOT_MULTIPLE_OF_20,
        /** The number of piece hashes differs from ceil(total length / piece length). */
        PIECE_COUNT_MISMATCH,
        TOO_MANY_PIECES,
        /** Neither {@code length} nor a non-empty {@code files} list. */
        NO_FILES,
        /** Both {@code length} and {@code files}: single- or multi-file is ambiguous. */
        AMBIGUOUS_FILES,
        TOO_MANY_FILES,
        MISSING_FILE_LENGTH,
        NEGATIVE_FILE_LENGTH,
        /** The file lengths add up to more than a {@code long} holds. */
        TOTAL_LENGTH_OVERFLOW,
        /** The files add up to zero bytes: nothing to download. */
        EMPTY_TORRENT,
        /** A file's path is missing, malformed, or has no usable element once sanitized. */
        INVALID_PATH,
        PATH_TOO_DEEP,
        TOO_MANY_DUPLICATE_NAMES
    }

    private final Reason reason;

    public MetainfoException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
