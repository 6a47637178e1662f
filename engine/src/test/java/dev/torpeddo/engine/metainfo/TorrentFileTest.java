package dev.torpeddo.engine.metainfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorrentFileTest {
    @TempDir
    Path tmp;

    @Test
    void infoBytesFromPeersBecomeATorrentWithTheMagnetsTrackersAndTheSameInfoHash() throws Exception {
        Files.write(tmp.resolve("a.bin"), new byte[100_000]);
        Metainfo original =
                TorrentBuilder.from(tmp.resolve("a.bin")).pieceLength(16384).buildMetainfo();
        List<List<URI>> tiers = List.of(
                List.of(URI.create("udp://127.0.0.1:6969/announce")),
                List.of(URI.create("http://127.0.0.1:8080/announce")));

        Metainfo fetched = TorrentFile.fromInfo(original.rawInfo(), tiers);
        assertThat(fetched.infoHash()).isEqualTo(original.infoHash());
        assertThat(fetched.files()).isEqualTo(original.files());
        assertThat(fetched.trackerTiers()).isEqualTo(tiers);

        Metainfo reread = MetainfoParser.parse(TorrentFile.toBytes(fetched));
        assertThat(reread.infoHash()).isEqualTo(original.infoHash());
        assertThat(reread.trackerTiers()).isEqualTo(tiers);
    }

    @Test
    void unorderedInfoDictionaryKeepsItsHashThroughTheRoundTrip() throws Exception {
        Metainfo odd = MetainfoParser.parse(
                Files.readAllBytes(Path.of("src/test/resources/torrents/good/unordered_info_keys.torrent")));
        Metainfo back = MetainfoParser.parse(TorrentFile.toBytes(odd));
        assertThat(back.infoHash()).isEqualTo(odd.infoHash());
        assertThat(back.rawInfo()).isEqualTo(odd.rawInfo());
    }

    @Test
    void infoBytesFollowedByMoreKeysAreRefusedInsteadOfBecomingTopLevelKeys() throws Exception {
        Files.write(tmp.resolve("a.bin"), new byte[100]);
        byte[] info = TorrentBuilder.from(tmp.resolve("a.bin")).buildMetainfo().rawInfo();
        byte[] withComment = Arrays.copyOf(info, info.length + 15);
        System.arraycopy("7:comment4:evil".getBytes(StandardCharsets.US_ASCII), 0, withComment, info.length, 15);

        assertThatThrownBy(() -> TorrentFile.fromInfo(withComment, List.of()))
                .isInstanceOf(MetainfoException.class)
                .hasMessage("the info dictionary is followed by 15 more bytes");
    }

    @Test
    void savedTorrentKeepsItsWebSeeds() throws Exception {
        Files.write(tmp.resolve("a.bin"), new byte[100]);
        URI seed = URI.create("http://127.0.0.1:8080/files/");
        Metainfo meta = MetainfoParser.parse(
                TorrentBuilder.from(tmp.resolve("a.bin")).webSeed(seed).build());

        assertThat(MetainfoParser.parse(TorrentFile.toBytes(meta)).webSeeds()).containsExactly(seed);
    }
}
