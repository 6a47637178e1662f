package dev.torpeddo.engine.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.internal.Bitfield;
import dev.torpeddo.engine.metainfo.FileEntry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** PieceMap against a brute-force byte-by-byte model of the torrent's byte stream. */
class PieceMapPropertyTest {

    @Property(tries = 300)
    void everyTorrentByteMapsToExactlyOneFileByte(
            @ForAll @Size(min = 1, max = 8) List<@LongRange(min = 0, max = 60) Long> lengths,
            @ForAll @IntRange(min = 1, max = 40) int pieceLength) {
        PieceMap map = mapOf(lengths, pieceLength);
        Assume.that(map.totalLength() > 0);
        long[][] expected = bruteForce(lengths);

        List<long[]> mapped = new ArrayList<>();
        for (int p = 0; p < map.pieceCount(); p++) {
            List<FileSlice> slices = map.slices(p, 0, map.pieceSize(p));
            assertContiguousAndOrdered(map, slices);
            for (FileSlice s : slices) {
                for (int i = 0; i < s.length(); i++) mapped.add(new long[] {s.fileIndex(), s.offsetInFile() + i});
            }
        }
        assertThat(mapped).hasSize(expected.length);
        for (int b = 0; b < expected.length; b++) {
            assertThat(mapped.get(b)).as("torrent byte %d", b).containsExactly(expected[b]);
        }
    }

    @Property(tries = 300)
    void anyBlockMapsLikeTheBruteForce(
            @ForAll @Size(min = 1, max = 8) List<@LongRange(min = 0, max = 60) Long> lengths,
            @ForAll @IntRange(min = 1, max = 40) int pieceLength,
            @ForAll long seed) {
        PieceMap map = mapOf(lengths, pieceLength);
        Assume.that(map.totalLength() > 0);
        long[][] expected = bruteForce(lengths);
        Random random = new Random(seed);
        int piece = random.nextInt(map.pieceCount());
        int size = map.pieceSize(piece);
        int offset = random.nextInt(size + 1);
        int length = random.nextInt(size - offset + 1);

        List<FileSlice> slices = map.slices(piece, offset, length);

        assertContiguousAndOrdered(map, slices);
        long b = map.torrentOffset(piece, offset);
        for (FileSlice s : slices) {
            assertThat(map.file(s.fileIndex()).length()).isPositive();
            for (int i = 0; i < s.length(); i++, b++) {
                assertThat(new long[] {s.fileIndex(), s.offsetInFile() + i}).containsExactly(expected[(int) b]);
            }
        }
        assertThat(b).isEqualTo(map.torrentOffset(piece, offset) + length);
    }

    @Property(tries = 300)
    void piecesOfFileAndBytesDoneMatchTheBruteForce(
            @ForAll @Size(min = 1, max = 8) List<@LongRange(min = 0, max = 60) Long> lengths,
            @ForAll @IntRange(min = 1, max = 40) int pieceLength,
            @ForAll long seed) {
        PieceMap map = mapOf(lengths, pieceLength);
        Assume.that(map.totalLength() > 0);
        long[][] expected = bruteForce(lengths);
        Random random = new Random(seed);
        Bitfield have = new Bitfield(map.pieceCount());
        for (int p = 0; p < map.pieceCount(); p++) if (random.nextBoolean()) have.set(p);

        long[] done = new long[lengths.size()];
        int[] firstPiece = new int[lengths.size()];
        int[] lastPiece = new int[lengths.size()];
        Arrays.fill(firstPiece, -1);
        for (int b = 0; b < expected.length; b++) {
            int file = (int) expected[b][0];
            int piece = b / pieceLength;
            if (firstPiece[file] < 0) firstPiece[file] = piece;
            lastPiece[file] = piece;
            if (have.get(piece)) done[file]++;
        }

        assertThat(map.fileBytesDone(have)).containsExactly(done);
        for (int f = 0; f < lengths.size(); f++) {
            PieceRange range = map.piecesOfFile(f);
            if (lengths.get(f) == 0) {
                assertThat(range.isEmpty()).isTrue();
            } else {
                assertThat(range).isEqualTo(new PieceRange(firstPiece[f], lastPiece[f] + 1));
            }
        }
    }

    private static void assertContiguousAndOrdered(PieceMap map, List<FileSlice> slices) {
        for (int i = 1; i < slices.size(); i++) {
            FileSlice prev = slices.get(i - 1);
            FileSlice next = slices.get(i);
            assertThat(prev.endInFile())
                    .as("previous slice ends its file")
                    .isEqualTo(map.file(prev.fileIndex()).length());
            assertThat(next.offsetInFile()).as("next slice starts its file").isZero();
            assertThat(next.fileIndex()).isGreaterThan(prev.fileIndex());
            for (int skipped = prev.fileIndex() + 1; skipped < next.fileIndex(); skipped++) {
                assertThat(map.file(skipped).length())
                        .as("only empty files are skipped")
                        .isZero();
            }
        }
    }

    static PieceMap mapOf(List<Long> lengths, int pieceLength) {
        List<FileEntry> files = new ArrayList<>();
        long offset = 0;
        for (int i = 0; i < lengths.size(); i++) {
            files.add(new FileEntry(List.of("d", "f" + i), lengths.get(i), offset));
            offset += lengths.get(i);
        }
        return new PieceMap(files, pieceLength, offset);
    }

    /** For each torrent byte, {file index, offset in file}, by walking the files one byte at a time. */
    private static long[][] bruteForce(List<Long> lengths) {
        List<long[]> out = new ArrayList<>();
        for (int f = 0; f < lengths.size(); f++) {
            for (long i = 0; i < lengths.get(f); i++) out.add(new long[] {f, i});
        }
        return out.toArray(long[][]::new);
    }
}
