package dev.torpeddo.engine.metainfo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Turns path elements taken from a torrent into safe relative file-name components, deterministically. A
 * torrent is untrusted input: its names must not escape the download directory or trip over platform quirks,
 * on any operating system.
 *
 * <p>Per element: invalid UTF-8 and lone surrogates become U+FFFD; control characters, {@code /}, {@code \} and
 * {@code <>:"|?*} become {@code _} (so {@code \} and {@code /} never act as separators and drive letters such as
 * {@code C:} lose their colon); bidirectional control characters are removed (they can disguise an extension);
 * trailing dots and spaces are removed (Windows ignores them); Windows device names ({@code CON}, {@code NUL},
 * {@code COM1}, {@code LPT9}, ... with any extension, any case) get a {@code _} prefix; elements longer than 255
 * UTF-8 bytes are cut, keeping a short extension. An element left empty by this - including {@code ""},
 * {@code "."} and {@code ".."} - is dropped, which neutralizes traversal the way libtorrent does.
 */
public final class PathSanitizer {

    /** The longest component most file systems accept, in UTF-8 bytes. */
    public static final int MAX_ELEMENT_BYTES = 255;

    /** Extensions longer than this are not worth keeping when a name must be shortened. */
    private static final int MAX_KEPT_EXTENSION_BYTES = 32;

    private static final Set<String> RESERVED = reservedNames();

    private PathSanitizer() {}

    /** Sanitizes every element; dropped elements are left out, so the result may be empty. */
    public static List<String> sanitizePath(List<String> elements) {
        List<String> out = new ArrayList<>(elements.size());
        for (String e : elements) sanitizeElement(e).ifPresent(out::add);
        return out;
    }

    /** Sanitizes one raw element, decoding it as UTF-8 with replacement of malformed sequences. */
    public static Optional<String> sanitizeElement(byte[] raw) {
        return sanitizeElement(new String(raw, StandardCharsets.UTF_8));
    }

    /** Sanitizes one element; empty if nothing usable is left (the element should be dropped). */
    public static Optional<String> sanitizeElement(String element) {
        StringBuilder sb = new StringBuilder(element.length());
        element.codePoints().forEach(cp -> {
            if (isBidiControl(cp)) return;
            if (Character.isSurrogate((char) cp) && cp <= 0xffff) {
                sb.append('\uFFFD'); // a lone surrogate cannot be encoded as a file name
            } else {
                sb.appendCodePoint(isForbidden(cp) ? '_' : cp);
            }
        });
        String s = stripTrailingDotsAndSpaces(sb.toString());
        if (isReserved(s)) s = "_" + s;
        s = stripTrailingDotsAndSpaces(truncate(s, MAX_ELEMENT_BYTES));
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    /**
     * {@code name} with " (n)" inserted before its extension, still within {@link #MAX_ELEMENT_BYTES}; used to
     * make colliding paths unique. {@code name} must already be sanitized.
     */
    static String withSuffix(String name, int n) {
        String suffix = " (" + n + ")";
        int dot = extensionStart(name);
        String stem = dot < 0 ? name : name.substring(0, dot);
        String ext = dot < 0 ? "" : name.substring(dot);
        int room = MAX_ELEMENT_BYTES - utf8Length(suffix) - utf8Length(ext);
        if (room < 1) { // absurdly long extension: give it up rather than the suffix
            ext = "";
            room = MAX_ELEMENT_BYTES - utf8Length(suffix);
        }
        return cutUtf8(stem, room) + suffix + ext;
    }

    private static boolean isForbidden(int cp) {
        return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || "/\\<>:\"|?*".indexOf(cp) >= 0;
    }

    private static boolean isBidiControl(int cp) {
        return (cp >= 0x202a && cp <= 0x202e)
                || (cp >= 0x2066 && cp <= 0x2069)
                || cp == 0x200e
                || cp == 0x200f
                || cp == 0x061c;
    }

    private static String stripTrailingDotsAndSpaces(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '.' || s.charAt(end - 1) == ' ')) end--;
        return s.substring(0, end);
    }

    /** Windows treats "con.txt" and "CON .tar.gz" like the console device, whatever follows the first dot. */
    private static boolean isReserved(String s) {
        int dot = s.indexOf('.');
        String base = (dot < 0 ? s : s.substring(0, dot)).stripTrailing().toUpperCase(Locale.ROOT);
        return RESERVED.contains(base);
    }

    /** Cuts {@code s} to at most {@code maxBytes} UTF-8 bytes, keeping a short extension if there is one. */
    private static String truncate(String s, int maxBytes) {
        if (utf8Length(s) <= maxBytes) return s;
        int dot = extensionStart(s);
        if (dot > 0 && utf8Length(s.substring(dot)) <= MAX_KEPT_EXTENSION_BYTES) {
            String ext = s.substring(dot);
            return cutUtf8(s.substring(0, dot), maxBytes - utf8Length(ext)) + ext;
        }
        return cutUtf8(s, maxBytes);
    }

    /** Index of the last dot if it starts an extension (not a leading dot), else -1. */
    private static int extensionStart(String s) {
        int dot = s.lastIndexOf('.');
        return dot > 0 ? dot : -1;
    }

    /** The longest prefix of {@code s} that fits in {@code maxBytes} UTF-8 bytes, never splitting a code point. */
    private static String cutUtf8(String s, int maxBytes) {
        int bytes = 0;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int len = utf8Length(cp);
            if (bytes + len > maxBytes) break;
            bytes += len;
            i += Character.charCount(cp);
        }
        return s.substring(0, i);
    }

    private static int utf8Length(String s) {
        return s.codePoints().map(PathSanitizer::utf8Length).sum();
    }

    private static int utf8Length(int cp) {
        return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    }

    private static Set<String> reservedNames() {
        List<String> names = new ArrayList<>(List.of("CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"));
        for (int i = 1; i <= 9; i++) {
            names.add("COM" + i);
            names.add("LPT" + i);
        }
        return Set.copyOf(names);
    }
}
