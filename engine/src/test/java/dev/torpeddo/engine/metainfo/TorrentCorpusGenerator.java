package dev.torpeddo.engine.metainfo;

import dev.torpeddo.engine.bencode.BBytes;
import dev.torpeddo.engine.bencode.BDict;
import dev.torpeddo.engine.bencode.BEncoder;
import dev.torpeddo.engine.bencode.BList;
import dev.torpeddo.engine.bencode.BValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes the committed test corpus under {@code src/test/resources/torrents/}. Not a test: run it by hand
 * after changing it ({@code java -cp target/classes:target/test-classes ...TorrentCorpusGenerator
 * src/test/resources/torrents}) and commit the files, which then also serve as a fuzzing seed corpus.
 */
public final class TorrentCorpusGenerator {

    private TorrentCorpusGenerator() {}

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        Path bad = Files.createDirectories(root.resolve("bad"));
        Path good = Files.createDirectories(root.resolve("good"));

        // --- malformed bencode ---
        write(
                bad,
                "deep_nesting",
                "d8:announce" + "l".repeat(10_000) + "e".repeat(10_000) + "4:info" + validInfoText() + "e");
        write(bad, "huge_length_prefix", "d4:info99999999999999999999:xe");
        write(bad, "length_prefix_past_end", "d4:infod4:name2147483652:abcee");
        write(bad, "bad_int_leading_zero", validText().replace("i64e", "i064e"));
        write(bad, "bad_int_negative_zero", validText().replace("6:lengthi100e", "6:lengthi100e7:privatei-0e"));
        write(bad, "int_overflow", validText().replace("i100e", "i9223372036854775808e"));
        write(bad, "empty_int", validText().replace("i100e", "ie"));
        write(bad, "duplicate_keys", validText().replace("6:lengthi100e", "6:lengthi100e6:lengthi100e"));
        write(bad, "trailing_garbage", validText() + "garbage");
        write(bad, "truncated", validText().substring(0, validText().length() - 30));
        write(bad, "dict_key_not_string", "di1ei2ee");
        write(bad, "empty_file", "");

        // --- structurally wrong ---
        write(bad, "not_a_dict", "l4:spame");
        write(
                bad,
                "missing_info",
                BEncoder.encode(BDict.builder()
                        .put("announce", "http://tracker.example/a")
                        .build()));
        write(bad, "info_not_a_dict", "d4:infoli1eee");
        write(bad, "missing_name", torrent(i -> i.remove("name")));
        write(bad, "missing_piece_length", torrent(i -> i.remove("piece length")));
        write(bad, "zero_piece_length", torrent(i -> i.put("piece length", 0)));
        write(bad, "negative_piece_length", torrent(i -> i.put("piece length", -16384)));
        write(bad, "huge_piece_length", torrent(i -> i.put("piece length", 1L << 31)));
        write(bad, "missing_pieces", torrent(i -> i.remove("pieces")));
        write(bad, "pieces_not_multiple_of_20", torrent(i -> i.put("pieces", new byte[39])));
        write(bad, "piece_count_mismatch", torrent(i -> i.put("pieces", new byte[60])));
        write(bad, "too_many_pieces", torrent(i -> i.put("piece length", 1).put("length", 1L << 40)));
        write(bad, "no_files", torrent(i -> i.remove("length")));
        write(bad, "empty_files_list", multi(BList.of()));
        write(bad, "both_length_and_files", torrent(i -> i.put("files", BList.of(file(100, "a")))));
        write(bad, "negative_file_length", torrent(i -> i.put("length", -100)));
        write(bad, "negative_file_length_multi", multi(BList.of(file(200, "a"), file(-100, "b"))));
        write(
                bad,
                "missing_file_length",
                multi(BList.of(BDict.builder().put("path", strings("a")).build())));
        write(bad, "wrong_type_length", torrent(i -> i.put("length", "100")));
        write(bad, "total_length_overflow", multi(BList.of(file(Long.MAX_VALUE, "a"), file(Long.MAX_VALUE, "b"))));
        write(bad, "zero_total_length", torrent(i -> i.put("length", 0).put("pieces", new byte[0])));
        write(
                bad,
                "empty_path",
                multi(BList.of(BDict.builder()
                        .put("length", 100)
                        .put("path", BList.of())
                        .build())));
        write(bad, "path_only_traversal", multi(BList.of(file(100, "..", ".", ".."))));
        write(
                bad,
                "path_not_strings",
                multi(BList.of(BDict.builder()
                        .put("length", 100)
                        .put("path", BList.of(dev.torpeddo.engine.bencode.BInt.of(1)))
                        .build())));
        String[] deep = new String[300];
        Arrays.fill(deep, "d");
        write(bad, "path_too_deep", multi(BList.of(file(100, deep))));
        List<BValue> flood = new ArrayList<>();
        for (int k = 0; k < 1100; k++) flood.add(file(k == 0 ? 100 : 0, "same"));
        write(bad, "duplicate_names_flood", multi(new BList(flood)));

