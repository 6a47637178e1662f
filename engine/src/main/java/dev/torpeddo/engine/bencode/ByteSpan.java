package dev.torpeddo.engine.bencode;

import java.util.Arrays;

/** A half-open range {@code [start, end)} of an encoded byte array, such as the raw bytes of one value. */
public record ByteSpan(int start, int end) {

    public ByteSpan {
        if (start < 0 || end < start) throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
    }

    public int length() {
        return end - start;
    }

    /** A copy of the spanned bytes of {@code data}. */
    public byte[] copyOf(byte[] data) {
        return Arrays.copyOfRange(data, start, end);
    }
}
