package dev.torpeddo.backend.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArgumentsTest {
    private static final Arguments.Spec SPEC = new Arguments.Spec(
            "demo",
            List.of("A demo command."),
            "FILE",
            "The file.",
            List.of(
                    Arguments.Option.value("--dir", "DIR", "Directory."),
                    Arguments.Option.value("--peer", "HOST:PORT", "A peer (repeatable)."),
                    new Arguments.Option("--verbose", "-v", null, "Talk.")));

    @Test
    void valuesFlagsRepeatsAndTheParameterInAnyOrder() throws UsageException {
        Arguments a = Arguments.parse(SPEC, "--peer", "a:1", "f.torrent", "-v", "--dir=/x", "--peer=b:2");

        assertThat(a.positional()).contains("f.torrent");
        assertThat(a.value("--dir")).contains("/x");
        assertThat(a.values("--peer")).containsExactly("a:1", "b:2");
        assertThat(a.flag("--verbose")).isTrue();
        assertThat(a.flag("--help")).isFalse();
    }

    @Test
    void afterADoubleDashEverythingIsTheParameter() throws UsageException {
        assertThat(Arguments.parse(SPEC, "--", "--odd-name.torrent").positional())
                .contains("--odd-name.torrent");
    }

    @Test
    void mistakesAreUsageErrorsThatSayWhatIsWrong() {
        assertThatThrownBy(() -> Arguments.parse(SPEC, "--nope")).hasMessage("unknown option: --nope");
        assertThatThrownBy(() -> Arguments.parse(SPEC, "f", "--dir")).hasMessage("missing DIR after --dir");
        assertThatThrownBy(() -> Arguments.parse(SPEC, "f", "--verbose=yes")).hasMessage("--verbose takes no value");
        assertThatThrownBy(() -> Arguments.parse(SPEC, "f", "g")).hasMessage("unexpected argument: g");
        assertThatThrownBy(() -> Arguments.parse(SPEC, "f").required("--dir"))
                .hasMessage("Missing required option: --dir");
        assertThatThrownBy(() -> Arguments.integer("--port", "x", 0, 9)).hasMessage("--port x: not a number");
        assertThatThrownBy(() -> Arguments.integer("--port", "70000", 0, 65535))
                .hasMessage("--port 70000: out of range 0-65535");
    }

    @Test
    void helpListsTheParameterAndEveryOption() {
        assertThat(SPEC.usage())
                .startsWith("Usage: torpeddo demo [OPTIONS] FILE\nA demo command.\n")
                .contains("--dir DIR", "--peer HOST:PORT", "-v, --verbose", "-h, --help");
    }
}
