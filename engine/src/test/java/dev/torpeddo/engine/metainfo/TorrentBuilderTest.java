package dev.torpeddo.engine.metainfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorrentBuilderTest {
    @TempDir
    Path tmp;

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static void assertPiecesMatch(Metainfo m, byte[] content) throws Exception {
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        assertThat(m.pieceCount()).isEqualTo((content.length + m.pieceLength() - 1) / m.pieceLength());
        for (int i = 0; i < m.pieceCount(); i++) {
            int from = i * m.pieceLength();
            byte[] piece = Arrays.copyOfRange(content, from, Math.min(content.length, from + m.pieceLength()));
            assertThat(m.pieceHash(i)).as("piece %d", i).isEqualTo(sha1.digest(piece));
        }
    }

    @Test
    void buildsASingleFileTorrentWithCorrectPieceHashes() throws Exception {
        byte[] content = random(100_000, 1);
        Path file = Files.write(tmp.resolve("movie.bin"), content);
        Metainfo m = TorrentBuilder.from(file)
                .pieceLength(16384)
                .tracker("http://127.0.0.1:6969/announce")
                .buildMetainfo();
        assertThat(m.name()).isEqualTo("movie.bin");
        assertThat(m.files()).containsExactly(new FileEntry(List.of("movie.bin"), 100_000, 0));
        assertThat(m.isMultiFile()).isFalse();
        assertThat(m.trackerTiers()).containsExactly(List.of(URI.create("http://127.0.0.1:6969/announce")));
        assertPiecesMatch(m, content);
    }

    @Test
    void buildsADirectoryTorrentSortedWithEmptyFilesAndPiecesSpanningFiles() throws Exception {
        Files.createDirectories(tmp.resolve("share/sub"));
        byte[] b = random(30_000, 2);
        byte[] a = random(5_000, 3);
        Files.write(tmp.resolve("share/sub/b.dat"), b);
        Files.write(tmp.resolve("share/a.dat"), a);
        Files.write(tmp.resolve("share/empty"), new byte[0]);
        Metainfo m =
                TorrentBuilder.from(tmp.resolve("share")).pieceLength(16384).buildMetainfo();
        assertThat(m.files())
                .containsExactly(
                        new FileEntry(List.of("share", "a.dat"), 5_000, 0),
                        new FileEntry(List.of("share", "empty"), 0, 5_000),
                        new FileEntry(List.of("share", "sub", "b.dat"), 30_000, 5_000));
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.write(a);
        all.write(b);
        assertPiecesMatch(m, all.toByteArray());
    }

    @Test
    void parallelAndSequentialHashingGiveTheSameTorrent() throws Exception {
        Path file = Files.write(tmp.resolve("f"), random(300_001, 4));
        byte[] one = TorrentBuilder.from(file).pieceLength(16384).hashThreads(1).build();
        byte[] four =
                TorrentBuilder.from(file).pieceLength(16384).hashThreads(4).build();
        assertThat(four).isEqualTo(one);
    }

    @Test
    void writesAllOptionalFields() throws Exception {
        Path file = Files.write(tmp.resolve("f"), random(10, 5));
        Metainfo m = TorrentBuilder.from(file)
                .name("renamed")
                .trackerTier(List.of(URI.create("http://a.example/ann"), URI.create("udp://b.example:6969")))
                .tracker("https://c.example/ann")
                .privateFlag(true)
                .comment("a comment")
                .createdBy("Torpeddo test")
                .webSeed(URI.create("http://seed.example/f"))
                .buildMetainfo();
        assertThat(m.name()).isEqualTo("renamed");
        assertThat(m.trackerTiers())
                .containsExactly(
                        List.of(URI.create("http://a.example/ann"), URI.create("udp://b.example:6969")),
                        List.of(URI.create("https://c.example/ann")));
        assertThat(m.isPrivate()).isTrue();
        assertThat(m.comment()).contains("a comment");
        assertThat(m.createdBy()).contains("Torpeddo test");
        assertThat(m.webSeeds()).containsExactly(URI.create("http://seed.example/f"));
        assertThat(m.pieceLength()).isEqualTo(16384);
    }

    @Test
    void sameContentGivesTheSameInfoHash() throws Exception {
        Path file = Files.write(tmp.resolve("f"), random(1000, 6));
        assertThat(TorrentBuilder.from(file).buildMetainfo().infoHash())
                .isEqualTo(TorrentBuilder.from(file)
                        .tracker("http://x.example/a")
                        .buildMetainfo()
                        .infoHash());
    }

    @Test
    void defaultPieceLengthIsAPowerOfTwoAimingAt1500Pieces() {
        assertThat(TorrentBuilder.defaultPieceLength(1)).isEqualTo(16384);
        assertThat(TorrentBuilder.defaultPieceLength(1500L * 262144)).isEqualTo(262144);
        assertThat(TorrentBuilder.defaultPieceLength(1L << 50)).isEqualTo(16 << 20);
        long total = 3_000_000_000L;
        int pl = TorrentBuilder.defaultPieceLength(total);
        assertThat(Integer.bitCount(pl)).isEqualTo(1);
        assertThat(total / pl).isBetween(1500L, 3000L);
    }

    @Test
    void refusesToBuildFromNothing() throws Exception {
        Path empty = Files.write(tmp.resolve("zero"), new byte[0]);
        assertThatThrownBy(() -> TorrentBuilder.from(empty).build()).hasMessageContaining("0 bytes");
        Path dir = Files.createDirectories(tmp.resolve("emptydir"));
        assertThatThrownBy(() -> TorrentBuilder.from(dir).build()).hasMessageContaining("no files");
        assertThatThrownBy(() -> TorrentBuilder.from(tmp.resolve("missing")).build())
                .hasMessageContaining("not a file");
    }
}
