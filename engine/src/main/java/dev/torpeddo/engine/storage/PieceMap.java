package dev.torpeddo.engine.storage;

import dev.torpeddo.engine.internal.Bitfield;
import dev.torpeddo.engine.metainfo.FileEntry;
import dev.torpeddo.engine.metainfo.Metainfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Maps the torrent's piece space onto its files. A torrent is one byte stream made of its files laid end to
 * end; piece {@code p} covers stream bytes {@code [p * pieceLength, p * pieceLength + pieceSize(p))}. A piece
 * may span several files, files may start and end mid-piece, the last piece may be short, and zero-length
 * files own no bytes at all (they never appear in a {@link FileSlice}).
 *
 * <p>Immutable and thread-safe. All offset arithmetic is done in {@code long} with overflow checks, since
 * torrents larger than 2 GiB are ordinary.
 */
public final class PieceMap {
    private final List<FileEntry> files;
    private final int pieceLength;
    private final long totalLength;
    private final int pieceCount;
    /** Indexes of the non-empty files, and their start offsets (strictly increasing, so binary-searchable). */
    private final int[] nonEmptyFiles;

    private final long[] nonEmptyStarts;

    /** The map of a metainfo; {@link IllegalArgumentException} if its file offsets or piece count disagree. */
    public PieceMap(Metainfo metainfo) {
        this(metainfo.files(), metainfo.pieceLength(), metainfo.totalLength());
        if (metainfo.pieceCount() != pieceCount) {
            throw new IllegalArgumentException(
                    "metainfo has " + metainfo.pieceCount() + " piece hashes but its length needs " + pieceCount);
        }
    }

    /**
     * A map for the given files, which must be laid out contiguously from offset 0 and sum to
     * {@code totalLength}.
     */
    public PieceMap(List<FileEntry> files, int pieceLength, long totalLength) {
        if (pieceLength <= 0) throw new IllegalArgumentException("piece length must be positive: " + pieceLength);
        if (files.isEmpty()) throw new IllegalArgumentException("a torrent needs at least one file");
        this.files = List.copyOf(files);
        this.pieceLength = pieceLength;
        long expectedOffset = 0;
        int nonEmpty = 0;
        for (FileEntry f : this.files) {
            if (f.offset() != expectedOffset) {
                throw new IllegalArgumentException(
                        "file " + f.displayPath() + " starts at " + f.offset() + ", expected " + expectedOffset);
            }
            expectedOffset = Math.addExact(expectedOffset, f.length());
            if (f.length() > 0) nonEmpty++;
        }
        if (expectedOffset != totalLength) {
            throw new IllegalArgumentException("files sum to " + expectedOffset + " bytes, not " + totalLength);
        }
        this.totalLength = totalLength;
        long pieces = Math.ceilDiv(totalLength, pieceLength);
        if (pieces > Integer.MAX_VALUE) throw new IllegalArgumentException("too many pieces: " + pieces);
        this.pieceCount = (int) pieces;
        this.nonEmptyFiles = new int[nonEmpty];
        this.nonEmptyStarts = new long[nonEmpty];
        int k = 0;
        for (int i = 0; i < this.files.size(); i++) {
            FileEntry f = this.files.get(i);
            if (f.length() > 0) {
                nonEmptyFiles[k] = i;
                nonEmptyStarts[k] = f.offset();
                k++;
            }
        }
    }

    public int pieceCount() {
        return pieceCount;
    }

    public int pieceLength() {
        return pieceLength;
    }

    public long totalLength() {
        return totalLength;
    }

    public int fileCount() {
        return files.size();
    }

    public FileEntry file(int index) {
        return files.get(index);
    }

    public List<FileEntry> files() {
        return files;
    }

    /** The size of piece {@code piece}: the piece length, except for a possibly shorter last piece. */
    public int pieceSize(int piece) {
        if (piece < 0 || piece >= pieceCount)
            throw new IndexOutOfBoundsException("piece " + piece + " of " + pieceCount);
        long start = (long) piece * pieceLength;
        return (int) Math.min(pieceLength, totalLength - start);
    }

