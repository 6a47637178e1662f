package dev.torpeddo.engine.resume;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.torpeddo.engine.fuzz.FuzzChecks;
import dev.torpeddo.engine.fuzz.FuzzChecks.Outcome;
import dev.torpeddo.engine.internal.Bitfield;
import dev.torpeddo.engine.metainfo.FileEntry;
import dev.torpeddo.engine.metainfo.InfoHash;
import dev.torpeddo.engine.metainfo.Metainfo;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Fuzz target for resume records, read at start-up from whatever a crash, a full disk, a lost write or a hand
 * edit left. Every record is also judged by {@link ResumeCheck} against the torrent the valid seeds belong to.
 * Seeds and regression inputs: ResumeCodecFuzzTestInputs/decode (README.md there says where they came from).
 */
class ResumeCodecFuzzTest {
    /** 5 pieces of 16 KiB over a (40000 bytes), b (empty) and c (30000 bytes); the seeds' info-hash. */
    private static final Metainfo TORRENT = new Metainfo(
            new InfoHash("resume-fuzz-torrent!".getBytes(StandardCharsets.US_ASCII)),
            "t",
            16384,
            new byte[5 * 20],
            List.of(
                    new FileEntry(List.of("t", "a"), 40000, 0),
                    new FileEntry(List.of("t", "b"), 0, 40000),
                    new FileEntry(List.of("t", "c"), 30000, 40000)),
            70000,
            List.of(),
            false,
            List.of(),
            new byte[0],
            Optional.empty(),
            Optional.empty());

    /** The files as the valid seed recorded them. */
    private static final DiskSnapshot NOW = new DiskSnapshot(
            List.of(
                    new FileState.Present(40000, 1_700_000_000_000_000_000L),
                    new FileState.Present(0, 1_700_000_000_000_000_000L),
                    new FileState.Present(30000, 1_700_000_000_500_000_000L)),
            FileState.ABSENT);

    @FuzzTest
    void decode(byte[] input) throws ResumeException {
        Outcome<ResumeRecord> outcome =
                FuzzChecks.parse(input.length, () -> ResumeCodec.decode(input), ResumeException.class);
        // Whatever the bytes, the check decides without throwing, and trusts only what a usable record lists.
        ResumeVerdict verdict = ResumeCheck.check(TORRENT, input, NOW);
        if (!(outcome instanceof Outcome.Parsed<ResumeRecord>(ResumeRecord r))) {
            assertThat(verdict).isInstanceOf(ResumeVerdict.FullCheck.class);
            return;
        }
        if (verdict instanceof ResumeVerdict.Trusted t) assertSubset(t.trusted(), r.pieces());

        assertThat(input.length).isLessThanOrEqualTo(ResumeCodec.MAX_BYTES);
        assertThat(r.pieceCount()).isBetween(0, ResumeRecord.MAX_PIECES);
        assertThat(r.filePriorities())
                .hasSizeBetween(1, ResumeRecord.MAX_FILES)
                .allSatisfy(p -> assertThat(p).isBetween(0, ResumeRecord.MAX_PRIORITY));
        assertThat(r.disk().files()).hasSameSizeAs(r.filePriorities());
        assertThat(r.peers()).hasSizeLessThanOrEqualTo(ResumeRecord.MAX_PEERS).doesNotHaveDuplicates();
        for (InetSocketAddress peer : r.peers()) {
            assertThat(peer.isUnresolved()).isFalse();
            assertThat(peer.getPort()).isBetween(1, 65535);
        }
        assertThat(r.trackerTiers().stream().mapToInt(List::size).sum()).isLessThanOrEqualTo(ResumeRecord.MAX_TRACKERS);
        assertThat(r.trackerTiers()).allSatisfy(tier -> assertThat(tier).isNotEmpty());
        assertThat(r.savePath()).isNotEmpty();
        r.renamedPaths().forEach((index, path) -> {
            assertThat(index).isBetween(0, r.filePriorities().size() - 1);
            assertThat(ResumeRecord.pathProblem(path)).isNull();
            assertThat(path).noneMatch(c -> c.equals("..") || c.isEmpty() || c.contains("/"));
        });

        // Written back, it reads the same and is written the same again.
        byte[] encoded = ResumeCodec.encode(r);
        assertThat(encoded.length).isLessThanOrEqualTo(ResumeCodec.MAX_BYTES);
        assertThat(ResumeCodec.decode(encoded)).isEqualTo(r);
        assertThat(ResumeCodec.encode(ResumeCodec.decode(encoded))).isEqualTo(encoded);

        // Against the very files it recorded, a record of this torrent is trusted as it is, or (claiming pieces
        // its files were too short to hold) not at all.
        if (r.disk().files().size() == TORRENT.files().size()) {
            switch (ResumeCheck.check(TORRENT, r, r.disk())) {
                case ResumeVerdict.Trusted t -> {
                    assertThat(t.trusted()).isEqualTo(r.pieces());
                    assertThat(t.toHash().isEmpty()).isTrue();
                }
                case ResumeVerdict.FullCheck f ->
                    assertThat(f.reason()).isNotBlank().doesNotContain("\n");
            }
        }
    }

    /** The seeds' names say which are valid: those decode, and every other one is refused. */
    @Test
    void theSeedsAreWhatTheirNamesSay() throws Exception {
        Path dir = Path.of(ResumeCodecFuzzTest.class
                .getResource("ResumeCodecFuzzTestInputs/decode")
                .toURI());
        List<Path> seeds;
        try (Stream<Path> files = Files.list(dir)) {
            seeds = files.filter(p -> !p.getFileName().toString().equals("README.md"))
                    .sorted()
                    .toList();
        }
        assertThat(seeds).hasSizeGreaterThan(30);
        for (Path seed : seeds) {
            String name = seed.getFileName().toString();
            byte[] data = Files.readAllBytes(seed);
            boolean valid = name.startsWith("valid-") || name.startsWith("unknown-key-");
            try {
                ResumeRecord r = ResumeCodec.decode(data);
                assertThat(valid).as("%s decoded", name).isTrue();
                assertThat(ResumeCheck.check(TORRENT, data, NOW)).isInstanceOf(ResumeVerdict.Trusted.class);
                assertThat(r.infoHash()).isEqualTo(TORRENT.infoHash());
            } catch (ResumeException e) {
                assertThat(valid).as("%s refused: %s", name, e.getMessage()).isFalse();
            }
        }
    }

    private static void assertSubset(Bitfield part, Bitfield whole) {
        for (int p = part.nextSetBit(0); p >= 0; p = part.nextSetBit(p + 1)) {
            assertThat(whole.get(p)).as("piece %d trusted but not recorded", p).isTrue();
        }
    }
}
