package dev.torpeddo.engine.storage;

import dev.torpeddo.engine.metainfo.FileEntry;
import dev.torpeddo.engine.metainfo.Metainfo;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Where each file of a torrent lives, relative to the download directory: the metainfo's path unless the user
 * renamed the file or one of its folders. Immutable; a rename gives a new layout.
 *
 * <p>Every path in a layout is one a torrent could have had: each component is left unchanged by
 * {@link dev.torpeddo.engine.metainfo.PathSanitizer} (no {@code ..}, separators, reserved device names, ...), none
 * starts with {@value RelativePath#OWN_PREFIX}, and no two files share a path or have one's path be a folder of the
 * other, comparing without regard to case (one file on Windows and macOS). Renames that break a rule are refused
 * with an {@link IllegalArgumentException} saying which. The metainfo's own paths are taken as they are: the parser
 * already made them safe and distinct.
 */
public final class FileLayout {
    /**
     * The most bytes the renamed paths may take in all (UTF-8, '/'-joined): as much as a resume record stores
     * ({@code ResumeRecord.MAX_RENAMED_BYTES}), so a layout can always be saved.
     */
    public static final int MAX_RENAMED_BYTES = 8 << 20;

    private final Metainfo metainfo;
    private final List<List<String>> paths;

    private FileLayout(Metainfo metainfo, List<List<String>> paths) {
        this.metainfo = metainfo;
        this.paths = List.copyOf(paths);
    }

    /** The metainfo's own paths. */
    public static FileLayout of(Metainfo metainfo) {
        return new FileLayout(
                metainfo, metainfo.files().stream().map(FileEntry::path).toList());
    }

    /**
     * This layout with the given files at the given paths (file index to path components), as a resume record
     * stores them; entries equal to the metainfo's path are fine.
     *
     * @throws IllegalArgumentException if an index is out of range or a path breaks a rule of the class
     */
    public FileLayout withRenamedPaths(Map<Integer, List<String>> renamed) {
        List<List<String>> next = new ArrayList<>(paths);
        for (Map.Entry<Integer, List<String>> e : new TreeMap<>(renamed).entrySet()) {
            int index = checkIndex(e.getKey());
            List<String> path = List.copyOf(e.getValue());
            if (path.isEmpty()) throw new IllegalArgumentException("file " + index + ": empty path");
            for (String c : path) {
                String why = RelativePath.problem(c);
                if (why != null) throw new IllegalArgumentException("file " + index + ": " + why);
            }
            next.set(index, path);
        }
        return checked(next);
    }

    /**
     * This layout with file {@code index} at {@code newPath} ('/'-separated, relative to the download directory).
     *
     * @throws IllegalArgumentException if the index is out of range, or the path is empty, absolute, leaves the
     *     torrent, has a component that is not a portable file name, or collides with another file of the torrent
     */
    public FileLayout renameFile(int index, String newPath) {
        checkIndex(index);
        List<List<String>> next = new ArrayList<>(paths);
        next.set(index, RelativePath.parse(newPath));
        return checked(next);
    }

    /**
     * This layout with every file under folder {@code oldFolder} moved under {@code newFolder} (both
     * '/'-separated, relative to the download directory); for a multi-file torrent, {@code oldFolder} may be the
     * torrent's own folder.
     *
     * @throws IllegalArgumentException if no file of the torrent lies under {@code oldFolder}, or a new path breaks
     *     a rule of the class
     */
    public FileLayout renameFolder(String oldFolder, String newFolder) {
        List<String> from = RelativePath.parse(oldFolder);
        List<String> to = RelativePath.parse(newFolder);
        List<List<String>> next = new ArrayList<>(paths);
        boolean found = false;
        for (int i = 0; i < paths.size(); i++) {
            List<String> p = paths.get(i);
            if (p.size() > from.size() && p.subList(0, from.size()).equals(from)) {
                List<String> moved = new ArrayList<>(to);
                moved.addAll(p.subList(from.size(), p.size()));
                next.set(i, moved);
                found = true;
            } else if (p.equals(from)) {
                throw new IllegalArgumentException("\"" + oldFolder + "\" is a file, not a folder");
            }
        }
        if (!found) throw new IllegalArgumentException("no file of the torrent is in a folder \"" + oldFolder + "\"");
        return checked(next);
    }

    /** The metainfo this layout belongs to. */
    public Metainfo metainfo() {
        return metainfo;
    }

    public int fileCount() {
        return paths.size();
    }

    /** File {@code index}'s path components, relative to the download directory. */
    public List<String> path(int index) {
        return paths.get(index);
    }

    /** File {@code index}'s path joined with '/', for display. */
    public String displayPath(int index) {
        return String.join("/", paths.get(index));
    }

    /** The files whose path differs from the metainfo's, by index: what a resume record stores. */
    public Map<Integer, List<String>> renamedPaths() {
        Map<Integer, List<String>> out = new TreeMap<>();
        for (int i = 0; i < paths.size(); i++) {
            if (!paths.get(i).equals(metainfo.files().get(i).path())) out.put(i, paths.get(i));
        }
        return Collections.unmodifiableMap(out);
    }

    /** The indexes of the files whose path differs between this layout and {@code other}. */
    List<Integer> differences(FileLayout other) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            if (!paths.get(i).equals(other.paths.get(i))) out.add(i);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FileLayout other
                && other.metainfo.infoHash().equals(metainfo.infoHash())
                && other.paths.equals(paths);
    }

    @Override
    public int hashCode() {
        return Objects.hash(metainfo.infoHash(), paths);
    }

    @Override
    public String toString() {
        return "FileLayout" + renamedPaths();
    }

    private int checkIndex(int index) {
        if (index < 0 || index >= paths.size()) {
            throw new IllegalArgumentException("no file " + index + ": the torrent has " + paths.size() + " files");
        }
        return index;
    }

    /**
     * {@code next} as a layout, once no renamed path collides with another path and the renamed ones fit a resume
     * record. Collisions among the metainfo's own paths are the parser's business, not a rename's.
     */
    private FileLayout checked(List<List<String>> next) {
        boolean[] renamed = new boolean[next.size()];
        Map<String, Integer> files = new HashMap<>();
        Map<String, Integer> folders = new HashMap<>();
        long renamedBytes = 0;
        for (int i = 0; i < next.size(); i++) {
            List<String> p = next.get(i);
            renamed[i] = !p.equals(metainfo.files().get(i).path());
            if (renamed[i]) renamedBytes += String.join("/", p).getBytes(StandardCharsets.UTF_8).length;
            StringBuilder key = new StringBuilder();
            for (int k = 0; k < p.size() - 1; k++) {
                key.append(p.get(k).toLowerCase(Locale.ROOT));
                folders.merge(key.toString(), i, (a, b) -> renamed[a] ? a : b);
                key.append('/');
            }
            key.append(p.getLast().toLowerCase(Locale.ROOT));
            Integer other = files.putIfAbsent(key.toString(), i);
            if (other != null && (renamed[i] || renamed[other])) {
                throw new IllegalArgumentException("\"" + String.join("/", p) + "\" and \""
                        + String.join("/", next.get(other)) + "\" would be the same file (names differing only"
                        + " in case count as the same)");
            }
        }
        for (Map.Entry<String, Integer> f : files.entrySet()) {
            Integer folder = folders.get(f.getKey());
            if (folder != null && (renamed[folder] || renamed[f.getValue()])) {
                throw new IllegalArgumentException("\"" + String.join("/", next.get(f.getValue()))
                        + "\" would be both a file and a folder of the torrent");
            }
        }
        if (renamedBytes > MAX_RENAMED_BYTES) {
            throw new IllegalArgumentException(
                    "renamed paths would take " + renamedBytes + " bytes, more than " + MAX_RENAMED_BYTES);
        }
        return new FileLayout(metainfo, next);
    }
}