    /** Where byte {@code offset} of piece {@code piece} sits in the torrent's byte stream. */
    public long torrentOffset(int piece, int offset) {
        return Math.addExact(Math.multiplyExact((long) piece, pieceLength), offset);
    }

    /**
     * Whether {@code [offset, offset + length)} lies inside piece {@code piece}. Peer requests must pass this
     * before they reach {@link #slices} or a {@link Storage}, which treat bad ranges as programming errors.
     */
    public boolean isValidBlock(int piece, int offset, int length) {
        return piece >= 0
                && piece < pieceCount
                && offset >= 0
                && length >= 0
                && (long) offset + length <= pieceSize(piece);
    }

    /**
     * The file slices covered by {@code length} bytes at {@code offsetInPiece} of {@code piece}, in torrent
     * order; empty for a zero length.
     *
     * @throws IndexOutOfBoundsException if the range is not inside the piece (see {@link #isValidBlock})
     */
    public List<FileSlice> slices(int piece, int offsetInPiece, int length) {
        if (!isValidBlock(piece, offsetInPiece, length)) {
            throw new IndexOutOfBoundsException("block piece " + piece + " offset " + offsetInPiece + " length "
                    + length + " is outside the torrent's " + pieceCount + " pieces");
        }
        if (length == 0) return List.of();
        long position = torrentOffset(piece, offsetInPiece);
        int k = nonEmptyIndexAt(position);
        FileEntry first = files.get(nonEmptyFiles[k]);
        long inFirst = position - first.offset();
        if (first.length() - inFirst >= length) {
            // The common case, a block inside one file: no list growth.
            return List.of(new FileSlice(nonEmptyFiles[k], inFirst, length));
        }
        List<FileSlice> out = new ArrayList<>(4);
        int remaining = length;
        while (remaining > 0) {
            FileEntry f = files.get(nonEmptyFiles[k]);
            long inFile = position - f.offset();
            int n = (int) Math.min(remaining, f.length() - inFile);
            out.add(new FileSlice(nonEmptyFiles[k], inFile, n));
            remaining -= n;
            position += n;
            k++;
        }
        return out;
    }

    /** The pieces holding at least one byte of file {@code fileIndex}; empty for a zero-length file. */
    public PieceRange piecesOfFile(int fileIndex) {
        FileEntry f = files.get(fileIndex);
        if (f.length() == 0) {
            int at = (int) Math.min(f.offset() / pieceLength, pieceCount);
            return new PieceRange(at, at);
        }
        int first = (int) (f.offset() / pieceLength);
        int last = (int) ((f.offset() + f.length() - 1) / pieceLength);
        return new PieceRange(first, last + 1);
    }

    /**
     * For each file, how many of its bytes lie in pieces set in {@code have} (what a file list shows as
     * progress). Work is proportional to the number of pieces plus files.
     */
    public long[] fileBytesDone(Bitfield have) {
        if (have.size() != pieceCount) {
            throw new IllegalArgumentException("bitfield of " + have.size() + " pieces for a map of " + pieceCount);
        }
        long[] done = new long[files.size()];
        for (int i = 0; i < files.size(); i++) {
            FileEntry f = files.get(i);
            PieceRange range = piecesOfFile(i);
            long fileEnd = f.offset() + f.length();
            long sum = 0;
            for (int p = have.nextSetBit(range.first()); p >= 0 && p < range.end(); p = have.nextSetBit(p + 1)) {
                long pieceStart = (long) p * pieceLength;
                long pieceEnd = pieceStart + pieceSize(p);
                sum += Math.min(fileEnd, pieceEnd) - Math.max(f.offset(), pieceStart);
            }
            done[i] = sum;
        }
        return done;
    }

    /** The position in {@link #nonEmptyFiles} of the file holding torrent byte {@code position}. */
    private int nonEmptyIndexAt(long position) {
        int k = Arrays.binarySearch(nonEmptyStarts, position);
        return k >= 0 ? k : -k - 2;
    }
}
