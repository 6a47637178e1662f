package dev.torpeddo.engine.magnet;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** RFC 3986 percent-encoding of magnet parameter values, byte by byte over UTF-8. */
final class PercentEncoding {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PercentEncoding() {}

    /**
     * Decodes {@code %XX} escapes. Malformed UTF-8 becomes U+FFFD: a garbled name is no reason to drop a link.
     * So does a lone surrogate in {@code text}, which has no UTF-8 form and could not be written back.
     *
     * @param plusIsSpace whether {@code +} means a space, as browsers and many clients write names; never so
     *     in URLs, where a literal {@code +} is common
     * @return empty if an escape is truncated or not hexadecimal
     */
    static Optional<String> decode(String text, boolean plusIsSpace) {
        if (text.indexOf('%') < 0
                && (!plusIsSpace || text.indexOf('+') < 0)
                && text.chars().noneMatch(c -> Character.isSurrogate((char) c))) {
            return Optional.of(text);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length() || !isHex(text.charAt(i + 1)) || !isHex(text.charAt(i + 2))) {
                    return Optional.empty();
                }
                out.write(Character.digit(text.charAt(i + 1), 16) << 4 | Character.digit(text.charAt(i + 2), 16));
                i += 3;
            } else if (c == '+' && plusIsSpace) {
                out.write(' ');
                i++;
            } else {
                int cp = text.codePointAt(i);
                int written = Character.getType(cp) == Character.SURROGATE ? 0xfffd : cp;
                out.writeBytes(Character.toString(written).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(cp);
            }
        }
        return Optional.of(out.toString(StandardCharsets.UTF_8));
    }

    /** ASCII hex only: {@link Character#digit} alone would also take other scripts' digits. */
    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** Escapes everything but the RFC 3986 unreserved characters, so the result is safe in any URI part. */
    static String encode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length * 3);
        for (byte b : bytes) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }
}
