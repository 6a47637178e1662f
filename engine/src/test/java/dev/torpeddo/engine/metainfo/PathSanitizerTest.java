package dev.torpeddo.engine.metainfo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PathSanitizerTest {

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "...", " ", ". .", "\u202E"})
    void dropsElementsThatAreEmptyOrTraversal(String element) {
        assertThat(PathSanitizer.sanitizeElement(element)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '#',
            quoteCharacter = '\'',
            value = {
                "normal.txt#normal.txt",
                "/etc/passwd#_etc_passwd",
                "..\\..\\windows#.._.._windows",
                "C:#C_",
                "C:\\boot.ini#C__boot.ini",
                "a<b>c:d\"e|f?g*h#a_b_c_d_e_f_g_h",
                "name. . .#name",
                "'trailing space '#trailing space",
                "con#_con",
                "CON.txt#_CON.txt",
                "Lpt9.tar.gz#_Lpt9.tar.gz",
                "com1 .log#_com1 .log",
                "console#console",
                "com10#com10",
                "evil\u202Etxt.exe#eviltxt.exe",
                "iso\u2066late\u2069#isolate",
            })
    void neutralizesDangerousCharactersAndNames(String in, String expected) {
        assertThat(PathSanitizer.sanitizeElement(in)).contains(expected);
    }

    @Test
    void replacesControlCharacters() {
        assertThat(PathSanitizer.sanitizeElement("a\u0000b\nc\u007Fd\u0085")).contains("a_b_c_d_");
    }

    @Test
    void replacesLoneSurrogates() {
        assertThat(PathSanitizer.sanitizeElement("a\uD800b")).contains("a\uFFFDb");
    }

    @Test
    void replacesInvalidUtf8() {
        byte[] raw = {'a', (byte) 0xC3, 'b', (byte) 0xFF};
        assertThat(PathSanitizer.sanitizeElement(raw)).contains("a\uFFFDb\uFFFD");
    }

    @Test
    void truncatesLongNamesToAt255BytesKeepingTheExtension() {
        String longName = "é".repeat(300) + ".mkv";
        String out = PathSanitizer.sanitizeElement(longName).orElseThrow();
        assertThat(out).endsWith(".mkv").startsWith("ééé");
        assertThat(out.getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(255)
                .isGreaterThan(250);
        // deterministic: same input, same output
        assertThat(PathSanitizer.sanitizeElement(longName)).contains(out);
    }

    @Test
    void truncationNeverSplitsASurrogatePair() {
        String out = PathSanitizer.sanitizeElement("\uD83D\uDE00".repeat(100)).orElseThrow();
        assertThat(out.getBytes(StandardCharsets.UTF_8).length).isEqualTo(252);
        assertThat(new String(out.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .isEqualTo(out);
    }

    @Test
    void sanitizesWholePathsDroppingTraversal() {
        assertThat(PathSanitizer.sanitizePath(List.of("..", "..", "etc", ".", "passwd")))
                .containsExactly("etc", "passwd");
        assertThat(PathSanitizer.sanitizePath(List.of("..", ""))).isEmpty();
    }

    @Test
    void suffixGoesBeforeTheExtensionAndStaysWithinTheLimit() {
        assertThat(PathSanitizer.withSuffix("file.txt", 1)).isEqualTo("file (1).txt");
        assertThat(PathSanitizer.withSuffix("noext", 2)).isEqualTo("noext (2)");
        assertThat(PathSanitizer.withSuffix(".hidden", 1)).isEqualTo(".hidden (1)");
        String longName = "x".repeat(251) + ".txt";
        String out = PathSanitizer.withSuffix(longName, 12);
        assertThat(out).endsWith(" (12).txt").hasSize(255);
    }

    @Test
    void uniquePathsRenameCollisionsCaseInsensitivelyAndFileDirectoryClashes() throws Exception {
        UniquePaths u = new UniquePaths(100);
        assertThat(u.claim(List.of("t", "a.txt"))).containsExactly("t", "a.txt");
        assertThat(u.claim(List.of("t", "A.TXT"))).containsExactly("t", "A (1).TXT");
        assertThat(u.claim(List.of("t", "a.txt"))).containsExactly("t", "a (2).txt");
        assertThat(u.claim(List.of("t", "d", "x"))).containsExactly("t", "d", "x");
        assertThat(u.claim(List.of("t", "d"))).containsExactly("t", "d (1)"); // "t/d" is a directory
        assertThat(u.claim(List.of("t", "a.txt", "inner")))
                .containsExactly("t", "a (3).txt", "inner"); // "a.txt", "a (1).txt", "a (2).txt" are files
    }

    @Test
    void uniquePathsGiveUpAfterTheRenameBudget() throws Exception {
        UniquePaths u = new UniquePaths(3);
        u.claim(List.of("same"));
        u.claim(List.of("same"));
        u.claim(List.of("same"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> u.claim(List.of("same")))
                .isInstanceOf(MetainfoException.class)
                .extracting(e -> ((MetainfoException) e).reason())
                .isEqualTo(MetainfoException.Reason.TOO_MANY_DUPLICATE_NAMES);
    }
}
