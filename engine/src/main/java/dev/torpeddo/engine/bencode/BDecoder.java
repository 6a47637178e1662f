package dev.torpeddo.engine.bencode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Objects;
import java.util.Optional;

/**
 * A strict bencode decoder (BEP 3) that is safe on hostile input: it is iterative (no recursion, so no stack
 * overflow however deep the nesting), checks every string length against the remaining input and the limits
 * before allocating, and only accepts canonical integers. Dictionary keys must be unique; unsorted keys are
 * accepted (real torrents have them) and their order is kept.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class BDecoder {

    /** A decoder with {@link BencodeLimits#DEFAULT}. */
    public static final BDecoder DEFAULT = new BDecoder(BencodeLimits.DEFAULT);

    private final BencodeLimits limits;

    public BDecoder(BencodeLimits limits) {
        this.limits = Objects.requireNonNull(limits);
    }

    public BencodeLimits limits() {
        return limits;
    }

    /** Decodes exactly one value filling all of {@code data}; trailing bytes are an error. */
    public BValue decode(byte[] data) throws BencodeException {
        return decode(data, 0, data.length);
    }

    /** Decodes exactly one value filling {@code data[offset, offset+length)}; trailing bytes are an error. */
    public BValue decode(byte[] data, int offset, int length) throws BencodeException {
        Objects.checkFromIndexSize(offset, length, data.length);
        Cursor c = new Cursor(data, offset, offset + length);
        BValue v = c.readValue();
        if (c.pos != c.end) throw new BencodeException("trailing data after the value", c.pos);
        return v;
    }

    /**
     * Decodes the one value starting at {@code offset} and reports where it ended; bytes after it are left
     * alone.
     */
    public DecodedPrefix decodePrefix(byte[] data, int offset) throws BencodeException {
        Objects.checkIndex(offset, data.length + 1);
        Cursor c = new Cursor(data, offset, data.length);
        BValue v = c.readValue();
        return new DecodedPrefix(v, c.pos);
    }

    /**
     * The exact raw bytes of the value reached by following {@code keyPath} through nested dictionaries from
     * the top-level value of {@code data}, as they appear in the input (even if unsorted or otherwise not what
     * {@link BEncoder} would write). Empty if a key is missing or a step is not a dictionary. With no keys,
     * the span of the whole value.
     *
     * @throws BencodeException if {@code data} is not exactly one valid value within the limits
     */
    public Optional<ByteSpan> locate(byte[] data, String... keyPath) throws BencodeException {
        decode(data); // validates, so the walk below may trust the structure
        int pos = 0;
        for (String key : keyPath) {
            if (data[pos] != 'd') return Optional.empty();
            byte[] wanted = BBytes.of(key).bytes();
            pos++;
            boolean found = false;
            while (data[pos] != 'e') {
                int colon = indexOf(data, (byte) ':', pos);
                int len = Integer.parseInt(
                        new String(data, pos, colon - pos, java.nio.charset.StandardCharsets.US_ASCII));
                int keyStart = colon + 1;
                int valueStart = keyStart + len;
                if (Arrays.equals(data, keyStart, valueStart, wanted, 0, wanted.length)) {
                    pos = valueStart;
                    found = true;
                    break;
                }
                pos = skipValidated(data, valueStart);
            }
            if (!found) return Optional.empty();
        }
        return Optional.of(new ByteSpan(pos, skipValidated(data, pos)));
    }

    /** The offset just past the already-validated value at {@code pos}; depth is a counter, not recursion. */
    private static int skipValidated(byte[] data, int pos) {
        int depth = 0;
        do {
            byte b = data[pos];
            if (b == 'i') {
                pos = indexOf(data, (byte) 'e', pos) + 1;
            } else if (b == 'l' || b == 'd') {
                depth++;
                pos++;
            } else if (b == 'e') {
                depth--;
                pos++;
            } else {
                int colon = indexOf(data, (byte) ':', pos);
                int len = Integer.parseInt(
                        new String(data, pos, colon - pos, java.nio.charset.StandardCharsets.US_ASCII));
                pos = colon + 1 + len;
            }
        } while (depth > 0);
        return pos;
    }

    private static int indexOf(byte[] data, byte b, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == b) return i;
        }
        throw new IllegalStateException("validated bencode lacks '" + (char) b + "'");
    }

    /** One open list or dictionary on the explicit stack that replaces recursion. */
    private static final class Frame {
        final ArrayList<BValue> list;
        final LinkedHashMap<BBytes, BValue> dict;
        BBytes pendingKey;

        Frame(boolean isDict) {
            this.list = isDict ? null : new ArrayList<>();
            this.dict = isDict ? new LinkedHashMap<>() : null;
        }

        BValue build() {
            return dict != null ? new BDict(dict) : new BList(list);
        }
    }

    /** The per-call decoding state. */
    private final class Cursor {
        final byte[] data;
        final int end;
        int pos;
        int tokens;
        final Deque<Frame> stack = new ArrayDeque<>();

        Cursor(byte[] data, int start, int end) throws BencodeException {
            this.data = data;
            this.pos = start;
            this.end = end;
            if (end - start > limits.maxInputLength()) {
                throw new BencodeException(
                        "input of " + (end - start) + " bytes exceeds the limit of " + limits.maxInputLength(), start);
            }
        }

        BValue readValue() throws BencodeException {
            while (true) {
                Frame top = stack.peek();
                byte b = peek();
                if (top != null && top.dict != null && top.pendingKey == null) {
                    if (b == 'e') {
                        pos++;
                        BValue done = close();
                        if (done != null) return done;
                        continue;
                    }
                    if (b < '0' || b > '9') throw new BencodeException("dictionary key is not a string", pos);
                    int keyOffset = pos;
                    BBytes key = readBytes();
                    if (top.dict.containsKey(key)) {
                        throw new BencodeException("duplicate dictionary key " + key, keyOffset);
                    }
                    top.pendingKey = key;
                    continue;
                }
                BValue value;
                switch (b) {
                    case 'i' -> value = readInt();
                    case 'l', 'd' -> {
                        count();
                        if (stack.size() >= limits.maxDepth()) {
                            throw new BencodeException("nesting deeper than " + limits.maxDepth(), pos);
                        }
                        stack.push(new Frame(b == 'd'));
                        pos++;
                        continue;
                    }
                    case 'e' -> {
                        if (top == null) throw new BencodeException("unexpected end marker 'e'", pos);
                        if (top.dict != null) {
                            throw new BencodeException("missing value for key " + top.pendingKey, pos);
                        }
                        pos++;
                        BValue done = close();
                        if (done != null) return done;
                        continue;
                    }
                    default -> {
                        if (b < '0' || b > '9') {
                            throw new BencodeException(String.format("unexpected byte 0x%02x", b & 0xff), pos);
                        }
                        value = readBytes();
                    }
                }
                if (top == null) return value;
                add(top, value);
            }
        }

        /** Pops the finished container; returns it if it was the top-level value, else adds it to its parent. */
        private BValue close() {
            BValue built = stack.pop().build();
            Frame parent = stack.peek();
            if (parent == null) return built;
            add(parent, built);
            return null;
        }

        private void add(Frame frame, BValue value) {
            if (frame.list != null) {
                frame.list.add(value);
            } else {
                frame.dict.put(frame.pendingKey, value);
                frame.pendingKey = null;
            }
        }

        private byte peek() throws BencodeException {
            if (pos >= end) throw new BencodeException("unexpected end of input", pos);
            return data[pos];
        }

        private void count() throws BencodeException {
            if (++tokens > limits.maxTokens()) {
                throw new BencodeException("more than " + limits.maxTokens() + " values", pos);
            }
        }

        /** {@code i<digits>e}, canonical only: no leading zeros, no "-0", no empty number, fits a long. */
        private BInt readInt() throws BencodeException {
            count();
            int start = pos;
            pos++; // 'i'
            boolean negative = peek() == '-';
            if (negative) pos++;
            int digitsStart = pos;
            long acc = 0; // accumulated negatively so that Long.MIN_VALUE fits
            while (peek() >= '0' && data[pos] <= '9') {
                int d = data[pos] - '0';
                if (acc < (Long.MIN_VALUE + d) / 10) {
                    throw new BencodeException("integer does not fit in 64 bits", start);
                }
                acc = acc * 10 - d;
                pos++;
            }
            int digits = pos - digitsStart;
            if (peek() != 'e') {
                throw new BencodeException(String.format("unexpected byte 0x%02x in integer", data[pos] & 0xff), pos);
            }
            if (digits == 0) throw new BencodeException("integer without digits", start);
            if (data[digitsStart] == '0' && (digits > 1 || negative)) {
                throw new BencodeException("non-canonical integer (leading zero or -0)", start);
            }
            pos++; // 'e'
            if (!negative) {
                if (acc == Long.MIN_VALUE) throw new BencodeException("integer does not fit in 64 bits", start);
                acc = -acc;
            }
            return new BInt(acc);
        }

        /** {@code <length>:<bytes>}; the length is checked against the input and the limit before allocating. */
        private BBytes readBytes() throws BencodeException {
            count();
            int start = pos;
            long max = Math.min(limits.maxStringLength(), end - pos);
            long len = 0;
            while (peek() >= '0' && data[pos] <= '9') {
                len = len * 10 + (data[pos] - '0');
                if (len > max) {
                    throw new BencodeException(
                            len > limits.maxStringLength()
                                    ? "string longer than the limit of " + limits.maxStringLength() + " bytes"
                                    : "string length exceeds the remaining input",
                            start);
                }
                pos++;
            }
            if (peek() != ':') {
                throw new BencodeException(
                        String.format("unexpected byte 0x%02x in string length", data[pos] & 0xff), pos);
            }
            if (data[start] == '0' && pos - start > 1) {
                throw new BencodeException("non-canonical string length (leading zero)", start);
            }
            pos++; // ':'
            if (len > end - pos) throw new BencodeException("string length exceeds the remaining input", start);
            BBytes b = new BBytes(Arrays.copyOfRange(data, pos, pos + (int) len));
            pos += (int) len;
            return b;
        }
    }
}
