package dev.torpeddo.engine.bencode;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A bencoded byte string ({@code 4:spam}). Bencode strings are raw bytes, not text: they may hold UTF-8,
 * some legacy encoding or binary data such as piece hashes. Equality is by content.
 */
public record BBytes(byte[] bytes) implements BValue, Comparable<BBytes> {

    public BBytes {
        bytes = bytes.clone();
    }

    /** The UTF-8 encoding of {@code text}. */
    public static BBytes of(String text) {
        return new BBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    public static BBytes of(byte[] bytes) {
        return new BBytes(bytes);
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    /** Decodes as UTF-8, replacing malformed sequences with U+FFFD; never fails. */
    public String asUtf8() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Decodes as strict UTF-8. @throws BencodeException if the bytes are not valid UTF-8 */
    public String asString() throws BencodeException {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new BencodeException("string is not valid UTF-8");
        }
    }

    /** Whether the content equals the UTF-8 (for keys: ASCII) encoding of {@code text}. */
    public boolean is(String text) {
        return Arrays.equals(bytes, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Unsigned lexicographic order, the order in which canonical bencode sorts dictionary keys. */
    @Override
    public int compareTo(BBytes other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BBytes other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Printable text as is; anything else (binary hashes) as hex, cut short so logs stay readable. */
    @Override
    public String toString() {
        boolean printable = true;
        for (byte b : bytes) {
            if (b < 0x20 || b > 0x7e) {
                printable = false;
                break;
            }
        }
        if (printable) return "\"" + new String(bytes, StandardCharsets.US_ASCII) + "\"";
        int shown = Math.min(bytes.length, 32);
        return "0x" + HexFormat.of().formatHex(bytes, 0, shown)
                + (shown < bytes.length ? "...(" + bytes.length + " bytes)" : "");
    }
}
