package dev.torpeddo.engine.magnet;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.torpeddo.engine.fuzz.FuzzChecks;
import dev.torpeddo.engine.fuzz.FuzzChecks.Outcome;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Fuzz target for magnet links, which users paste from anywhere. Seeds and regression inputs (plain UTF-8 text,
 * see {@link #text}): MagnetParserFuzzTestInputs/parse.
 */
class MagnetParserFuzzTest {

    @FuzzTest
    void parse(byte[] input) throws MagnetException {
        String text = text(input);
        Outcome<MagnetLink> outcome =
                FuzzChecks.parse(input.length, () -> MagnetParser.parse(text), MagnetException.class);
        if (!(outcome instanceof Outcome.Parsed<MagnetLink>(MagnetLink link))) return;

        assertThat(text.length()).isLessThanOrEqualTo(MagnetParser.MAX_LENGTH);
        link.displayName().ifPresent(name -> assertThat(name).isNotBlank());
        assertThat(link.trackers())
                .hasSizeLessThanOrEqualTo(MagnetParser.MAX_TRACKERS)
                .doesNotHaveDuplicates()
                .allSatisfy(u -> {
                    assertThat(u.getScheme().toLowerCase(Locale.ROOT)).isIn("http", "https", "udp");
                    assertThat(u.getHost()).isNotNull();
                });
        assertThat(link.webSeeds())
                .hasSizeLessThanOrEqualTo(MagnetParser.MAX_WEB_SEEDS)
                .doesNotHaveDuplicates()
                .allSatisfy(u -> {
                    assertThat(u.getScheme().toLowerCase(Locale.ROOT)).isIn("http", "https");
                    assertThat(u.getHost()).isNotNull();
                });
        assertThat(link.peers())
                .hasSizeLessThanOrEqualTo(MagnetParser.MAX_PEERS)
                .doesNotHaveDuplicates()
                .allSatisfy(MagnetParserFuzzTest::assertDialable);

        // The canonical form is plain ASCII, parses back to an equal link, and is a fixed point.
        String canonical = link.toUri().toString();
        assertThat(canonical)
                .startsWith("magnet:?xt=urn:btih:" + link.infoHash().hex())
                .matches("[\\x21-\\x7e]*");
        MagnetLink reparsed = MagnetParser.parse(canonical);
        assertThat(reparsed).isEqualTo(link);
        assertThat(reparsed.toUri().toString()).isEqualTo(canonical);
    }

    /** A usable port, and either an IP literal or a host name that was never looked up. */
    private static void assertDialable(InetSocketAddress peer) {
        assertThat(peer.getPort()).isBetween(1, 65535);
        if (peer.isUnresolved()) {
            assertThat(peer.getHostString()).matches("[A-Za-z0-9.-]{1,253}").matches(".*[A-Za-z-].*");
        }
    }

    /**
     * The input as UTF-8, except that CESU-8 surrogates ({@code ED A0..BF 80..BF}) become lone UTF-16
     * surrogates: a String handed to the parser may hold them (decoded from JSON, say), and neither plain
     * UTF-8 decoding nor Jazzer's FuzzedDataProvider strings ever produce one.
     */
    private static String text(byte[] input) {
        StringBuilder text = new StringBuilder(input.length);
        int start = 0;
        for (int i = 0; i + 2 < input.length; i++) {
            if ((input[i] & 0xff) == 0xed && (input[i + 1] & 0xe0) == 0xa0 && (input[i + 2] & 0xc0) == 0x80) {
                text.append(new String(input, start, i - start, StandardCharsets.UTF_8));
                text.append((char) (0xd000 | (input[i + 1] & 0x3f) << 6 | (input[i + 2] & 0x3f)));
                start = i + 3;
                i += 2;
            }
        }
        return text.append(new String(input, start, input.length - start, StandardCharsets.UTF_8))
                .toString();
    }
}
