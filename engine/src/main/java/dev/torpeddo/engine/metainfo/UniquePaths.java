package dev.torpeddo.engine.metainfo;

import dev.torpeddo.engine.metainfo.MetainfoException.Reason;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Makes the sanitized file paths of one torrent distinct, renaming later colliders with a " (n)" suffix (as
 * libtorrent does). Comparison ignores case, because two names differing only in case are one file on Windows
 * and macOS. A file may also not share its path with another file's directory, or the reverse.
 */
final class UniquePaths {
    private final Set<String> files = new HashSet<>();
    private final Set<String> directories = new HashSet<>();
    private final int maxRenames;
    private int renames;

    UniquePaths(int maxRenames) {
        this.maxRenames = maxRenames;
    }

    /** Returns {@code path} itself or a renamed variant no earlier path collides with, and reserves it. */
    List<String> claim(List<String> path) throws MetainfoException {
        List<String> out = new ArrayList<>(path.size());
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < path.size(); i++) {
            boolean last = i == path.size() - 1;
            String original = path.get(i);
            String candidate = original;
            String prefix = key.toString();
            for (int n = 1; taken(prefix + fold(candidate), last); n++) {
                if (++renames > maxRenames) {
                    throw new MetainfoException(
                            Reason.TOO_MANY_DUPLICATE_NAMES, "more than " + maxRenames + " colliding file names");
                }
                candidate = PathSanitizer.withSuffix(original, n);
            }
            out.add(candidate);
            key.append(fold(candidate));
            if (!last) {
                directories.add(key.toString());
                key.append('/');
            }
        }
        files.add(key.toString());
        return out;
    }

    private boolean taken(String key, boolean asFile) {
        return files.contains(key) || (asFile && directories.contains(key));
    }

    private static String fold(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
