package dev.torpeddo.engine.torrent;

import dev.torpeddo.engine.internal.Bitfield;
import dev.torpeddo.engine.metainfo.Metainfo;
import dev.torpeddo.engine.picker.PiecePicker;
import dev.torpeddo.engine.resume.DiskSnapshot;
import dev.torpeddo.engine.resume.FileState;
import dev.torpeddo.engine.resume.ResumeCheck;
import dev.torpeddo.engine.resume.ResumeCodec;
import dev.torpeddo.engine.resume.ResumeException;
import dev.torpeddo.engine.resume.ResumeRecord;
import dev.torpeddo.engine.resume.ResumeVerdict;
import dev.torpeddo.engine.storage.FileLayout;
import dev.torpeddo.engine.storage.Storage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A torrent's resume records: writing one (the pieces known to be on disk, then a flush, then a stat of
 * every file, in that order, so that a crash never leaves a piece recorded that is not on disk) and judging
 * one at start (which pieces to trust, which to hash, or a full check). Runs on disk threads, never under the
 * torrent's lock.
 */
final class Checkpoint {
    private static final System.Logger LOG = System.getLogger(Checkpoint.class.getName());

    private Checkpoint() {}

    /**
     * What the torrent says about itself under its lock, before the flush.
     *
     * @param written pieces whose writes have completed (about to be flushed)
     */
    record Facts(
            Bitfield written,
            List<Integer> priorities,
            ResumeRecord.Totals totals,
            ResumeRecord.Times times,
            ResumeRecord.Options options,
            String savePath,
            FileLayout layout,
            List<List<URI>> trackerTiers,
            List<InetSocketAddress> peers) {}

    /** File names as the user left them (renames), from the record; the torrent's own when it has none. */
    static FileLayout layout(Metainfo meta, Optional<ResumeRecord> restored) {
        FileLayout own = FileLayout.of(meta);
        if (restored.isEmpty() || restored.get().renamedPaths().isEmpty()) return own;
        try {
            return own.withRenamedPaths(restored.get().renamedPaths());
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "{0}: renamed paths ignored: {1}", meta.name(), e.getMessage());
            return own;
        }
    }

    /** The record's file priorities, where the add request does not say otherwise. */
    static Map<Integer, Integer> priorities(Map<Integer, Integer> requested, Optional<ResumeRecord> restored) {
        Map<Integer, Integer> merged = new HashMap<>();
        restored.ifPresent(r -> {
            for (int i = 0; i < r.filePriorities().size(); i++)
                if (r.filePriorities().get(i) != PiecePicker.DEFAULT_PRIORITY)
                    merged.put(i, r.filePriorities().get(i));
        });
        merged.putAll(requested);
        return merged;
    }

    /** Flushes the storage, stats its files and encodes the record; tells the storage which layout it carries. */
    static byte[] write(Metainfo meta, Storage storage, Facts facts) throws IOException {
        storage.flush(); // only now are the written pieces sure to survive a power cut
        DiskSnapshot disk = stat(storage, meta.files().size());
        ResumeRecord record = new ResumeRecord(
                meta.infoHash(),
                facts.written(),
                facts.priorities(),
                disk,
                facts.totals(),
                facts.times(),
                facts.options(),
                facts.savePath(),
                facts.trackerTiers(),
                facts.peers(),
                Optional.empty(),
                facts.layout().renamedPaths());
        // The rename journal stays: the caller may crash before it has stored this record. It goes when a torrent
        // is opened with a record that names the files as they are (Torrent's constructor).
        return ResumeCodec.encode(record);
    }

    /**
     * What is on disk: with a resume record that the files agree with, the recorded pieces plus those of
     * changed files that hash right; otherwise every piece is hashed.
     *
     * @param record the record's bytes, as the torrent was added with them
     * @param decoded the same record as {@link #settingsOf} decoded it, when it could; only the bytes of a
     *     record that could not be decoded are read again, to say why
     */
    static Bitfield findExisting(
            Metainfo meta, Storage storage, PieceWriter writer, Optional<byte[]> record, Optional<ResumeRecord> decoded)
            throws IOException, InterruptedException {
        if (record.isEmpty()) return writer.checkExisting();
        DiskSnapshot now = stat(storage, meta.files().size());
        ResumeVerdict verdict = decoded.isPresent()
                ? ResumeCheck.check(meta, decoded.get(), now)
                : ResumeCheck.check(meta, record.get(), now);
        return switch (verdict) {
            case ResumeVerdict.Trusted t -> {
                Bitfield found = t.trusted();
                Bitfield hashed = t.toHash().isEmpty() ? t.toHash() : writer.checkExisting(t.toHash());
                for (int p = hashed.nextSetBit(0); p >= 0; p = hashed.nextSetBit(p + 1)) found.set(p);
                LOG.log(
                        System.Logger.Level.DEBUG,
                        "{0}: resumed with {1} pieces trusted, {2} hashed",
                        meta.name(),
                        t.trusted().cardinality(),
                        t.toHash().cardinality());
                yield found;
            }
            case ResumeVerdict.FullCheck f -> {
                LOG.log(System.Logger.Level.INFO, "{0}: checking every piece: {1}", meta.name(), f.reason());
                yield writer.checkExisting();
            }
        };
    }

    /** The record's settings and totals, if it is readable and this torrent's; its pieces are not looked at. */
    static Optional<ResumeRecord> settingsOf(Metainfo meta, byte[] record) {
        try {
            ResumeRecord r = ResumeCodec.decode(record);
            boolean ours = r.infoHash().equals(meta.infoHash())
                    && r.pieceCount() == meta.pieceCount()
                    && r.filePriorities().size() == meta.files().size();
            return ours ? Optional.of(r) : Optional.empty();
        } catch (ResumeException e) {
            return Optional.empty();
        }
    }

    private static DiskSnapshot stat(Storage storage, int fileCount) throws IOException {
        List<FileState> files = new ArrayList<>(fileCount);
        for (int i = 0; i < fileCount; i++) files.add(stat(storage.filePath(i)));
        return new DiskSnapshot(files, stat(storage.partFilePath()));
    }

    private static FileState stat(Path path) throws IOException {
        try {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!a.isRegularFile()) return FileState.ABSENT; // storage never reads through anything else
            return FileState.present(a.size(), a.lastModifiedTime());
        } catch (NoSuchFileException e) {
            return FileState.ABSENT;
        }
    }
}
