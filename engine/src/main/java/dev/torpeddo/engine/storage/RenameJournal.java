package dev.torpeddo.engine.storage;

import dev.torpeddo.engine.metainfo.Metainfo;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What {@link FileRenamer} writes down in the download directory before it renames any of a torrent's files there,
 * so that a crash before the next resume record does not leave files where the restarted torrent would not look
 * (the record still names the old paths): the journal {@code .torpeddo-<infohash>.rename}.
 *
 * <p>It says which layout the files are in, or are on their way to, and stays until a resume record carrying that
 * layout has been made; opening the storage finishes or undoes renames in flight ({@link FileRenamer#recover}) and
 * then uses the journal's layout instead of the one asked for. Only the last rename is written down: every rename
 * starts from the files where the previous one left them.
 *
 * <p>Lines of UTF-8: a header, the info hash, the {@link State}, then {@code b <index> <path>} for each renamed path
 * of {@code before}, {@code a <index> <path>} for {@code after}, and {@code m <index>} for each file being moved
 * (paths '/'-joined; their components never hold '/' or a line break, see {@link RelativePath}). Replaced
 * atomically, so it is always one whole version or another. Decoding checks every path as a rename would: a
 * journal that fails any check is not used at all.
 *
 * @param state how far the renames got
 * @param before where the files were
 * @param after where the files are once the renames are done
 * @param moving the files that existed on disk and are being renamed (the others have nothing to move)
 */
record RenameJournal(State state, FileLayout before, FileLayout after, List<Integer> moving) {
    private static final String HEADER = "torpeddo rename 1";

    /** Where the renames stand, and so where each file in {@code moving} can be. */
    enum State {
        /** One by one from {@code before} to {@code after}: each file is at one or the other. Finished forward. */
        RENAMING,
        /**
         * Renames that trade places, first half: each file goes from {@code before} to a temporary name (its own
         * path is another's new one). Undone: back to {@code before}, since the files are all still near it.
         */
        PARKING,
        /** Second half: from the temporary names to {@code after}. Finished forward. */
        PLACING
    }

    RenameJournal {
        if (!before.metainfo().infoHash().equals(after.metainfo().infoHash())) {
            throw new IllegalArgumentException("layouts of two torrents");
        }
        moving = List.copyOf(moving);
    }

    /** Nothing in flight: the files are in {@code layout}, which no resume record carries yet. */
    static RenameJournal settled(FileLayout layout) {
        return new RenameJournal(State.RENAMING, layout, layout, List.of());
    }

    /** The layout the files are in once what is in flight is finished (or, for {@code PARKING}, undone). */
    FileLayout outcome() {
        return state == State.PARKING ? before : after;
    }

    static String fileName(String infoHashHex) {
        return RelativePath.OWN_PREFIX + infoHashHex + ".rename";
    }

    /** The temporary name of file {@code index} while renames trade places: next to where it was. */
    static List<String> parkedPath(FileLayout before, int index) {
        List<String> path = before.path(index);
        List<String> out = new ArrayList<>(path.subList(0, path.size() - 1));
        out.add(RelativePath.OWN_PREFIX + before.metainfo().infoHash().hex() + "-r" + index + ".tmp");
        return out;
    }

    /** The most bytes a journal of a torrent with {@code fileCount} files can take: two layouts' renamed paths. */
    static long maxBytes(int fileCount) {
        return 2L * FileLayout.MAX_RENAMED_BYTES + 3L * 16 * fileCount + 256;
    }

    byte[] encode() {
        StringBuilder out = new StringBuilder();
        out.append(HEADER)
                .append('\n')
                .append(after.metainfo().infoHash().hex())
                .append('\n')
                .append(state.name().toLowerCase(Locale.ROOT))
                .append('\n');
        before.renamedPaths()
                .forEach((i, p) -> out.append("b ")
                        .append(i)
                        .append(' ')
                        .append(String.join("/", p))
                        .append('\n'));
        after.renamedPaths()
                .forEach((i, p) -> out.append("a ")
                        .append(i)
                        .append(' ')
                        .append(String.join("/", p))
                        .append('\n'));
        for (int i : moving) out.append("m ").append(i).append('\n');
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The journal {@code data} holds, for the torrent {@code meta}.
     *
     * @throws StorageException if it is not a whole journal of this torrent, or a path in it is one no rename could
     *     have made (outside the torrent, a reserved name, a clash between files)
     */
    static RenameJournal decode(Metainfo meta, byte[] data) throws StorageException {
        int files = meta.files().size();
        if (data.length > maxBytes(files)) throw new StorageException("rename journal of " + data.length + " bytes");
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new StorageException("rename journal is not UTF-8");
        }
        String[] lines = text.split("\n", -1);
        if (lines.length < 4
                || !lines[0].equals(HEADER)
                || !lines[1].equals(meta.infoHash().hex())
                || !lines[lines.length - 1].isEmpty()) {
            throw new StorageException("not a Torpeddo rename journal of this torrent");
        }
        State state = switch (lines[2]) {
            case "renaming" -> State.RENAMING;
            case "parking" -> State.PARKING;
            case "placing" -> State.PLACING;
            default -> throw new StorageException("unknown rename state \"" + lines[2] + "\"");
        };
        Map<Integer, List<String>> before = new TreeMap<>();
        Map<Integer, List<String>> after = new TreeMap<>();
        List<Integer> moving = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (int k = 3; k < lines.length - 1; k++) {
            String line = lines[k];
            if (line.startsWith("m ")) {
                int index = index(line.substring(2), files);
                if (!seen.add(index)) throw new StorageException("file " + index + " is moved twice");
                moving.add(index);
                continue;
            }
            Map<Integer, List<String>> into = line.startsWith("b ") ? before : line.startsWith("a ") ? after : null;
            int space = line.indexOf(' ', 2);
            if (into == null || space < 0) throw new StorageException("malformed rename journal line " + (k + 1));
            int index = index(line.substring(2, space), files);
            if (into.put(index, List.of(line.substring(space + 1).split("/", -1))) != null) {
                throw new StorageException("file " + index + " has two paths");
            }
        }
        try {
            FileLayout own = FileLayout.of(meta);
            return new RenameJournal(state, own.withRenamedPaths(before), own.withRenamedPaths(after), moving);
        } catch (IllegalArgumentException e) {
            throw new StorageException("rename journal names a path no rename could make: " + e.getMessage());
        }
    }

    private static int index(String digits, int files) throws StorageException {
        if (!digits.matches("[0-9]{1,9}") || Integer.parseInt(digits) >= files) {
            throw new StorageException("rename journal names no file of the torrent: \"" + digits + "\"");
        }
        return Integer.parseInt(digits);
    }
}
