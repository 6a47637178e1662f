package dev.torpeddo.engine.wire.ext;

import static org.assertj.core.api.Assertions.assertThat;

import dev.torpeddo.engine.bencode.BDict;
import dev.torpeddo.engine.bencode.BEncoder;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class PexCodecPropertyTest {

    @Property
    void messagesRoundTripWithIpv4PeersFirst(@ForAll("messages") PexMessage message) throws ExtensionException {
        assertThat(PexCodec.decode(PexCodec.encode(message)))
                .isEqualTo(new PexMessage(
                        ipv4First(message.added(), PexPeer::address), ipv4First(message.dropped(), a -> a)));
    }

    /** The wire keeps IPv4 and IPv6 peers in separate strings, so that is the order they come back in. */
    private static <T> List<T> ipv4First(List<T> items, Function<T, InetSocketAddress> address) {
        List<T> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparing(item -> address.apply(item).getAddress() instanceof Inet6Address));
        return sorted;
    }

    @Property
    void randomBytesAreDecodedOrRefusedCleanly(@ForAll byte[] payload) {
        assertDecodesWithinLimitsOrRefuses(payload);
    }

    @Property
    void randomCompactStringsAreDecodedOrRefusedCleanly(
            @ForAll byte[] added, @ForAll byte[] addedFlags, @ForAll byte[] added6, @ForAll byte[] dropped) {
        assertDecodesWithinLimitsOrRefuses(BEncoder.encode(BDict.builder()
                .put("added", added)
                .put("added.f", addedFlags)
                .put("added6", added6)
                .put("dropped", dropped)
                .build()));
    }

    private static void assertDecodesWithinLimitsOrRefuses(byte[] payload) {
        try {
            PexMessage m = PexCodec.decode(payload);
            assertThat(m.added()).hasSizeLessThanOrEqualTo(PexCodec.MAX_ENTRIES);
            assertThat(m.dropped()).hasSizeLessThanOrEqualTo(PexCodec.MAX_ENTRIES);
        } catch (ExtensionException expected) {
            assertThat(expected.getMessage()).isNotBlank().doesNotContain("\n");
        }
    }

    @Provide
    Arbitrary<PexMessage> messages() {
        Arbitrary<InetSocketAddress> addresses = Combinators.combine(
                        Arbitraries.of(4, 16)
                                .flatMap(n ->
                                        Arbitraries.bytes().array(byte[].class).ofSize(n)),
                        Arbitraries.integers().between(1, 65535))
                .as(PexCodecPropertyTest::address);
        Arbitrary<PexPeer> peers = Combinators.combine(
                        addresses, Arbitraries.integers().between(0, 255))
                .as(PexPeer::new);
        return Combinators.combine(
                        peers.list().ofMaxSize(PexCodec.MAX_ENTRIES).uniqueElements(PexPeer::address),
                        addresses.list().ofMaxSize(PexCodec.MAX_ENTRIES).uniqueElements())
                .as(PexMessage::new);
    }

    private static InetSocketAddress address(byte[] ip, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(ip), port);
        } catch (UnknownHostException impossible) {
            throw new AssertionError(impossible);
        }
    }
}
