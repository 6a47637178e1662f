package dev.torpeddo.engine.lsd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.torpeddo.engine.metainfo.InfoHash;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LsdMessageTest {
    private static final String H1 = "0123456789abcdef0123456789abcdef01234567";
    private static final String H2 = "fedcba9876543210fedcba9876543210fedcba98";

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static InfoHash hash(int i) {
        return InfoHash.ofHex("%040x".formatted(i + 1));
    }

    @Test
    void parsesTheBep14Format() throws Exception {
        LsdMessage m = LsdMessage.parse(ascii("BT-SEARCH * HTTP/1.1\r\n"
                + "Host: 239.192.152.143:6771\r\n"
                + "Port: 6881\r\n"
                + "Infohash: " + H1 + "\r\n"
                + "cookie: 5f2a11c0\r\n"
                + "\r\n"
                + "\r\n"));

        assertThat(m.group()).isEqualTo(LsdGroup.IPV4);
        assertThat(m.port()).isEqualTo(6881);
        assertThat(m.infoHashes()).containsExactly(InfoHash.ofHex(H1));
        assertThat(m.cookie()).contains("5f2a11c0");
    }

    @Test
    void parsesIpv6HostSeveralUppercaseHashesNoCookieAndBareLineFeeds() throws Exception {
        LsdMessage m = LsdMessage.parse(ascii("BT-SEARCH * HTTP/1.1\n"
                + "host: [FF15::EFC0:988F]:6771\n"
                + "PORT:51413\n"
                + "Infohash: " + H1.toUpperCase(Locale.ROOT) + "\n"
                + "infohash: " + H2 + "\n"
                + "X-Client: something\n"
                + "\n"));

        assertThat(m.group()).isEqualTo(LsdGroup.IPV6);
        assertThat(m.port()).isEqualTo(51413);
        assertThat(m.infoHashes()).containsExactly(InfoHash.ofHex(H1), InfoHash.ofHex(H2));
        assertThat(m.cookie()).isEmpty();
    }

    @Test
    void encodesWhatItParses() throws Exception {
        LsdMessage m = new LsdMessage(
                LsdGroup.IPV4, 6881, List.of(InfoHash.ofHex(H1), InfoHash.ofHex(H2)), Optional.of("abc123"));

        assertThat(new String(m.encode(), StandardCharsets.US_ASCII))
                .isEqualTo("BT-SEARCH * HTTP/1.1\r\n"
                        + "Host: 239.192.152.143:6771\r\n"
                        + "Port: 6881\r\n"
                        + "Infohash: " + H1 + "\r\n"
                        + "Infohash: " + H2 + "\r\n"
                        + "cookie: abc123\r\n"
                        + "\r\n\r\n");
        assertThat(LsdMessage.parse(m.encode())).isEqualTo(m);
    }

    @Test
    void manyTorrentsAreSplitIntoMessagesThatEachFit() throws Exception {
        List<InfoHash> hashes = new ArrayList<>();
        for (int i = 0; i < 100; i++) hashes.add(hash(i));

        List<LsdMessage> batches = LsdMessage.batches(LsdGroup.IPV6, 65535, hashes, Optional.of("x".repeat(64)));

        List<InfoHash> all = new ArrayList<>();
        for (LsdMessage b : batches) {
            assertThat(b.encode().length).isLessThanOrEqualTo(LsdMessage.MAX_BYTES);
            all.addAll(LsdMessage.parse(b.encode()).infoHashes());
        }
        assertThat(all).containsExactlyElementsOf(hashes);
        assertThat(batches).hasSize(5); // 24 per message with the longest host, port and cookie
    }

    @Test
    void aCompactMessageWithTwentySixHashesParsesThoughItsCanonicalFormIsLonger() throws Exception {
        StringBuilder s = new StringBuilder("BT-SEARCH * HTTP/1.1\nhost:239.192.152.143:6771\nport:1\n");
        for (int i = 0; i < 26; i++) s.append("infohash:").append(hash(i).hex()).append('\n');
        s.append('\n');
        assertThat(s.length()).isLessThanOrEqualTo(LsdMessage.MAX_BYTES);

        assertThat(LsdMessage.parse(ascii(s.toString())).infoHashes()).hasSize(26);
    }

    @Test
    void aMessageNamesAtMost32Torrents() {
        List<InfoHash> hashes = new ArrayList<>();
        for (int i = 0; i < 33; i++) hashes.add(hash(i));

        assertThatThrownBy(() -> new LsdMessage(LsdGroup.IPV4, 1, hashes, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thirtyThreeInfohashLinesCannotFitInAMessage() {
        StringBuilder s = new StringBuilder("BT-SEARCH * HTTP/1.1\nhost:239.192.152.143:6771\nport:1\n");
        for (int i = 0; i < 33; i++) s.append("infohash:").append(H1).append('\n');
        s.append('\n');

        assertThatThrownBy(() -> LsdMessage.parse(ascii(s.toString())))
                .isInstanceOf(LsdException.class)
                .hasMessageContaining("exceeds 1400");
    }

    @Test
    void refusesOversizedMessages() {
        String big = "BT-SEARCH * HTTP/1.1\r\nHost: 239.192.152.143:6771\r\nPort: 1\r\nInfohash: " + H1 + "\r\nX: "
                + "a".repeat(1400) + "\r\n\r\n";
        assertThatThrownBy(() -> LsdMessage.parse(ascii(big)))
                .isInstanceOf(LsdException.class)
                .hasMessageContaining("exceeds 1400");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "GET / HTTP/1.1\r\nHost: 239.192.152.143:6771\r\n\r\n",
                "BT-SEARCH * HTTP/1.0\r\nHost: 239.192.152.143:6771\r\nPort: 1\r\nInfohash: " + H1 + "\r\n\r\n",
                "BT-SEARCH * HTTP/1.1\r\nHost: 239.192.152.143:6771\r\nPort: 1\r\nInfohash: " + H1 + "\r\n",
                "BT-SEARCH * HTTP/1.1\r\nHost: 10.0.0.1:6771\r\nPort: 1\r\nInfohash: " + H1 + "\r\n\r\n",
                "BT-SEARCH * HTTP/1.1\r\nHost: 239.192.152.143:6771\r\nInfohash: " + H1 + "\r\n\r\n",
                "BT-SEARCH * HTTP/1.1\r\nHost: 239.192.152.143:6771\r\nPort: 1\r\n\r\n",
                "BT-SEARCH * HTTP/1.1\r\nPort: 1\r\nInfohash: " + H1 + "\r\n\r\n",
                "BT-SEARCH * HTTP/1.1\r\nHost: 239.192.152.143:6771\r\nPort: 0\r\nInfohash: " + H1 + "\r\n\r\n",
                "BT-SEARCH * HTTP/1.1\r\nHost: 239.192.152.143:6771\r\nPort: 65536\r\nInfohash: " + H1 + "\r\n\r\n",
                "BT-SEARCH * HTTP/1.1\r\nHost: 239.192.152.143:6771\r\nPort: -1\r\nInfohash: " + H1 + "\r\n\r\n",
                "BT-SEARCH * HTTP/1.1\r\nHost: 239.192.152.143:6771\r\nPort: 1\r\nPort: 2\r\nInfohash: " + H1
                        + "\r\n\r\n",
                "BT-SEARCH * HTTP/1.1\r\nHost: 239.192.152.143:6771\r\nPort: 1\r\nInfohash: 0123\r\n\r\n",
                "BT-SEARCH * HTTP/1.1\r\nHost: 239.192.152.143:6771\r\nPort: 1\r\nInfohash: " + H1 + "0\r\n\r\n",
                "BT-SEARCH * HTTP/1.1\r\nHost: 239.192.152.143:6771\r\nPort: 1\r\nInfohash: "
                        + "0123456789gbcdef0123456789abcdef01234567\r\n\r\n",
                "BT-SEARCH * HTTP/1.1\r\nHost: 239.192.152.143:6771\r\nPort: 1\r\nInfohash: " + H1
                        + "\r\ncookie: \r\n\r\n",
                "BT-SEARCH * HTTP/1.1\r\nHost: 239.192.152.143:6771\r\nPort: 1\r\nInfohash: " + H1
                        + "\r\nno colon\r\n\r\n",
                "BT-SEARCH * HTTP/1.1\r\nHost: 239.192.152.143:6771\r\nPort: 1\r\nInfohash: " + H1 + "\r\n\r\nextra",
                "BT-SEARCH * HTTP/1.1\r\nHost: 239.192.152.143:6771\r\nPort: 1\rInfohash: " + H1 + "\r\n\r\n",
                "BT-SEARCH * HTTP/1.1\r\nHost: 239.192.152.143:6771\r\nPort: 1\r\nInfohash: " + H1
                        + "\r\n\u0000\r\n\r\n",
            })
    void refusesMalformedMessagesWithAOneLineReason(String text) {
        assertThatThrownBy(() -> LsdMessage.parse(text.getBytes(StandardCharsets.ISO_8859_1)))
                .isInstanceOf(LsdException.class)
                .hasMessageStartingWith("LSD message")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void refusesNonAsciiBytes() {
        byte[] m = ascii("BT-SEARCH * HTTP/1.1\r\nHost: 239.192.152.143:6771\r\nPort: 1\r\nInfohash: " + H1
                + "\r\ncookie: caf\u0000\r\n\r\n");
        m[m.length - 7] = (byte) 0xe9;
        assertThatThrownBy(() -> LsdMessage.parse(m))
                .isInstanceOf(LsdException.class)
                .hasMessage("LSD message has a control or non-ASCII byte at offset " + (m.length - 7));
    }
}
