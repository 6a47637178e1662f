package dev.torpeddo.backend.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnitsTest {
    @ParameterizedTest
    @CsvSource({
        "8MiB, 8388608",
        "500KiB, 512000",
        "1.5MiB, 1572864",
        "12345, 12345",
        "0, 0",
        "0KiB, 0",
        "100k, 102400",
        "100K, 102400",
        "100KB, 102400",
        "100KiB, 102400",
        "2M, 2097152",
        "2m, 2097152",
        "2MB, 2097152",
        "2MiB, 2097152",
        "1G, 1073741824",
        "1GB, 1073741824",
        "1GiB, 1073741824",
        "0.5K, 512",
        "1.3K, 1331",
        "1.5, 1",
        "512B, 512",
        "'1.5 MiB/s', 1572864",
        "'  2M  ', 2097152",
        "'10 KiB /s', 10240",
        "9223372036854775807, 9223372036854775807",
    })
    void ratesInBytesPerSecondWithBinaryUnits(String text, long bytes) {
        assertThat(Units.parseRate(text)).isEqualTo(bytes);
    }

    @Property(tries = 200)
    void anyByteCountReadsAsItself(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long n) {
        assertThat(Units.parseRate(Long.toString(n))).isEqualTo(n);
    }

    @Test
    void mistakesSayWhatIsWrong() {
        assertThatThrownBy(() -> Units.parseRate("-1")).hasMessageStartingWith("a rate cannot be negative: -1");
        assertThatThrownBy(() -> Units.parseRate("-5MiB")).hasMessageStartingWith("a rate cannot be negative");
        for (String garbage : new String[] {"", "abc", "8XB", "1e6", "M", ".5K", "1..5M", "5 MiB/h", "8T", "0x10"}) {
            assertThatThrownBy(() -> Units.parseRate(garbage))
                    .as(garbage)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("not a rate: '" + garbage + "' (try 500KiB, 8MiB, 1.5MiB or 12345 bytes; 0 means"
                            + " unlimited)");
        }
        assertThatThrownBy(() -> Units.parseRate("8Mb"))
                .hasMessage("'b' would mean bits: write B for bytes, as in 8MiB");
        assertThatThrownBy(() -> Units.parseRate("100Kib"))
                .hasMessage("'b' would mean bits: write B for bytes, as in 100KiB");
        assertThatThrownBy(() -> Units.parseRate("64b"))
                .hasMessage("'b' would mean bits: write B for bytes, as in 64B");
        assertThatThrownBy(() -> Units.parseRate("9223372036854775808"))
                .hasMessage("rate too large: 9223372036854775808");
        assertThatThrownBy(() -> Units.parseRate("9999999999G")).hasMessage("rate too large: 9999999999G");
        assertThatThrownBy(() -> Units.parseRate("0.1"))
                .hasMessage("less than a byte per second: 0.1 (0 means unlimited)");
    }
}
