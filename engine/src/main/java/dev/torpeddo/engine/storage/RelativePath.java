package dev.torpeddo.engine.storage;

import dev.torpeddo.engine.metainfo.PathSanitizer;
import dev.torpeddo.engine.metainfo.TorrentLimits;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks a relative path a user typed (a new name for a file or folder of a torrent) and splits it into
 * components. It must be exactly what {@link PathSanitizer} would have left of a torrent's own path: the user
 * gets a clear refusal rather than a silently altered name, and a renamed file is as safe to open as any other.
 */
final class RelativePath {
    /** Names we give our own files (part file, move journal, temporary copies) start with this. */
    static final String OWN_PREFIX = ".torpeddo-";

    private RelativePath() {}

    /**
     * The components of {@code path}, '/'-separated.
     *
     * @throws IllegalArgumentException naming the offending component and why, when the path is empty, absolute,
     *     has an empty, {@code .} or {@code ..} component, or a component that is not a portable file name
     */
    static List<String> parse(String path) {
        if (path == null || path.isEmpty()) throw new IllegalArgumentException("the new path is empty");
        if (path.startsWith("/") || path.startsWith("\\") || path.matches("(?s)^[A-Za-z]:.*")) {
            throw new IllegalArgumentException(
                    "\"" + path + "\" is absolute; give a path relative to the download directory");
        }
        List<String> components = new ArrayList<>();
        for (String c : path.split("/", -1)) {
            String why = problem(c);
            if (why != null) throw new IllegalArgumentException("\"" + path + "\": " + why);
            components.add(c);
        }
        if (components.size() > TorrentLimits.DEFAULT.maxPathDepth()) {
            throw new IllegalArgumentException(
                    "\"" + path + "\" has more than " + TorrentLimits.DEFAULT.maxPathDepth() + " components");
        }
        return List.copyOf(components);
    }

    /** Why {@code c} cannot be a component of a path we store, or null if it can. */
    static String problem(String c) {
        if (c.isEmpty()) return "empty component (two slashes in a row, or a slash at the end)";
        if (c.equals(".") || c.equals("..")) return "\"" + c + "\" is not allowed: the path must stay in the torrent";
        if (c.toLowerCase(Locale.ROOT).startsWith(OWN_PREFIX)) {
            return "\"" + c + "\": names starting with " + OWN_PREFIX + " are reserved for Torpeddo's own files";
        }
        Optional<String> sanitized = PathSanitizer.sanitizeElement(c);
        if (sanitized.isPresent() && sanitized.get().equals(c)) return null;
        return "\"" + c + "\" " + reason(c);
    }

    /** A readable account of what {@link PathSanitizer} objects to in {@code c}. */
    private static String reason(String c) {
        if (!StandardCharsets.UTF_8.newEncoder().canEncode(c)) return "is not valid Unicode";
        if (c.indexOf('\\') >= 0) return "contains a backslash";
        if (c.codePoints().anyMatch(cp -> cp < 0x20 || (cp >= 0x7f && cp <= 0x9f))) {
            return "contains a control character";
        }
        if (c.codePoints().anyMatch(cp -> "<>:\"|?*".indexOf(cp) >= 0)) {
            return "contains one of < > : \" | ? * (not allowed in file names on Windows)";
        }
        if (c.endsWith(".") || c.endsWith(" ")) return "ends with a dot or a space (Windows drops them)";
        if (c.getBytes(StandardCharsets.UTF_8).length > PathSanitizer.MAX_ELEMENT_BYTES) {
            return "is longer than " + PathSanitizer.MAX_ELEMENT_BYTES + " bytes in UTF-8";
        }
        Optional<String> sanitized = PathSanitizer.sanitizeElement(c);
        if (sanitized.isPresent() && sanitized.get().equals("_" + c)) return "is a reserved device name on Windows";
        return "contains invisible direction-control characters";
    }
}
