package dev.torpeddo.engine.bencode;

/**
 * Malformed or over-limit bencode, or a value of an unexpected type. The message is one line naming the
 * problem; {@link #offset()} says where in the input it was found, or is -1 when the problem is not about a
 * position (a type mismatch found after decoding).
 */
public final class BencodeException extends Exception {
    private final long offset;

    public BencodeException(String problem, long offset) {
        super(problem + " at offset " + offset);
        this.offset = offset;
    }

    public BencodeException(String problem) {
        super(problem);
        this.offset = -1;
    }

    /** The byte offset in the decoded array where the problem was found, or -1. */
    public long offset() {
        return offset;
    }
}
