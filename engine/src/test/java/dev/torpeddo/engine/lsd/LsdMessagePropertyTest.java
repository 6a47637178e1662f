package dev.torpeddo.engine.lsd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.metainfo.InfoHash;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class LsdMessagePropertyTest {

    @Provide
    Arbitrary<LsdMessage> messages() {
        Arbitrary<InfoHash> hash =
                Arbitraries.bytes().array(byte[].class).ofSize(20).map(InfoHash::new);
        Arbitrary<Optional<String>> cookie = Arbitraries.strings()
                .withCharRange('!', '~')
                .ofMinLength(1)
                .ofMaxLength(LsdMessage.MAX_COOKIE)
                .optional();
        return Combinators.combine(
                        Arbitraries.of(LsdGroup.class),
                        Arbitraries.integers().between(1, 65535),
                        hash.list().ofMinSize(1).ofMaxSize(20),
                        cookie)
                .as(LsdMessage::new);
    }

    @Property(tries = 500)
    void encodeThenParseIsIdentity(@ForAll("messages") LsdMessage m) throws Exception {
        assertThat(m.encode().length).isLessThanOrEqualTo(LsdMessage.MAX_BYTES);
        assertThat(LsdMessage.parse(m.encode())).isEqualTo(m);
    }

    /** Random bytes, and valid messages with a few bytes changed, are parsed or refused with LsdException. */
    @Provide
    Arbitrary<byte[]> hostile() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(1500);
        Arbitrary<byte[]> mutated = Combinators.combine(
                        messages(),
                        Arbitraries.integers().between(0, 2000).list().ofMaxSize(4),
                        Arbitraries.bytes().list().ofMinSize(4).ofMaxSize(4))
                .as((m, positions, values) -> {
                    byte[] b = m.encode();
                    for (int i = 0; i < positions.size() && b.length > 0; i++) {
                        b[positions.get(i) % b.length] = values.get(i);
                    }
                    return b;
                });
        Arbitrary<byte[]> textish = Arbitraries.strings()
                .withChars("BT-SEARCH*HTTP/1.1 \r\n:Hostinfohashcookie0123456789abcdef[]")
                .ofMaxLength(300)
                .map(s -> ("BT-SEARCH * HTTP/1.1\r\n" + s).getBytes(StandardCharsets.US_ASCII));
        return Arbitraries.oneOf(random, mutated, textish);
    }

    @Property(tries = 3000)
    void hostileInputOnlyEverFailsWithLsdException(@ForAll("hostile") byte[] input) {
        try {
            LsdMessage m = LsdMessage.parse(input);
            assertThat(m.infoHashes()).hasSizeBetween(1, LsdMessage.MAX_INFOHASHES);
            assertThat(m.port()).isBetween(1, 65535);
        } catch (LsdException e) {
            assertThat(e.getMessage()).startsWith("LSD message").doesNotContain("\n");
        }
    }

    @Property(tries = 200)
    void everyValidMessageSurvivesLosingItsSecondBlankLine(@ForAll("messages") LsdMessage m) throws Exception {
        byte[] full = m.encode();
        byte[] shorter = java.util.Arrays.copyOf(full, full.length - 2);
        assertThat(LsdMessage.parse(shorter)).isEqualTo(m);
    }
}
