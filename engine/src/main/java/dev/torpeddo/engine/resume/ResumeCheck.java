package dev.torpeddo.engine.resume;

import dev.torpeddo.engine.internal.Bitfield;
import dev.torpeddo.engine.metainfo.FileEntry;
import dev.torpeddo.engine.metainfo.Metainfo;
import java.util.List;
import java.util.Optional;

/**
 * Decides how much of a resume record a torrent may trust, given the files as they are now. Pure logic: the
 * caller stats the files (and the part file) the same way it did when it made the record, and passes them in.
 *
 * <p>The whole torrent is checked ({@link ResumeVerdict.FullCheck}) when the record is unreadable, another
 * torrent's, of another shape (piece or file count), inconsistent with itself (a recorded piece beyond its file's
 * recorded size), or when a file holding recorded pieces is missing or shorter than recorded (truncated or
 * replaced: nothing in it can be trusted, and by then little else).
 *
 * <p>Otherwise ({@link ResumeVerdict.Trusted}) every file is compared with its recorded stat. A file whose size
 * or modification time differs was written after the flush, by us or by someone else, so <em>every</em> piece
 * touching it is hashed, recorded or not: safety first, since we cannot tell which bytes changed, and the
 * unrecorded ones may have been completed after the record was made. (A file that grew is such a file, not a
 * reason for a full check: files are sparse and grow whenever a later piece is written.) The same holds for
 * files that do not exist, whose bytes live in the part file, when the part file changed. Recorded pieces whose
 * files all match are trusted; unrecorded pieces in matching files are missing and cost nothing.
 *
 * <p>What this cannot see: a change that keeps a file's size and lands within the same modification-time tick
 * as the stat (file systems with coarse timestamps). We never rewrite a verified piece, so only another program
 * could do that, in that instant.
 */
public final class ResumeCheck {
    private ResumeCheck() {}

    /** Decodes {@code record} and checks it; an undecodable record means a full check. Never throws for bad bytes. */
    public static ResumeVerdict check(Metainfo metainfo, byte[] record, DiskSnapshot now) {
        ResumeRecord decoded;
        try {
            decoded = ResumeCodec.decode(record);
        } catch (ResumeException e) {
            return new ResumeVerdict.FullCheck("unusable resume record: " + e.getMessage(), Optional.empty());
        }
        return check(metainfo, decoded, now);
    }

    /**
     * Checks a decoded record against the files as they are now.
     *
     * @param now the stat of each of the torrent's files, in file order, and of its part file
     * @throws IllegalArgumentException if {@code now} does not have one state per file of {@code metainfo}
     */
    public static ResumeVerdict check(Metainfo metainfo, ResumeRecord record, DiskSnapshot now) {
        List<FileEntry> files = metainfo.files();
        if (now.files().size() != files.size()) {
            throw new IllegalArgumentException(now.files().size() + " file states for " + files.size() + " files");
        }
        if (!record.infoHash().equals(metainfo.infoHash())) {
            return new ResumeVerdict.FullCheck(
                    "the resume record is for another torrent (" + record.infoHash() + ")", Optional.empty());
        }
        if (record.pieceCount() != metainfo.pieceCount()) {
            return new ResumeVerdict.FullCheck(
                    "the resume record has " + record.pieceCount() + " pieces, the torrent " + metainfo.pieceCount(),
                    Optional.empty());
        }
        if (record.disk().files().size() != files.size()) {
            return new ResumeVerdict.FullCheck(
                    "the resume record has " + record.disk().files().size() + " files, the torrent " + files.size(),
                    Optional.empty());
        }
        Bitfield recorded = record.pieces();
        Bitfield toHash = new Bitfield(metainfo.pieceCount());
        FileState partWas = record.disk().partFile();
        FileState partIs = now.partFile();
        for (int i = 0; i < files.size(); i++) {
            FileEntry file = files.get(i);
            if (file.length() == 0) continue; // holds no byte of any piece
            PieceSpan span = PieceSpan.of(metainfo, file);
            FileState was = record.disk().files().get(i);
            FileState is = now.files().get(i);
            int lastRecorded = span.lastSetBit(recorded);
            if (lastRecorded >= 0) {
                // Where the recorded bytes of this file end, in the torrent's byte stream.
                long end = Math.min(span.endOfPiece(lastRecorded), file.offset() + file.length());
                String problem = switch (was) {
                    case FileState.Present p -> cannotHold("it", p, is, end - file.offset());
                    // Bytes of a file that was not created are in the part file, at their torrent offsets, for as
                    // long as the file stays absent.
                    case FileState.Absent a ->
                        is instanceof FileState.Absent ? cannotHold("its part file", partWas, partIs, end) : null;
                };
                if (problem != null) {
                    return new ResumeVerdict.FullCheck(
                            "file " + i + " (" + file.displayPath() + "): " + problem, Optional.of(record));
                }
            }
            boolean changed = !was.equals(is) || (is instanceof FileState.Absent && !partWas.equals(partIs));
            if (changed) span.setAll(toHash);
        }
        Bitfield trusted = recorded.copy();
        for (int p = toHash.nextSetBit(0); p >= 0; p = toHash.nextSetBit(p + 1)) trusted.clear(p);
        return new ResumeVerdict.Trusted(trusted, toHash, record);
    }

    /**
     * Why a file ({@code what}) cannot hold the recorded pieces whose bytes in it end at {@code end}, or null
     * when it can: the record must say it was that long, and it must still exist and be no shorter.
     */
    private static String cannotHold(String what, FileState was, FileState is, long end) {
        if (!(was instanceof FileState.Present p) || p.size() < end) {
            return what + " was recorded without all of its verified pieces";
        }
        if (!(is instanceof FileState.Present q)) return what + " holds verified pieces but is missing";
        if (q.size() < p.size()) {
            return what + " holds verified pieces but has " + q.size() + " bytes, " + p.size() + " when recorded";
        }
        return null;
    }
}
