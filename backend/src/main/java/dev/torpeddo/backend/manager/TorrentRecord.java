package dev.torpeddo.backend.manager;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What the manager remembers of one torrent between runs, written atomically to {@code <id>.json} beside its
 * {@code <id>.torrent}: the user's choices (save path, queue position, labels, options) and the engine's resume
 * record ({@link #engineResume}, opaque here). Values of -2 for the share limits mean "the global setting",
 * -1 "none".
 *
 * @param magnet the magnet link it was added from, until its metadata is known (null for a .torrent)
 * @param addedAt seconds since the epoch
 * @param completedAt seconds since the epoch when it finished downloading, 0 until then
 * @param paused the user paused it (the queue never starts it)
 * @param forced the user force-started it (the queue never stops it)
 * @param useTrackers announce to its trackers (off when added with {@code --no-trackers})
 * @param maxPeers the torrent's own peer limit, 0 for the session's
 * @param uploadSlots the torrent's own upload slots, 0 for the session's
 * @param filePriorities priorities asked for when it was added, applied once its files are known
 * @param engineResume the engine's resume record, null until the first one is made
 */
public record TorrentRecord(
        int version,
        String id,
        String name,
        String magnet,
        String savePath,
        long addedAt,
        long completedAt,
        long queuePosition,
        String category,
        List<String> tags,
        boolean paused,
        boolean forced,
        boolean stopAfterMetadata,
        boolean sequential,
        boolean firstLastPieces,
        boolean useTrackers,
        long downloadLimit,
        long uploadLimit,
        double ratioLimit,
        long seedingMinutesLimit,
        int maxPeers,
        int uploadSlots,
        Map<Integer, Integer> filePriorities,
        byte[] engineResume) {

    static final int VERSION = 1;
    private static final Pattern HEX40 = Pattern.compile("[0-9a-f]{40}");

    public TorrentRecord {
        if (version != VERSION) throw new IllegalArgumentException("unknown record version " + version);
        Objects.requireNonNull(id, "id");
        if (!HEX40.matcher(id).matches()) throw new IllegalArgumentException("id is not 40 lowercase hex digits");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(savePath, "savePath");
        if (savePath.isBlank()) throw new IllegalArgumentException("savePath is empty");
        category = category == null ? "" : category;
        tags = tags == null ? List.of() : List.copyOf(tags);
        filePriorities = filePriorities == null ? Map.of() : Map.copyOf(filePriorities);
        if (addedAt < 0 || completedAt < 0) throw new IllegalArgumentException("negative time");
        if (downloadLimit < 0 || uploadLimit < 0) throw new IllegalArgumentException("negative rate limit");
        if (Double.isNaN(ratioLimit) || (ratioLimit < 0 && ratioLimit != -1 && ratioLimit != -2))
            throw new IllegalArgumentException("ratioLimit must be -2, -1 or >= 0");
        if (maxPeers < 0 || uploadSlots < 0) throw new IllegalArgumentException("negative peer or slot limit");
        if (seedingMinutesLimit < -2) throw new IllegalArgumentException("seedingMinutesLimit must be >= -2");
        filePriorities.forEach((file, prio) -> {
            if (file < 0 || prio < 0 || prio > 7) throw new IllegalArgumentException("bad file priority");
        });
    }

    @Override
    public String toString() {
        return "TorrentRecord[" + id + " " + name + " in " + savePath + ", queue " + queuePosition + ", paused="
                + paused + ", forced=" + forced + ", category=" + category + ", tags=" + tags + ", resume="
                + (engineResume == null ? "none" : engineResume.length + " bytes") + "]";
    }
}
