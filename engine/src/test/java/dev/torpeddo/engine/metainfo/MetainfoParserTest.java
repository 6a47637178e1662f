package dev.torpeddo.engine.metainfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.torpeddo.engine.bencode.BBytes;
import dev.torpeddo.engine.bencode.BDict;
import dev.torpeddo.engine.bencode.BEncoder;
import dev.torpeddo.engine.bencode.BList;
import dev.torpeddo.engine.bencode.BValue;
import dev.torpeddo.engine.metainfo.MetainfoException.Reason;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class MetainfoParserTest {

    private static BList strings(String... s) {
        return new BList(java.util.Arrays.stream(s).<BValue>map(BBytes::of).toList());
    }

    private static BDict file(long length, String... path) {
        return BDict.builder().put("length", length).put("path", strings(path)).build();
    }

    /** A valid single-file torrent of 100 bytes in 64-byte pieces, adjusted by the callbacks. */
    private static byte[] torrent(Consumer<BDict.Builder> info, Consumer<BDict.Builder> root) {
        BDict.Builder i = BDict.builder()
                .put("name", "a.bin")
                .put("piece length", 64)
                .put("length", 100)
                .put("pieces", new byte[40]);
        info.accept(i);
        BDict.Builder r = BDict.builder()
                .put("announce", "http://tracker.example/announce")
                .put("info", i.build());
        root.accept(r);
        return BEncoder.encode(r.build());
    }

    private static byte[] torrent(Consumer<BDict.Builder> info) {
        return torrent(info, r -> {});
    }

    private static Reason reasonOf(byte[] data) {
        try {
            MetainfoParser.parse(data);
        } catch (MetainfoException e) {
            assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
            return e.reason();
        }
        throw new AssertionError("parsed successfully");
    }

    @Test
    void parsesASingleFileTorrent() throws Exception {
        byte[] data = torrent(i -> {}, r -> r.put("comment", "hello").put("created by", "me"));
        Metainfo m = MetainfoParser.parse(data);
        assertThat(m.name()).isEqualTo("a.bin");
        assertThat(m.files()).containsExactly(new FileEntry(List.of("a.bin"), 100, 0));
        assertThat(m.totalLength()).isEqualTo(100);
        assertThat(m.pieceCount()).isEqualTo(2);
        assertThat(m.pieceSize(1)).isEqualTo(36);
        assertThat(m.isMultiFile()).isFalse();
        assertThat(m.isPrivate()).isFalse();
        assertThat(m.trackerTiers()).containsExactly(List.of(URI.create("http://tracker.example/announce")));
        assertThat(m.comment()).contains("hello");
        assertThat(m.createdBy()).contains("me");
    }

    @Test
    void infoHashIsSha1OfTheRawInfoBytes() throws Exception {
        byte[] data = torrent(i -> {});
        Metainfo m = MetainfoParser.parse(data);
        String text = new String(data, StandardCharsets.ISO_8859_1);
        int start = text.indexOf("4:infod") + 6;
        byte[] raw = java.util.Arrays.copyOfRange(data, start, data.length - 1);
        assertThat(m.rawInfo()).isEqualTo(raw);
        assertThat(m.infoHash().bytes())
                .isEqualTo(MessageDigest.getInstance("SHA-1").digest(raw));
    }

    @Test
    void parsesMultiFileTorrentsWithOffsetsUnderTheName() throws Exception {
        byte[] data = multi(BList.of(file(10, "x", "one"), file(0, "empty"), file(90, "two")));
        Metainfo m = MetainfoParser.parse(data);
        assertThat(m.files())
                .containsExactly(
                        new FileEntry(List.of("dir", "x", "one"), 10, 0),
                        new FileEntry(List.of("dir", "empty"), 0, 10),
                        new FileEntry(List.of("dir", "two"), 90, 10));
        assertThat(m.totalLength()).isEqualTo(100);
        assertThat(m.isMultiFile()).isTrue();
        assertThat(m.trackerTiers()).isEmpty();
    }

    private static byte[] multi(BValue files) {
        return BEncoder.encode(BDict.builder()
                .put(
                        "info",
                        BDict.builder()
                                .put("name", "dir")
                                .put("piece length", 64)
                                .put("pieces", new byte[40])
                                .put("files", files)
                                .build())
                .build());
    }

    @Test
    void traversalIsNeutralizedAndCollisionsRenamed() throws Exception {
        Metainfo m =
                MetainfoParser.parse(multi(BList.of(file(50, "..", "..", "etc", "passwd"), file(50, "etc", "passwd"))));
        assertThat(m.files())
                .extracting(FileEntry::path)
                .containsExactly(List.of("dir", "etc", "passwd"), List.of("dir", "etc", "passwd (1)"));
    }

    @Test
    void aPathWithNothingLeftIsInvalid() {
        assertThat(reasonOf(multi(BList.of(file(100, "..", "."))))).isEqualTo(Reason.INVALID_PATH);
        assertThat(reasonOf(multi(BList.of(file(100))))).isEqualTo(Reason.INVALID_PATH);
        assertThat(reasonOf(multi(BList.of(BDict.builder().put("length", 100).build()))))
                .isEqualTo(Reason.INVALID_PATH);
    }

    @Test
    void prefersUtf8NameAndPathVariants() throws Exception {
        BDict f = BDict.builder()
                .put("length", 100)
                .put("path", strings("bad\u00ff"))
                .put("path.utf-8", strings("caf\u00e9.txt"))
                .build();
        byte[] data = BEncoder.encode(BDict.builder()
                .put(
                        "info",
                        BDict.builder()
                                .put("name", "x")
                                .put("name.utf-8", "nöm")
                                .put("piece length", 64)
                                .put("pieces", new byte[40])
                                .put("files", BList.of(f))
                                .build())
                .build());
        Metainfo m = MetainfoParser.parse(data);
        assertThat(m.name()).isEqualTo("nöm");
        assertThat(m.files().getFirst().path()).containsExactly("nöm", "café.txt");
    }

    @Test
    void nameThatSanitizesToNothingBecomesTheInfoHash() throws Exception {
        Metainfo m = MetainfoParser.parse(torrent(i -> i.put("name", "..")));
        assertThat(m.name()).isEqualTo(m.infoHash().hex());
        assertThat(m.files().getFirst().path()).containsExactly(m.infoHash().hex());
    }

    @Test
    void announceListWinsKeepsTiersAndDropsBadOrRepeatedUrls() throws Exception {
        BList tiers = BList.of(
                strings("udp://a.example:80", "ftp://nope.example/", "not a url", "http://b.example/ann"),
                strings("http://b.example/ann"),
                BList.of(),
                strings("https://c.example/announce"));
        Metainfo m = MetainfoParser.parse(torrent(i -> {}, r -> r.put("announce-list", tiers)));
        assertThat(m.trackerTiers())
                .containsExactly(
                        List.of(URI.create("udp://a.example:80"), URI.create("http://b.example/ann")),
                        List.of(URI.create("https://c.example/announce")));
    }

    @Test
    void emptyAnnounceListFallsBackToAnnounce() throws Exception {
        Metainfo m = MetainfoParser.parse(torrent(i -> {}, r -> r.put("announce-list", BList.of())));
        assertThat(m.trackerTiers()).containsExactly(List.of(URI.create("http://tracker.example/announce")));
    }

    @Test
    void readsPrivateFlagAndWebSeeds() throws Exception {
        Metainfo m = MetainfoParser.parse(torrent(
                i -> i.put("private", 1),
                r -> r.put("url-list", strings("http://seed.example/files/", "gopher://x/", ""))));
        assertThat(m.isPrivate()).isTrue();
        assertThat(m.webSeeds()).containsExactly(URI.create("http://seed.example/files/"));
        Metainfo single = MetainfoParser.parse(
                torrent(i -> i.put("private", 0), r -> r.put("url-list", "https://s.example/a.bin")));
        assertThat(single.isPrivate()).isFalse();
        assertThat(single.webSeeds()).containsExactly(URI.create("https://s.example/a.bin"));
    }

    @Test
    void acceptsTheLargestCommonPieceLength() throws Exception {
        int pl = 32767 * 16384;
        Metainfo m = MetainfoParser.parse(torrent(i -> i.put("piece length", pl).put("length", pl + 1L)));
        assertThat(m.pieceLength()).isEqualTo(pl);
        assertThat(m.pieceSize(1)).isEqualTo(1);
    }

    @Test
    void rejectsEachDefectWithItsReason() {
        assertThat(reasonOf("garbage".getBytes(StandardCharsets.US_ASCII))).isEqualTo(Reason.NOT_BENCODE);
        assertThat(reasonOf("li1ee".getBytes(StandardCharsets.US_ASCII))).isEqualTo(Reason.NOT_A_DICT);
        assertThat(reasonOf("de".getBytes(StandardCharsets.US_ASCII))).isEqualTo(Reason.MISSING_INFO);
        assertThat(reasonOf("d4:infoi1ee".getBytes(StandardCharsets.US_ASCII))).isEqualTo(Reason.WRONG_TYPE);
        assertThat(reasonOf(torrent(i -> i.put("piece length", 0)))).isEqualTo(Reason.INVALID_PIECE_LENGTH);
        assertThat(reasonOf(torrent(i -> i.put("piece length", -16384)))).isEqualTo(Reason.INVALID_PIECE_LENGTH);
        assertThat(reasonOf(torrent(i -> i.put("piece length", 1L << 32)))).isEqualTo(Reason.INVALID_PIECE_LENGTH);
        assertThat(reasonOf(torrent(i -> i.put("piece length", "64")))).isEqualTo(Reason.WRONG_TYPE);
        assertThat(reasonOf(torrent(i -> i.put("pieces", new byte[39])))).isEqualTo(Reason.PIECES_NOT_MULTIPLE_OF_20);
        assertThat(reasonOf(torrent(i -> i.put("pieces", new byte[60])))).isEqualTo(Reason.PIECE_COUNT_MISMATCH);
        assertThat(reasonOf(torrent(i -> i.put("length", 1L << 40)))).isEqualTo(Reason.TOO_MANY_PIECES);
        assertThat(reasonOf(torrent(i -> i.put("length", -1)))).isEqualTo(Reason.NEGATIVE_FILE_LENGTH);
        assertThat(reasonOf(torrent(i -> i.put("length", 0).put("pieces", new byte[0]))))
                .isEqualTo(Reason.EMPTY_TORRENT);
        assertThat(reasonOf(torrent(i -> i.put("files", BList.of(file(1, "x"))))))
                .isEqualTo(Reason.AMBIGUOUS_FILES);
        assertThat(reasonOf(multi(BList.of()))).isEqualTo(Reason.NO_FILES);
        assertThat(reasonOf(multi(BList.of(file(Long.MAX_VALUE, "a"), file(1, "b")))))
                .isEqualTo(Reason.TOTAL_LENGTH_OVERFLOW);
        assertThat(reasonOf(
                        multi(BList.of(BDict.builder().put("path", strings("a")).build()))))
                .isEqualTo(Reason.MISSING_FILE_LENGTH);
        assertThat(reasonOf(multi(BList.of(BBytes.of("x"))))).isEqualTo(Reason.WRONG_TYPE);
    }

    @Test
    void missingFieldsAreNamed() {
        BDict base = BDict.builder()
                .put("name", "a")
                .put("piece length", 64)
                .put("length", 100)
                .put("pieces", new byte[40])
                .build();
        for (var missing : List.of(
                java.util.Map.entry("name", Reason.MISSING_NAME),
                java.util.Map.entry("piece length", Reason.MISSING_PIECE_LENGTH),
                java.util.Map.entry("pieces", Reason.MISSING_PIECES),
                java.util.Map.entry("length", Reason.NO_FILES))) {
            var entries = new java.util.LinkedHashMap<>(base.entries());
            entries.remove(BBytes.of(missing.getKey()));
            byte[] data = BEncoder.encode(
                    BDict.builder().put("info", new BDict(entries)).build());
            assertThatThrownBy(() -> MetainfoParser.parse(data))
                    .isInstanceOf(MetainfoException.class)
                    .satisfies(e -> assertThat(((MetainfoException) e).reason()).isEqualTo(missing.getValue()));
        }
    }

    @Test
    void enforcesSizeFileCountPathDepthAndDuplicateLimits() {
        TorrentLimits tight = new TorrentLimits(10 << 20, 100, 3_000_000, 0x200000, 512 << 20, 2, 3, 1);
        assertThatThrownBy(() -> MetainfoParser.parse(
                        new byte[1000], new TorrentLimits(999, 100, 1000, 10, 1 << 20, 10, 10, 10)))
                .hasMessageContaining("exceeds the limit of 999")
                .satisfies(e -> assertThat(((MetainfoException) e).reason()).isEqualTo(Reason.TOO_LARGE));
        assertThatThrownBy(() ->
                        MetainfoParser.parse(multi(BList.of(file(1, "a"), file(1, "b"), file(98, "c"))), tight))
                .satisfies(e -> assertThat(((MetainfoException) e).reason()).isEqualTo(Reason.TOO_MANY_FILES));
        assertThatThrownBy(() -> MetainfoParser.parse(multi(BList.of(file(100, "a", "b", "c", "d"))), tight))
                .satisfies(e -> assertThat(((MetainfoException) e).reason()).isEqualTo(Reason.PATH_TOO_DEEP));
        TorrentLimits noRenames = new TorrentLimits(10 << 20, 100, 3_000_000, 0x200000, 512 << 20, 10, 3, 0);
        assertThatThrownBy(() -> MetainfoParser.parse(multi(BList.of(file(50, "a"), file(50, "A"))), noRenames))
                .satisfies(
                        e -> assertThat(((MetainfoException) e).reason()).isEqualTo(Reason.TOO_MANY_DUPLICATE_NAMES));
    }
}
