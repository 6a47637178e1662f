package dev.torpeddo.engine.magnet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.metainfo.InfoHash;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class MagnetParserPropertyTest {

    @Property
    void arbitraryTextIsParsedOrRefusedWithAMagnetException(@ForAll String text) {
        assertOnlyMagnetException("magnet:?" + text);
        assertOnlyMagnetException(text);
    }

    @Property
    void mangledLinksAreParsedOrRefusedWithAMagnetException(@ForAll("mangled") String link) {
        assertOnlyMagnetException(link);
    }

    @Property
    void canonicalUriParsesBackToTheSameLink(@ForAll("links") MagnetLink link) throws MagnetException {
        assertThat(MagnetParser.parse(link.toUri().toString())).isEqualTo(link);
    }

    private static void assertOnlyMagnetException(String link) {
        try {
            MagnetParser.parse(link);
        } catch (MagnetException expected) {
            assertThat(expected.getMessage()).isNotBlank().doesNotContain("\n");
        }
    }

    /** Real-looking links with random pieces cut out, doubled or replaced by hostile fragments. */
    @Provide
    Arbitrary<String> mangled() {
        Arbitrary<String> fragments = Arbitraries.of(
                "xt=urn:btih:",
                "c9e15763f722f23e98a29decdfae341b98d53056",
                "ZHQVOY7XELZD5GFCTXWN7LRUDOMNKMCW",
                "&",
                "=",
                "%",
                "%E2%9C",
                "+",
                "dn=",
                "tr=",
                "udp://",
                "http://[",
                "]:",
                "x.pe=",
                "[::1]:1",
                "1.2.3.4:",
                "65535",
                "ws=",
                ":",
                ".",
                "xt.1=",
                "\uD800",
                "%00");
        return fragments.list().ofMaxSize(20).map(parts -> "magnet:?" + String.join("", parts));
    }

    @Provide
    Arbitrary<MagnetLink> links() {
        Arbitrary<InfoHash> hashes =
                Arbitraries.bytes().array(byte[].class).ofSize(20).map(InfoHash::new);
        Arbitrary<Optional<String>> names = Arbitraries.strings()
                .withCharRange(' ', '\uD7FF')
                .withChars("&=%+#")
                .ofMinLength(1)
                .ofMaxLength(40)
                .map(s -> s.replace("#", "#😀")) // a character outside the BMP, kept as a whole pair
                .filter(s -> !s.isBlank())
                .optional();
        Arbitrary<URI> trackers = Combinators.combine(
                        Arbitraries.of("http", "https", "udp"),
                        Arbitraries.strings()
                                .withCharRange('a', 'z')
                                .ofMinLength(1)
                                .ofMaxLength(10),
                        Arbitraries.integers().between(1, 65535),
                        Arbitraries.strings()
                                .withCharRange('a', 'z')
                                .withChars("/+?=&")
                                .ofMaxLength(12))
                .as((scheme, host, port, path) -> URI.create(scheme + "://" + host + ".example:" + port + "/" + path));
        Arbitrary<URI> webSeeds = Arbitraries.strings()
                .withCharRange('a', 'z')
                .ofMinLength(1)
                .ofMaxLength(10)
                .map(host -> URI.create("https://" + host + ".example/files/"));
        Arbitrary<InetSocketAddress> peers = Arbitraries.oneOf(
                Combinators.combine(
                                Arbitraries.bytes().array(byte[].class).ofSize(4),
                                Arbitraries.integers().between(1, 65535))
                        .as(MagnetParserPropertyTest::address),
                Combinators.combine(
                                Arbitraries.bytes().array(byte[].class).ofSize(16),
                                Arbitraries.integers().between(1, 65535))
                        .as(MagnetParserPropertyTest::address),
                Combinators.combine(
                                Arbitraries.strings()
                                        .withCharRange('a', 'z')
                                        .ofMinLength(1)
                                        .ofMaxLength(10),
                                Arbitraries.integers().between(1, 65535))
                        .as((host, port) -> InetSocketAddress.createUnresolved(host + ".example", port)));
        return Combinators.combine(
                        hashes,
                        names,
                        trackers.list().uniqueElements().ofMaxSize(5),
                        peers.list().uniqueElements().ofMaxSize(5),
                        webSeeds.list().uniqueElements().ofMaxSize(3))
                .as(MagnetLink::new);
    }

    private static InetSocketAddress address(byte[] ip, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(ip), port);
        } catch (UnknownHostException impossible) {
            throw new AssertionError(impossible);
        }
    }
}
