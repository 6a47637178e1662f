package dev.torpeddo.engine.tracker;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, bounded, strict bencode reader for tracker responses only. It exists until the shared bencode decoder
 * is available; {@link HttpResponseParser} is its only user.
 *
 * <p>Values decode to {@link Long}, {@code byte[]}, {@link List} and {@link Map} with ISO-8859-1 keys (which keeps
 * every key byte). Keys need not be sorted because real trackers emit unsorted dictionaries; everything else that
 * is malformed is rejected.
 */
final class TrackerBencode {
    static final int MAX_DEPTH = 8;
    static final int MAX_SIZE = 1 << 20;

    private final byte[] in;
    private int pos;

    private TrackerBencode(byte[] in) {
        this.in = in;
    }

    /** Decodes exactly one value filling the whole input. */
    static Object decode(byte[] input) throws ResponseProblem {
        if (input.length > MAX_SIZE) throw ResponseProblem.bad("bencoded body larger than 1 MiB");
        if (input.length == 0) throw ResponseProblem.bad("empty body");
        TrackerBencode reader = new TrackerBencode(input);
        Object value = reader.value(0);
        if (reader.pos != input.length) throw ResponseProblem.bad("invalid bencoding: trailing data at " + reader.pos);
        return value;
    }

    private Object value(int depth) throws ResponseProblem {
        if (depth >= MAX_DEPTH) throw ResponseProblem.bad("invalid bencoding: nested deeper than " + MAX_DEPTH);
        byte b = peek();
        return switch (b) {
            case 'i' -> {
                pos++;
                long v = integer('e');
                yield v;
            }
            case 'l' -> {
                pos++;
                List<Object> list = new ArrayList<>();
                while (peek() != 'e') list.add(value(depth + 1));
                pos++;
                yield list;
            }
            case 'd' -> {
                pos++;
                Map<String, Object> map = new HashMap<>();
                while (peek() != 'e') {
                    if (peek() < '0' || peek() > '9') throw fail("dictionary key is not a string");
                    String key = new String(string(), StandardCharsets.ISO_8859_1);
                    if (map.put(key, value(depth + 1)) != null) throw fail("duplicate key '" + key + "'");
                }
                pos++;
                yield map;
            }
            default -> {
                if (b < '0' || b > '9') throw fail("unexpected byte 0x%02x".formatted(b & 0xff));
                yield string();
            }
        };
    }

    private byte[] string() throws ResponseProblem {
        long len = integer(':');
        if (len < 0 || len > in.length - pos) throw fail("string length " + len + " runs past the end");
        byte[] s = new byte[(int) len];
        System.arraycopy(in, pos, s, 0, s.length);
        pos += s.length;
        return s;
    }

    /** Reads a decimal integer up to {@code end}, rejecting leading zeros, "-0" and overflow. */
    private long integer(char end) throws ResponseProblem {
        boolean negative = peek() == '-';
        if (negative) pos++;
        long v = 0;
        int digits = 0;
        while (peek() != end) {
            byte c = in[pos];
            if (c < '0' || c > '9') throw fail("bad digit in integer");
            if (digits == 1 && v == 0) throw fail("leading zero in integer");
            if (v > (Long.MAX_VALUE - (c - '0')) / 10) throw fail("integer overflow");
            v = v * 10 + (c - '0');
            digits++;
            pos++;
        }
        if (digits == 0) throw fail("empty integer");
        if (negative && v == 0) throw fail("negative zero");
        if (negative && end == ':') throw fail("negative string length");
        pos++;
        return negative ? -v : v;
    }

    private byte peek() throws ResponseProblem {
        if (pos >= in.length) throw fail("truncated");
        return in[pos];
    }

    private ResponseProblem fail(String what) {
        return ResponseProblem.bad("invalid bencoding: " + what + " at offset " + pos);
    }
}
