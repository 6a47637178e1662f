package dev.torpeddo.engine.tracker;

import java.nio.charset.StandardCharsets;

/**
 * Builds the pre-encoded query of an HTTP announce. Binary values (info_hash, peer_id) are percent-encoded byte by
 * byte, because URL encoders that go through a character set would mangle bytes that are not valid text.
 */
final class QueryString {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final StringBuilder query = new StringBuilder();

    QueryString add(String name, byte[] value) {
        if (!query.isEmpty()) query.append('&');
        query.append(name).append('=').append(percentEncode(value));
        return this;
    }

    QueryString add(String name, String value) {
        return add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    QueryString add(String name, long value) {
        return add(name, Long.toString(value));
    }

    /** Appends this query to a URL that may already have one (BEP 3 allows announce URLs with a query). */
    String appendTo(String url) {
        int fragment = url.indexOf('#');
        String base = fragment >= 0 ? url.substring(0, fragment) : url;
        char separator = base.indexOf('?') < 0 ? '?' : (base.endsWith("?") || base.endsWith("&") ? 0 : '&');
        return separator == 0 ? base + query : base + separator + query;
    }

    static String percentEncode(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length * 3);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (isUnreserved(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    /** RFC 3986 unreserved characters, the only ones safe to send unescaped. */
    private static boolean isUnreserved(int c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '.'
                || c == '_'
                || c == '~';
    }
}
