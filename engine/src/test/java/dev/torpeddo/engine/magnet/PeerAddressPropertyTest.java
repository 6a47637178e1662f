package dev.torpeddo.engine.magnet;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * PeerAddress checks host names and literals with plain loops; these properties hold them to the textbook
 * regular expressions they replaced (which allocated and backtracked on hostile input).
 */
class PeerAddressPropertyTest {
    private static final Pattern DOTTED_QUAD = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern HOST_NAME =
            Pattern.compile("(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)"
                    + "(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    @Property(tries = 3000)
    void hostsAreAcceptedExactlyWhenTheRegularExpressionsAcceptThem(@ForAll("hosts") String host) {
        boolean expected;
        if (DOTTED_QUAD.matcher(host).matches()) {
            expected = isIpv4Literal(host);
        } else {
            expected = !host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'))
                    && HOST_NAME.matcher(host).matches();
        }
        assertThat(PeerAddress.parse(host + ":6881").isPresent()).as(host).isEqualTo(expected);
    }

    @Property(tries = 2000)
    void bracketedLiteralsNeedOnlyIpv6Characters(@ForAll("ipv6ish") String literal) {
        if (!IPV6_CHARS.matcher(literal).matches()) {
            assertThat(PeerAddress.parse("[" + literal + "]:1")).as(literal).isEmpty();
        }
    }

    @Provide
    Arbitrary<String> hosts() {
        Arbitrary<String> label =
                Arbitraries.strings().withChars("ab9-_.A").ofMinLength(0).ofMaxLength(70);
        Arbitrary<String> digits =
                Arbitraries.strings().withChars("0123456789.").ofMinLength(1).ofMaxLength(20);
        Arbitrary<String> dotted = label.list().ofMaxSize(6).map(l -> String.join(".", l));
        return Arbitraries.oneOf(label, digits, dotted);
    }

    @Provide
    Arbitrary<String> ipv6ish() {
        return Arbitraries.strings()
                .withChars("0123456789abcdefABCDEF:.%g")
                .ofMinLength(0)
                .ofMaxLength(50);
    }

    private static boolean isIpv4Literal(String host) {
        try {
            Inet4Address.ofLiteral(host);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
