package dev.torpeddo.engine.storage;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What a {@link StorageMover} writes down, in the directory it moves a torrent's files out of, so that a move cut
 * short by a crash can be finished or undone, and a finished one followed: the journal {@code
 * .torpeddo-<infohash>.move}.
 *
 * <p>Four lines of UTF-8: a header, the {@link State}, the token naming this move's temporary files, and the
 * destination as a {@code file:} URI (which can hold any path, even one with a line break). It is replaced
 * atomically, so it is always one whole version or another.
 *
 * @param state how far the move got
 * @param token eight lowercase hex digits; temporary copies are named {@code .torpeddo-<token>-<n>.tmp}
 * @param target the real path of the destination directory
 */
record MoveJournal(State state, String token, Path target) {
    private static final String HEADER = "torpeddo move 1";
    private static final String ORIGIN_HEADER = "torpeddo moved-from 1";
    private static final int MAX_BYTES = 64 * 1024;

    /** Where a move stands, and so which directory holds a complete copy. */
    enum State {
        /** Copying to temporary names at the destination; the source is complete and stays the valid copy. */
        COPYING,
        /** Renaming files one by one within a file system; only finishing the renames gives a complete copy. */
        RENAMING,
        /** Every file is complete and synced at the destination, which is now the valid copy; sources going. */
        COMMITTED,
        /** All done: the files are at the destination; kept until the torrent is opened there. */
        DONE
    }

    MoveJournal {
        if (!token.matches("[0-9a-f]{8}")) throw new IllegalArgumentException("bad move token " + token);
        if (!target.isAbsolute()) throw new IllegalArgumentException("relative move target " + target);
    }

    MoveJournal with(State next) {
        return new MoveJournal(next, token, target);
    }

    static String fileName(String infoHashHex) {
        return RelativePath.OWN_PREFIX + infoHashHex + ".move";
    }

    /**
     * The name of the note a finished move leaves at its destination, naming the directory the files came from,
     * so that opening the torrent there can tidy up the journal left behind.
     */
    static String originFileName(String infoHashHex) {
        return RelativePath.OWN_PREFIX + infoHashHex + ".moved-from";
    }

    byte[] encode() {
        return String.join(
                        "\n",
                        HEADER,
                        state.name().toLowerCase(Locale.ROOT),
                        token,
                        target.toUri().toString(),
                        "")
                .getBytes(StandardCharsets.UTF_8);
    }

    static byte[] encodeOrigin(Path source) {
        return String.join("\n", ORIGIN_HEADER, source.toUri().toString(), "").getBytes(StandardCharsets.UTF_8);
    }

    static MoveJournal decode(byte[] data) throws StorageException {
        List<String> lines = lines(data, 4, HEADER);
        State state;
        try {
            state = State.valueOf(lines.get(1).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new StorageException("unknown move state \"" + lines.get(1) + "\"");
        }
        if (!lines.get(1).equals(state.name().toLowerCase(Locale.ROOT))
                || !lines.get(2).matches("[0-9a-f]{8}")) {
            throw new StorageException("malformed move journal");
        }
        return new MoveJournal(state, lines.get(2), path(lines.get(3)));
    }

    static Path decodeOrigin(byte[] data) throws StorageException {
        return path(lines(data, 2, ORIGIN_HEADER).get(1));
    }

    private static List<String> lines(byte[] data, int count, String header) throws StorageException {
        if (data.length > MAX_BYTES) throw new StorageException("move note of " + data.length + " bytes");
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new StorageException("move note is not UTF-8");
        }
        List<String> lines = List.of(text.split("\n", -1));
        if (lines.size() != count + 1
                || !lines.getLast().isEmpty()
                || !lines.getFirst().equals(header)) {
            throw new StorageException("not a Torpeddo move note");
        }
        return lines.subList(0, count);
    }

    private static Path path(String uri) throws StorageException {
        try {
            Path p = Path.of(new URI(uri));
            if (!p.isAbsolute()) throw new IllegalArgumentException(uri);
            return p;
        } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException e) {
            throw new StorageException("move note names no usable directory: " + uri);
        }
    }
}