        // --- hostile names that must parse, neutralized ---
        write(bad, "path_traversal", multi(BList.of(file(50, "..", "..", "..", "etc", "passwd"), file(50, "ok"))));
        write(bad, "absolute_path", multi(BList.of(file(50, "/etc/passwd"), file(50, "C:\\Windows\\win.ini"))));
        write(bad, "name_traversal", torrent(i -> i.put("name", "../../.bashrc")));
        write(bad, "reserved_names", multi(BList.of(file(50, "CON"), file(50, "aux.txt"))));

        // --- valid torrents ---
        write(good, "single_file", torrent(i -> {}));
        write(
                good,
                "multi_file",
                multi(BList.of(file(40, "docs", "readme.txt"), file(0, "empty"), file(60, "data.bin"))));
        write(
                good,
                "announce_list_tiers",
                BEncoder.encode(BDict.builder()
                        .put("announce", "http://ignored.example/announce")
                        .put(
                                "announce-list",
                                BList.of(
                                        strings("http://t1a.example/announce", "udp://t1b.example:6969"),
                                        strings("https://t2.example/announce")))
                        .put("info", info(i -> {}))
                        .build()));
        BDict utf8File = BDict.builder()
                .put("length", 100)
                .put("path", strings("caf\u00e9-latin1"))
                .put("path.utf-8", strings("r\u00e9sum\u00e9", "\u65e5\u672c.txt"))
                .build();
        write(
                good,
                "path_utf8",
                BEncoder.encode(BDict.builder()
                        .put(
                                "info",
                                BDict.builder()
                                        .put("files", BList.of(utf8File))
                                        .put("name", "x")
                                        .put("name.utf-8", "d\u00e9j\u00e0 vu")
                                        .put("piece length", 64)
                                        .put("pieces", new byte[40])
                                        .build())
                        .build()));
        // unsorted keys inside info: the info-hash must be over these raw bytes, not a re-encoding
        write(
                good,
                "unordered_info_keys",
                "d8:announce31:http://tracker.example/announce4:infod"
                        + "4:name5:a.bin6:lengthi100e6:pieces40:" + "\0".repeat(40) + "12:piece lengthi64ee"
                        + "7:comment8:unsortede");
    }

    private static void write(Path dir, String name, String latin1) throws IOException {
        write(dir, name, latin1.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static void write(Path dir, String name, byte[] data) throws IOException {
        Files.write(dir.resolve(name + ".torrent"), data);
    }

    private static BList strings(String... s) {
        return new BList(Arrays.stream(s).<BValue>map(BBytes::of).toList());
    }

    private static BDict file(long length, String... path) {
        return BDict.builder().put("length", length).put("path", strings(path)).build();
    }

    private static BDict info(Consumer<BDict.Builder> mod) {
        BDict.Builder i = BDict.builder()
                .put("length", 100)
                .put("name", "a.bin")
                .put("piece length", 64)
                .put("pieces", new byte[40]);
        mod.accept(i);
        return i.build();
    }

    private static byte[] torrent(Consumer<BDict.Builder> mod) {
        return BEncoder.encode(BDict.builder()
                .put("announce", "http://tracker.example/announce")
                .put("info", info(mod))
                .build());
    }

    private static byte[] multi(BList files) {
        return BEncoder.encode(BDict.builder()
                .put("announce", "http://tracker.example/announce")
                .put(
                        "info",
                        BDict.builder()
                                .put("files", files)
                                .put("name", "dir")
                                .put("piece length", 64)
                                .put("pieces", new byte[40])
                                .build())
                .build());
    }

    private static String validText() {
        return new String(torrent(i -> {}), StandardCharsets.ISO_8859_1);
    }

    private static String validInfoText() {
        return new String(BEncoder.encode(info(i -> {})), StandardCharsets.ISO_8859_1);
    }
}
