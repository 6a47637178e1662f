package dev.torpeddo.engine.tracker;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class TrackerBencodePropertyTest {

    @Test
    void decodesNestedValues() throws Exception {
        Object v = TrackerBencode.decode("d1:ai-42e1:bl3:xyzi0eee".getBytes(UTF_8));
        assertThat(v).isInstanceOf(Map.class);
        Map<?, ?> m = (Map<?, ?>) v;
        assertThat(m.get("a")).isEqualTo(-42L);
        List<?> b = (List<?>) m.get("b");
        assertThat((byte[]) b.get(0)).isEqualTo("xyz".getBytes(UTF_8));
        assertThat(b.get(1)).isEqualTo(0L);
    }

    @Test
    void rejectsMalformedInput() {
        for (String bad : List.of(
                "i01e",
                "i-0e",
                "ie",
                "i12",
                "3:ab",
                "d1:a",
                "l",
                "d1:ai1e1:ai2ee",
                "i1ei2e",
                "di1ei2ee",
                "x",
                "-1:a",
                "i99999999999999999999e")) {
            assertThatThrownBy(() -> TrackerBencode.decode(bad.getBytes(UTF_8)))
                    .as(bad)
                    .isInstanceOf(ResponseProblem.class)
                    .hasMessageStartingWith("bad response: invalid bencoding: ");
        }
    }

    @Test
    void limitsNestingDepth() throws Exception {
        assertThat(TrackerBencode.decode(("l".repeat(8) + "e".repeat(8)).getBytes(UTF_8)))
                .isInstanceOf(List.class);
        assertThatThrownBy(() -> TrackerBencode.decode(("l".repeat(9) + "e".repeat(9)).getBytes(UTF_8)))
                .hasMessageContaining("nested deeper than 8");
        assertThatThrownBy(() -> TrackerBencode.decode("l".repeat(100_000).getBytes(UTF_8)))
                .isInstanceOf(ResponseProblem.class);
    }

    @Test
    void limitsSize() {
        byte[] big = new byte[(1 << 20) + 1];
        assertThatThrownBy(() -> TrackerBencode.decode(big))
                .hasMessage("bad response: bencoded body larger than 1 MiB");
    }

    @Property
    void arbitraryBytesNeverCrashTheResponseParser(@ForAll("bencodeish") byte[] input) {
        try {
            HttpResponseParser.parseResponse(input);
        } catch (ResponseProblem expected) {
            assertThat(expected.getMessage()).doesNotContain("\n");
        }
    }

    /** Mostly bencode syntax characters, so the fuzzing gets past the first byte. */
    @Provide
    Arbitrary<byte[]> bencodeish() {
        return Arbitraries.of(
                        "d",
                        "e",
                        "l",
                        "i",
                        "0",
                        "1",
                        "5",
                        "-",
                        ":",
                        "5:peers",
                        "8:interval",
                        "6:peers6",
                        "i1800e",
                        "14:failure reason",
                        "x")
                .list()
                .ofMaxSize(30)
                .map(parts -> String.join("", parts).getBytes(UTF_8));
    }
}
