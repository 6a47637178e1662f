package dev.torpeddo.engine.metainfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Runs the committed corpus under {@code src/test/resources/torrents/}. */
class MetainfoParserCorpusTest {
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`([^`]+\\.torrent)`\\s*\\|\\s*([A-Za-z_0-9]+)\\s*\\|");
    private static final Path DOWNLOADS = Path.of("/downloads");

    private static Path corpus(String dir) {
        try {
            return Path.of(MetainfoParserCorpusTest.class
                    .getResource("/torrents/" + dir)
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> readmeTable() throws IOException {
        Map<String, String> expected = new LinkedHashMap<>();
        for (String line : Files.readAllLines(corpus("bad").resolve("README.md"))) {
            Matcher m = ROW.matcher(line);
            if (m.find()) expected.put(m.group(1), m.group(2));
        }
        return expected;
    }

    private static Metainfo parse(String dir, String file) throws Exception {
        return MetainfoParser.parse(Files.readAllBytes(corpus(dir).resolve(file)));
    }

    @Test
    void everyBadFileHasAReadmeRowAndEveryRowAFile() throws IOException {
        List<String> files;
        try (Stream<Path> s = Files.list(corpus("bad"))) {
            files = s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".torrent"))
                    .sorted()
                    .toList();
        }
        assertThat(files).isNotEmpty();
        assertThat(readmeTable().keySet()).containsExactlyInAnyOrderElementsOf(files);
    }

    @TestFactory
    Stream<DynamicTest> eachBadFileGetsItsDocumentedOutcome() throws IOException {
        return readmeTable().entrySet().stream()
                .map(row -> DynamicTest.dynamicTest(row.getKey() + " -> " + row.getValue(), () -> {
                    if (row.getValue().equals("parses")) {
                        Metainfo m = parse("bad", row.getKey());
                        for (FileEntry f : m.files()) {
                            Path p = DOWNLOADS
                                    .resolve(Path.of("", f.path().toArray(String[]::new)))
                                    .normalize();
                            assertThat(p.startsWith(DOWNLOADS) && !p.equals(DOWNLOADS))
                                    .as(f.displayPath())
                                    .isTrue();
                            assertThat(f.path()).noneMatch(c -> c.contains("/") || c.contains("\\") || c.contains(":"));
                        }
                    } else {
                        MetainfoException.Reason reason = MetainfoException.Reason.valueOf(row.getValue());
                        assertThatThrownBy(() -> parse("bad", row.getKey()))
                                .isInstanceOf(MetainfoException.class)
                                .satisfies(e -> assertThat(((MetainfoException) e).reason())
                                        .isEqualTo(reason))
                                .satisfies(e ->
                                        assertThat(e.getMessage()).isNotBlank().doesNotContain("\n"));
                    }
                }));
    }

    @Test
    void traversalIsDroppedNotFollowed() throws Exception {
        assertThat(parse("bad", "path_traversal.torrent").files())
                .extracting(FileEntry::path)
                .containsExactly(List.of("dir", "etc", "passwd"), List.of("dir", "ok"));
        assertThat(parse("bad", "absolute_path.torrent").files())
                .extracting(FileEntry::path)
                .containsExactly(List.of("dir", "_etc_passwd"), List.of("dir", "C__Windows_win.ini"));
    }

    @Test
    void singleFile() throws Exception {
        Metainfo m = parse("good", "single_file.torrent");
        assertThat(m.name()).isEqualTo("a.bin");
        assertThat(m.files()).containsExactly(new FileEntry(List.of("a.bin"), 100, 0));
        assertThat(m.pieceLength()).isEqualTo(64);
        assertThat(m.pieceCount()).isEqualTo(2);
        assertThat(m.trackerTiers()).containsExactly(List.of(URI.create("http://tracker.example/announce")));
    }

    @Test
    void multiFile() throws Exception {
        Metainfo m = parse("good", "multi_file.torrent");
        assertThat(m.files())
                .containsExactly(
                        new FileEntry(List.of("dir", "docs", "readme.txt"), 40, 0),
                        new FileEntry(List.of("dir", "empty"), 0, 40),
                        new FileEntry(List.of("dir", "data.bin"), 60, 40));
        assertThat(m.totalLength()).isEqualTo(100);
    }

    @Test
    void unorderedInfoKeysHashTheRawBytes() throws Exception {
        Metainfo m = parse("good", "unordered_info_keys.torrent");
        // computed independently (Python hashlib over the raw info slice of the file)
        assertThat(m.infoHash().hex()).isEqualTo("a6eb2d257e16804c2a540e954a7a2f040ea665a5");
        // the same info re-encoded canonically (single_file) has another hash
        assertThat(m.infoHash())
                .isNotEqualTo(parse("good", "single_file.torrent").infoHash());
        assertThat(m.comment()).contains("unsorted");
    }

    @Test
    void announceListTiersWinOverAnnounce() throws Exception {
        assertThat(parse("good", "announce_list_tiers.torrent").trackerTiers())
                .containsExactly(
                        List.of(URI.create("http://t1a.example/announce"), URI.create("udp://t1b.example:6969")),
                        List.of(URI.create("https://t2.example/announce")));
    }

    @Test
    void utf8VariantsOfNameAndPathArePreferred() throws Exception {
        Metainfo m = parse("good", "path_utf8.torrent");
        assertThat(m.name()).isEqualTo("déjà vu");
        assertThat(m.files().getFirst().path()).containsExactly("déjà vu", "résumé", "日本.txt");
    }
}
