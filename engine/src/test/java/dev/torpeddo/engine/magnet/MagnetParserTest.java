package dev.torpeddo.engine.magnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.torpeddo.engine.metainfo.InfoHash;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MagnetParserTest {
    private static final String HEX = "c9e15763f722f23e98a29decdfae341b98d53056";
    private static final InfoHash HASH = InfoHash.ofHex(HEX);

    @Test
    void readsTheBep9Example() throws Exception {
        MagnetLink link = MagnetParser.parse("magnet:?xt=urn:btih:" + HEX
                + "&dn=Cosmos+Laundromat%20%E2%9C%93"
                + "&tr=udp%3A%2F%2Ftracker.example%3A1337%2Fannounce"
                + "&tr=http://tracker.example/announce?passkey=a+b"
                + "&x.pe=10.0.0.1:6881&x.pe=[::1]:51413&x.pe=peer.example:6882"
                + "&ws=https%3A%2F%2Fseed.example%2Ffiles%2F&so=0,2,4-6");

        assertThat(link.infoHash()).isEqualTo(HASH);
        assertThat(link.displayName()).contains("Cosmos Laundromat ✓");
        assertThat(link.trackers())
                .containsExactly(
                        URI.create("udp://tracker.example:1337/announce"),
                        URI.create("http://tracker.example/announce?passkey=a+b"));
        assertThat(link.peers())
                .containsExactly(
                        new InetSocketAddress(InetAddress.getByName("10.0.0.1"), 6881),
                        new InetSocketAddress(InetAddress.ofLiteral("::1"), 51413),
                        InetSocketAddress.createUnresolved("peer.example", 6882));
        assertThat(link.peers().get(2).isUnresolved()).isTrue();
        assertThat(link.webSeeds()).containsExactly(URI.create("https://seed.example/files/"));
    }

    @Test
    void readsWhatLibtorrentWrites() throws Exception {
        // libtorrent 2.0.8 make_magnet_uri output: lower-case escapes, everything escaped in tr and ws.
        MagnetLink link = MagnetParser.parse("magnet:?xt=urn:btih:" + HEX
                + "&dn=Ubuntu%20ISO%20%2b%20extras%20%e2%9c%93&tr=udp%3a%2f%2ftracker.example%3a1337%2fannounce"
                + "&tr=http%3a%2f%2ft.example%2fa%3fx%3d1%26y%3d2&ws=https%3a%2f%2fseed.example%2ff%2f");
        assertThat(link.displayName()).contains("Ubuntu ISO + extras ✓");
        assertThat(link.trackers())
                .containsExactly(
                        URI.create("udp://tracker.example:1337/announce"), URI.create("http://t.example/a?x=1&y=2"));
        assertThat(link.webSeeds()).containsExactly(URI.create("https://seed.example/f/"));
    }

    @Test
    void aBareInfoHashIsEnough() throws Exception {
        assertThat(MagnetParser.parse("magnet:?xt=urn:btih:" + HEX)).isEqualTo(MagnetLink.of(HASH));
    }

    @Test
    void acceptsBase32AndUpperCaseInAnyCase() throws Exception {
        assertThat(MagnetParser.parse("magnet:?xt=urn:btih:ZHQVOY7XELZD5GFCTXWN7LRUDOMNKMCW")
                        .infoHash())
                .isEqualTo(HASH);
        assertThat(MagnetParser.parse("magnet:?xt=urn:btih:zhqvoy7xelzd5gfctxwn7lrudomnkmcw")
                        .infoHash())
                .isEqualTo(HASH);
        assertThat(MagnetParser.parse("MAGNET:?XT=URN:BTIH:" + HEX.toUpperCase(Locale.ROOT))
                        .infoHash())
                .isEqualTo(HASH);
        assertThat(MagnetParser.parse("  magnet:?xt=urn%3Abtih%3A" + HEX + "\n").infoHash())
                .isEqualTo(HASH);
    }

    @Test
    void sameHashTwiceOrNumberedTopicsAreFine() throws Exception {
        String link = "magnet:?xt.1=urn:btih:" + HEX + "&xt.2=urn:btih:ZHQVOY7XELZD5GFCTXWN7LRUDOMNKMCW"
                + "&xt=urn:btmh:1220" + "ab".repeat(32);
        assertThat(MagnetParser.parse(link).infoHash()).isEqualTo(HASH);
    }

    @Test
    void refusesWhatIsNotAMagnetLink() {
        assertRefused("http://example.com/?xt=urn:btih:" + HEX, "not a magnet link");
        assertRefused("", "not a magnet link");
        assertRefused("magnet:xt=urn:btih:" + HEX, "not a magnet link");
    }

    @Test
    void refusesLinksWithoutAV1InfoHash() {
        assertRefused("magnet:?dn=x&tr=udp://t.example:1/a", "no xt=urn:btih: parameter");
        assertRefused("magnet:?xt=urn:btmh:1220" + "ab".repeat(32), "no xt=urn:btih: parameter");
        assertRefused("magnet:?", "no xt=urn:btih: parameter");
        assertRefused("magnet:?xt", "no xt=urn:btih: parameter");
    }

    @Test
    void namesWhatIsWrongWithTheInfoHash() {
        assertRefused("magnet:?xt=urn:btih:" + HEX.substring(1), "info-hash is 39 hex digits, expected 40");
        assertRefused("magnet:?xt=urn:btih:" + HEX + "0", "info-hash is 41 hex digits, expected 40");
        assertRefused("magnet:?xt=urn:btih:" + HEX.substring(1) + "x", "invalid hex in info-hash");
        assertRefused("magnet:?xt=urn:btih:ZHQVOY7XELZD5GFCTXWN7LRUDOMNKMC1", "invalid base32 in info-hash");
        assertRefused(
                "magnet:?xt=urn:btih:", "info-hash is 0 characters, expected 40 hex digits or 32 base32 characters");
        assertRefused(
                "magnet:?xt=urn:btih:hello",
                "info-hash is 5 characters, expected 40 hex digits or 32 base32 characters");
    }

    @Test
    void refusesTwoDifferentInfoHashes() {
        assertRefused(
                "magnet:?xt=urn:btih:" + HEX + "&xt=urn:btih:" + "0".repeat(40), "two different info-hashes (xt)");
    }

    @Test
    void refusesHugeLinks() {
        String padding = "&x=" + "a".repeat(64 * 1024);
        assertRefused("magnet:?xt=urn:btih:" + HEX + padding, "magnet link longer than 64 KiB");
        assertRefused("magnet:?xt=urn:btih:" + HEX + "&so=1".repeat(1000), "too many parameters (limit 1000)");
    }

    @Test
    void refusesBadPercentEncodingInTheName() {
        assertRefused("magnet:?xt=urn:btih:" + HEX + "&dn=50%", "bad percent-encoding in dn");
        assertRefused("magnet:?xt=urn:btih:" + HEX + "&dn=%zz", "bad percent-encoding in dn");
        assertRefused("magnet:?xt=urn:btih:" + HEX + "&dn=%٣٣", "bad percent-encoding in dn");
    }

    @Test
    void toleratesAnOddlyEncodedName() throws Exception {
        MagnetLink link = MagnetParser.parse("magnet:?xt=urn:btih:" + HEX + "&dn=%FF%FEok&dn=second");
        assertThat(link.displayName()).contains("\uFFFD\uFFFDok");
        assertThat(MagnetParser.parse("magnet:?xt=urn:btih:" + HEX + "&dn=+++").displayName())
                .isEmpty();
    }

    @Test
    void dropsBadAndRepeatedTrackersAndCapsThem() throws Exception {
        MagnetLink link = MagnetParser.parse("magnet:?xt=urn:btih:" + HEX
                + "&tr=ftp://t.example/a&tr=javascript:alert(1)&tr=udp://&tr=http://t.example/a%zz"
                + "&tr=http://[bad/&tr=HTTPS://t.example/a&tr=https%3A%2F%2Ft.example%2Fa&tr=https://t.example/a");
        // URIs compare schemes ignoring case, so the upper-case spelling counts as a repeat too.
        assertThat(link.trackers()).containsExactly(URI.create("HTTPS://t.example/a"));

        StringBuilder many = new StringBuilder("magnet:?xt=urn:btih:" + HEX);
        for (int i = 0; i < 80; i++) many.append("&tr=udp://t").append(i).append(".example:80");
        assertThat(MagnetParser.parse(many.toString()).trackers())
                .hasSize(MagnetParser.MAX_TRACKERS)
                .startsWith(URI.create("udp://t0.example:80"));
    }

    @Test
    void keepsOnlyHttpWebSeeds() throws Exception {
        MagnetLink link =
                MagnetParser.parse("magnet:?xt=urn:btih:" + HEX + "&ws=udp://s.example/&ws=http://s.example/f");
        assertThat(link.webSeeds()).containsExactly(URI.create("http://s.example/f"));
    }

    @Test
    void dropsBadPeerAddressesWithoutResolvingNames() throws Exception {
        MagnetLink link = MagnetParser.parse("magnet:?xt=urn:btih:" + HEX
                + "&x.pe=10.0.0.1&x.pe=10.0.0.1:0&x.pe=10.0.0.1:65536&x.pe=10.0.0.1:-1&x.pe=300.1.1.1:5"
                + "&x.pe=1.2.3:5&x.pe=::1:5&x.pe=[fe80::1%25eth0]:5&x.pe=[nothex]:5&x.pe=bad_host!:5"
                + "&x.pe=:5&x.pe=-lead.example:5&x.pe=10.0.0.2:7&x.pe=10.0.0.2:7"
                + "&x.pe=[2001:db8::7]:8&x.pe=torrent.invalid:9");
        assertThat(link.peers())
                .containsExactly(
                        new InetSocketAddress(InetAddress.getByName("10.0.0.2"), 7),
                        new InetSocketAddress(InetAddress.getByName("2001:db8::7"), 8),
                        InetSocketAddress.createUnresolved("torrent.invalid", 9));
    }

    @Test
    void capsPeers() throws Exception {
        StringBuilder many = new StringBuilder("magnet:?xt=urn:btih:" + HEX);
        for (int i = 1; i <= 150; i++)
            many.append("&x.pe=10.0.")
                    .append(i / 100)
                    .append('.')
                    .append(i % 100)
                    .append(":1");
        assertThat(MagnetParser.parse(many.toString()).peers()).hasSize(MagnetParser.MAX_PEERS);
    }

    @Test
    void writesACanonicalUri() throws Exception {
        MagnetLink link = new MagnetLink(
                HASH,
                Optional.of("a b+c/ü"),
                List.of(URI.create("udp://t.example:1337/announce")),
                List.of(
                        new InetSocketAddress(InetAddress.ofLiteral("::1"), 5),
                        InetSocketAddress.createUnresolved("p.example", 6)),
                List.of(URI.create("http://s.example/")));
        assertThat(link.toUri().toString())
                .isEqualTo("magnet:?xt=urn:btih:" + HEX
                        + "&dn=a%20b%2Bc%2F%C3%BC&tr=udp%3A%2F%2Ft.example%3A1337%2Fannounce&ws=http%3A%2F%2Fs.example%2F"
                        + "&x.pe=%5B0%3A0%3A0%3A0%3A0%3A0%3A0%3A1%5D%3A5&x.pe=p.example%3A6");
        assertThat(MagnetParser.parse(link.toUri().toString())).isEqualTo(link);
    }

    @Test
    void loneSurrogatesBecomeReplacementCharactersSoTheLinkCanBeWrittenBack() throws Exception {
        MagnetLink link =
                MagnetParser.parse("magnet:?xt=urn:btih:" + HEX + "&dn=a\uD800b&tr=http://t.example/\uDC00%41");

        assertThat(link.displayName()).contains("a\uFFFDb");
        assertThat(link.trackers()).containsExactly(URI.create("http://t.example/\uFFFDA"));
        assertThat(MagnetParser.parse(link.toUri().toString())).isEqualTo(link);
    }

    private static void assertRefused(String link, String message) {
        assertThatThrownBy(() -> MagnetParser.parse(link))
                .isInstanceOf(MagnetException.class)
                .hasMessage(message);
    }
}
