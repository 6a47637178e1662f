package dev.torpeddo.engine.bencode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

class BDecoderPropertyTest {

    @Property
    void encodeThenDecodeIsIdentity(@ForAll("values") BValue value) throws Exception {
        byte[] encoded = BEncoder.encode(value);
        assertThat(BDecoder.DEFAULT.decode(encoded)).isEqualTo(value);
        assertThat(BEncoder.encode(BDecoder.DEFAULT.decode(encoded))).isEqualTo(encoded);
    }

    @Property(tries = 2000)
    void anythingThatDecodesReencodesStably(@ForAll("bencodeish") byte[] input) throws Exception {
        BValue first;
        try {
            first = BDecoder.DEFAULT.decode(input);
        } catch (BencodeException e) {
            return; // only inputs that decode are interesting here; the next property covers the rest
        }
        byte[] canonical = BEncoder.encode(first);
        BValue second = BDecoder.DEFAULT.decode(canonical);
        assertThat(second).isEqualTo(first);
        assertThat(BEncoder.encode(second)).isEqualTo(canonical);
    }

    @Property(tries = 5000)
    void randomBytesOnlyEverFailWithBencodeException(@ForAll("bencodeish") byte[] input) {
        try {
            BValue v = BDecoder.DEFAULT.decode(input);
            assertThat(v).isNotNull();
        } catch (BencodeException e) {
            assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
        }
        for (int offset = 0; offset <= input.length; offset += Math.max(1, input.length / 4)) {
            try {
                DecodedPrefix p = BDecoder.DEFAULT.decodePrefix(input, offset);
                assertThat(p.end()).isBetween(offset + 1, input.length);
            } catch (BencodeException e) {
                assertThat(e.offset()).isBetween((long) offset, (long) input.length);
            }
        }
    }

    @Property(tries = 2000)
    void uniformRandomBytesOnlyEverFailWithBencodeException(@ForAll byte[] input) {
        try {
            BDecoder.DEFAULT.decode(input);
        } catch (BencodeException e) {
            assertThat(e.offset()).isBetween(0L, (long) input.length);
        }
    }

    @Provide
    Arbitrary<BValue> values() {
        Arbitrary<BValue> scalars = Arbitraries.oneOf(
                Arbitraries.longs().map(BInt::new),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(20).map(BBytes::new));
        // Depth-bounded recursion: an unbounded lazy generator grows exponentially.
        return Arbitraries.recursive(
                () -> scalars,
                inner -> Arbitraries.oneOf(
                        scalars,
                        inner.list().ofMaxSize(4).map(BList::new),
                        Arbitraries.maps(
                                        Arbitraries.bytes()
                                                .array(byte[].class)
                                                .ofMaxSize(6)
                                                .map(BBytes::new),
                                        inner)
                                .ofMaxSize(4)
                                .map(m -> new BDict(new LinkedHashMap<>(m)))),
                0,
                4);
    }

    /** Random bytes biased towards bencode's alphabet so that many inputs get deep into the decoder. */
    @Provide
    Arbitrary<byte[]> bencodeish() {
        Arbitrary<Byte> alphabet = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of((byte) 'i', (byte) 'e', (byte) 'l', (byte) 'd', (byte) ':', (byte) '-')),
                Tuple.of(6, Arbitraries.bytes().between((byte) '0', (byte) '9')),
                Tuple.of(2, Arbitraries.bytes()));
        Arbitrary<byte[]> random = alphabet.list().ofMaxSize(60).map(BDecoderPropertyTest::toArray);
        // Also mutate valid encodings: they reach the error paths a purely random walk rarely finds.
        Arbitrary<byte[]> mutated = values().flatMap(v -> {
            byte[] enc = BEncoder.encode(v);
            if (enc.length == 0) return Arbitraries.just(enc);
            return Arbitraries.integers()
                    .between(0, enc.length - 1)
                    .flatMap(at -> alphabet.map(b -> {
                        byte[] copy = Arrays.copyOf(enc, enc.length);
                        copy[at] = b;
                        return copy;
                    }));
        });
        return Arbitraries.oneOf(random, mutated);
    }

    private static byte[] toArray(List<Byte> list) {
        byte[] out = new byte[list.size()];
        for (int i = 0; i < out.length; i++) out[i] = list.get(i);
        return out;
    }
}
