package dev.torpeddo.engine.metainfo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class PathSanitizerPropertyTest {
    private static final Path DIR = Path.of("/downloads/torrent");

    @Property(tries = 3000)
    void sanitizedPathsStayInsideTheDirectory(@ForAll("hostileElements") List<String> elements) {
        List<String> out = PathSanitizer.sanitizePath(elements);
        for (String c : out) {
            assertThat(c).isNotEmpty().isNotIn(".", "..").doesNotContain("/", "\\", "\0");
            assertThat(c.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(PathSanitizer.MAX_ELEMENT_BYTES);
            assertThat(c).doesNotEndWith(".").doesNotEndWith(" ");
        }
        Path resolved = DIR;
        for (String c : out) resolved = resolved.resolve(c);
        // Path.startsWith compares components lexically, without touching the file system
        assertThat(resolved.normalize().startsWith(DIR))
                .as("%s escapes %s", resolved, DIR)
                .isTrue();
        if (!out.isEmpty()) assertThat(resolved.normalize().getNameCount()).isEqualTo(DIR.getNameCount() + out.size());
        assertThat(PathSanitizer.sanitizePath(elements)).isEqualTo(out);
    }

    @Property(tries = 2000)
    void sanitizingIsIdempotent(@ForAll("hostileElement") String element) {
        PathSanitizer.sanitizeElement(element)
                .ifPresent(
                        once -> assertThat(PathSanitizer.sanitizeElement(once)).contains(once));
    }

    @Provide
    Arbitrary<List<String>> hostileElements() {
        return hostileElement().list().ofMaxSize(6);
    }

    /** Strings heavy in separators, dots, reserved names and odd code points, plus arbitrary Unicode. */
    @Provide
    Arbitrary<String> hostileElement() {
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.of(
                        "..",
                        ".",
                        "/",
                        "\\",
                        "C:",
                        "con",
                        "NUL.txt",
                        " ",
                        "\u202E",
                        "\u0000",
                        "~",
                        "a",
                        "\uD83D\uDE00",
                        "é"),
                Arbitraries.strings().ofMaxLength(4),
                Arbitraries.strings().all().ofMaxLength(3));
        return Arbitraries.oneOf(
                pieces.list().ofMaxSize(8).map(l -> String.join("", l)),
                Arbitraries.strings().withChars('a', '.', ' ').ofMinLength(250).ofMaxLength(300));
    }
}
