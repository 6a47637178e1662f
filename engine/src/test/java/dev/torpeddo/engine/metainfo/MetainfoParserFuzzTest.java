package dev.torpeddo.engine.metainfo;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.torpeddo.engine.bencode.BDecoder;
import dev.torpeddo.engine.bencode.BDict;
import dev.torpeddo.engine.fuzz.FuzzChecks;
import dev.torpeddo.engine.fuzz.FuzzChecks.Outcome;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Fuzz targets for the two ways untrusted torrent metadata enters the engine: a .torrent file
 * ({@link MetainfoParser#parse}) and an info dictionary received from peers for a magnet link
 * ({@link TorrentFile#fromInfo}). Seeds and regression inputs: MetainfoParserFuzzTestInputs/&lt;method&gt;.
 */
class MetainfoParserFuzzTest {
    /** Small limits, so that the fuzzer reaches every one of them with short inputs. */
    private static final TorrentLimits LIMITS = new TorrentLimits(64 << 10, 16, 4096, 256, 16 << 20, 32, 8, 16);

    private static final Path DOWNLOADS = Path.of("/downloads");
    private static final List<List<URI>> MAGNET_TRACKERS =
            List.of(List.of(URI.create("udp://127.0.0.1:6969/announce")));

    @FuzzTest
    void parse(byte[] input) throws Exception {
        Outcome<Metainfo> outcome =
                FuzzChecks.parse(input.length, () -> MetainfoParser.parse(input, LIMITS), MetainfoException.class);
        if (!(outcome instanceof Outcome.Parsed<Metainfo>(Metainfo meta))) return;

        assertConsistent(meta, LIMITS);
        // rawInfo is the input's own info dictionary, the bytes the info-hash is taken over.
        BDict root = (BDict) BDecoder.DEFAULT.decode(input);
        assertThat(BDecoder.DEFAULT.decode(meta.rawInfo()))
                .isEqualTo(root.get("info").orElseThrow());
        assertThat(indexOf(input, meta.rawInfo())).isNotNegative();
        assertRewriteRoundTrips(meta);

        // The same info bytes fetched from peers for a magnet link make the same torrent.
        Metainfo fetched = TorrentFile.fromInfo(meta.rawInfo(), meta.trackerTiers());
        assertThat(contentOf(fetched)).isEqualTo(contentOf(meta));
        assertThat(fetched.trackerTiers()).isEqualTo(meta.trackerTiers());
    }

    /** The info dictionary a magnet link's peers sent (ut_metadata), already checked against the info-hash. */
    @FuzzTest
    void fromInfo(byte[] input) throws Exception {
        Outcome<Metainfo> outcome = FuzzChecks.parse(
                input.length, () -> TorrentFile.fromInfo(input, MAGNET_TRACKERS), MetainfoException.class);
        if (!(outcome instanceof Outcome.Parsed<Metainfo>(Metainfo meta))) return;

        // Exactly the bytes received are the info dictionary: nothing around them leaks into the torrent.
        assertThat(meta.rawInfo()).isEqualTo(input);
        assertThat(meta.trackerTiers()).isEqualTo(MAGNET_TRACKERS);
        assertThat(meta.webSeeds()).isEmpty();
        assertThat(meta.comment()).isEmpty();
        assertThat(meta.createdBy()).isEmpty();
        assertConsistent(meta, TorrentLimits.DEFAULT);
        assertRewriteRoundTrips(meta);
    }

    /** Invariants every parsed torrent holds, whatever the input. */
    private static void assertConsistent(Metainfo meta, TorrentLimits limits) {
        assertThat(meta.infoHash().bytes()).isEqualTo(MetainfoParser.sha1(meta.rawInfo()));

        // Files are laid end to end and add up to the total; the pieces cover it exactly.
        List<FileEntry> files = meta.files();
        assertThat(files).isNotEmpty().hasSizeLessThanOrEqualTo(limits.maxFiles());
        long offset = 0;
        for (FileEntry file : files) {
            assertThat(file.offset()).isEqualTo(offset);
            offset += file.length();
        }
        assertThat(meta.totalLength()).isEqualTo(offset).isPositive();
        assertThat(meta.pieceLength()).isBetween(1, limits.maxPieceLength());
        long pieces = (meta.totalLength() - 1) / meta.pieceLength() + 1;
        assertThat(meta.pieceCount()).isEqualTo(pieces).isLessThanOrEqualTo(limits.maxPieces());
        assertThat(meta.pieceHashes()).hasSize(20 * meta.pieceCount());
        int last = meta.pieceCount() - 1;
        assertThat(meta.pieceSize(last)).isBetween(1, meta.pieceLength());
        assertThat((long) meta.pieceLength() * last + meta.pieceSize(last)).isEqualTo(meta.totalLength());

        assertPathsSafe(meta, limits);
        assertUrls(meta);
    }

    /** Every file stays inside the download directory, under the torrent's name, and has a path of its own. */
    private static void assertPathsSafe(Metainfo meta, TorrentLimits limits) {
        Set<String> filePaths = new HashSet<>();
        Set<String> directories = new HashSet<>();
        for (FileEntry file : meta.files()) {
            List<String> path = file.path();
            assertThat(path).hasSizeBetween(1, limits.maxPathDepth() + 1);
            assertThat(path.getFirst()).isEqualTo(meta.name());
            Path resolved = DOWNLOADS;
            for (String element : path) {
                assertThat(element)
                        .isNotEmpty()
                        .isNotIn(".", "..")
                        .doesNotContain("/", "\\", ":", "<", ">", "\"", "|", "?", "*")
                        .doesNotContainPattern("[\\x00-\\x1f]");
                assertThat(element.getBytes(StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(255);
                assertThat(Path.of(element).isAbsolute()).isFalse();
                resolved = resolved.resolve(element);
            }
            Path normalized = resolved.normalize();
            assertThat(normalized).isEqualTo(resolved).startsWithRaw(DOWNLOADS);
            assertThat(normalized.getNameCount()).isEqualTo(DOWNLOADS.getNameCount() + path.size());

            // Case-insensitive file systems see one file where names differ only in case.
            String folded = String.join("/", path).toLowerCase(Locale.ROOT);
            assertThat(filePaths.add(folded)).as("distinct path %s", folded).isTrue();
            for (int i = 1; i < path.size(); i++) {
                directories.add(String.join("/", path.subList(0, i)).toLowerCase(Locale.ROOT));
            }
        }
        assertThat(Collections.disjoint(filePaths, directories))
                .as("no file is also a directory")
                .isTrue();
        assertThat(meta.isMultiFile())
                .isEqualTo(meta.files().size() > 1
                        || meta.files().getFirst().path().size() > 1);
    }

    private static void assertUrls(Metainfo meta) {
        List<URI> trackers = new ArrayList<>();
        for (List<URI> tier : meta.trackerTiers()) {
            assertThat(tier).isNotEmpty();
            trackers.addAll(tier);
        }
        assertThat(trackers).doesNotHaveDuplicates().allSatisfy(u -> {
            assertThat(u.getScheme().toLowerCase(Locale.ROOT)).isIn("http", "https", "udp");
            assertThat(u.getHost()).isNotNull();
        });
        assertThat(meta.webSeeds()).doesNotHaveDuplicates().allSatisfy(u -> {
            assertThat(u.getScheme().toLowerCase(Locale.ROOT)).isIn("http", "https");
            assertThat(u.getHost()).isNotNull();
        });
    }

    /**
     * Saving the torrent (TorrentFile.toBytes) and reading it back gives an equal torrent, and saving that
     * gives the same bytes. Read back with the default limits: the saved file may be a little larger.
     */
    private static void assertRewriteRoundTrips(Metainfo meta) throws MetainfoException {
        byte[] written = TorrentFile.toBytes(meta);
        Metainfo reread = MetainfoParser.parse(written);
        assertThat(everythingOf(reread)).isEqualTo(everythingOf(meta));
        assertThat(TorrentFile.toBytes(reread)).isEqualTo(written);
    }

    /** What the info dictionary determines, comparable with equals (Metainfo holds arrays). */
    private static List<Object> contentOf(Metainfo m) {
        return List.of(
                m.infoHash(),
                m.name(),
                m.pieceLength(),
                HexFormat.of().formatHex(m.pieceHashes()),
                m.files(),
                m.totalLength(),
                m.isPrivate(),
                HexFormat.of().formatHex(m.rawInfo()));
    }

    private static List<Object> everythingOf(Metainfo m) {
        List<Object> all = new ArrayList<>(contentOf(m));
        all.addAll(List.of(m.trackerTiers(), m.webSeeds(), m.comment(), m.createdBy()));
        return all;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) return i;
        }
        return -1;
    }
}
