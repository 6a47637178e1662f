package dev.torpeddo.engine.bencode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BDecoderTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static BValue decode(String s) throws BencodeException {
        return BDecoder.DEFAULT.decode(ascii(s));
    }

    @Test
    void decodesEveryKindOfValue() throws Exception {
        BValue v = decode("d3:bar4:spam3:fooi42e4:listli-7el0:eee");
        assertThat(v)
                .isEqualTo(BDict.builder()
                        .put("bar", "spam")
                        .put("foo", 42)
                        .put("list", BList.of(BInt.of(-7), BList.of(BBytes.of(""))))
                        .build());
    }

    @Test
    void decodesExtremeIntegers() throws Exception {
        assertThat(decode("i9223372036854775807e")).isEqualTo(BInt.of(Long.MAX_VALUE));
        assertThat(decode("i-9223372036854775808e")).isEqualTo(BInt.of(Long.MIN_VALUE));
        assertThat(decode("i0e")).isEqualTo(BInt.of(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"i9223372036854775808e", "i-9223372036854775809e", "i99999999999999999999999e"})
    void rejectsIntegersBeyondLong(String input) {
        assertThatThrownBy(() -> decode(input))
                .isInstanceOf(BencodeException.class)
                .hasMessageContaining("64 bits");
    }

    @ParameterizedTest
    @ValueSource(strings = {"i03e", "i-0e", "i00e", "i-01e"})
    void rejectsNonCanonicalIntegers(String input) {
        assertThatThrownBy(() -> decode(input))
                .isInstanceOf(BencodeException.class)
                .hasMessageContaining("non-canonical");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ie", "i-e", "i+5e", "i5", "i1.5e", "i 5e", "i5x"})
    void rejectsMalformedIntegers(String input) {
        assertThatThrownBy(() -> decode(input)).isInstanceOf(BencodeException.class);
    }

    @Test
    void rejectsHugeLengthPrefixBeforeAllocating() {
        assertThatThrownBy(() -> decode("99999999999999999999:abc"))
                .isInstanceOf(BencodeException.class)
                .hasMessageContaining("exceeds the remaining input")
                .extracting(e -> ((BencodeException) e).offset())
                .isEqualTo(0L);
        assertThatThrownBy(() -> decode("2147483652:abc"))
                .isInstanceOf(BencodeException.class)
                .hasMessageContaining("exceeds the remaining input");
    }

    @Test
    void rejectsStringLongerThanLimitEvenIfInputHasIt() {
        BDecoder small = new BDecoder(new BencodeLimits(10, 100, 3, 1000));
        assertThatThrownBy(() -> small.decode(ascii("4:spam")))
                .isInstanceOf(BencodeException.class)
                .hasMessageContaining("limit of 3 bytes");
    }

    @Test
    void rejectsStringLengthLongerThanRemainingInput() {
        assertThatThrownBy(() -> decode("5:spam")).isInstanceOf(BencodeException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"03:abc", "00:", "-1:a", "3abc", ":abc"})
    void rejectsMalformedStringLengths(String input) {
        assertThatThrownBy(() -> decode(input)).isInstanceOf(BencodeException.class);
    }

    @Test
    void survivesHundredThousandNestedListsWithoutStackOverflow() {
        byte[] deep = ascii("l".repeat(100_000) + "e".repeat(100_000));
        assertThatThrownBy(() -> BDecoder.DEFAULT.decode(deep))
                .isInstanceOf(BencodeException.class)
                .hasMessageContaining("nesting deeper than 100");
    }

    @Test
    void unlimitedDepthDecodesHundredThousandNestedListsIteratively() throws Exception {
        BDecoder unlimited = new BDecoder(new BencodeLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, 100, 1 << 20));
        byte[] deep = ascii("l".repeat(100_000) + "e".repeat(100_000));
        BValue v = unlimited.decode(deep);
        int depth = 0;
        while (v instanceof BList l && !l.items().isEmpty()) {
            v = l.get(0);
            depth++;
        }
        assertThat(depth).isEqualTo(99_999);
        // encoding it back must not overflow the stack either
        assertThat(BEncoder.encode(unlimited.decode(deep))).isEqualTo(deep);
    }

    @Test
    void acceptsNestingExactlyAtTheLimit() throws Exception {
        BDecoder d = new BDecoder(new BencodeLimits(3, 100, 100, 100));
        assertThat(d.decode(ascii("llleee"))).isEqualTo(BList.of(BList.of(BList.of())));
        assertThatThrownBy(() -> d.decode(ascii("lllleeee"))).hasMessageContaining("nesting deeper than 3");
    }

    @Test
    void enforcesTokenLimit() throws Exception {
        BDecoder d = new BDecoder(new BencodeLimits(10, 4, 100, 100));
        assertThat(d.decode(ascii("li1ei2ei3ee"))).isEqualTo(BList.of(BInt.of(1), BInt.of(2), BInt.of(3)));
        assertThatThrownBy(() -> d.decode(ascii("li1ei2ei3ei4ee")))
                .isInstanceOf(BencodeException.class)
                .hasMessageContaining("more than 4 values");
    }

    @Test
    void enforcesInputLengthLimit() {
        BDecoder d = new BDecoder(new BencodeLimits(10, 100, 100, 5));
        assertThatThrownBy(() -> d.decode(ascii("4:spam"))).hasMessageContaining("exceeds the limit of 5");
    }

    @Test
    void rejectsDuplicateKeysWithTheirOffset() {
        assertThatThrownBy(() -> decode("d1:ai1e1:bi2e1:ai3ee"))
                .isInstanceOf(BencodeException.class)
                .hasMessageContaining("duplicate dictionary key \"a\"")
                .extracting(e -> ((BencodeException) e).offset())
                .isEqualTo(13L);
    }

    @Test
    void acceptsUnsortedKeysAndKeepsTheirOrder() throws Exception {
        BDict d = (BDict) decode("d1:zi1e1:ai2e1:mi3ee");
        assertThat(d.entries().keySet()).extracting(BBytes::asUtf8).containsExactly("z", "a", "m");
        assertThat(BEncoder.encode(d)).isEqualTo(ascii("d1:ai2e1:mi3e1:zi1ee"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"di1ei2ee", "dli1eei2ee", "d1:ae", "d1:a", "l", "li1e", "", "e", "x", "d1:ai1e"})
    void rejectsStructuralErrors(String input) {
        assertThatThrownBy(() -> decode(input)).isInstanceOf(BencodeException.class);
    }

    @Test
    void rejectsTrailingDataButDecodePrefixReturnsTheEnd() throws Exception {
        byte[] msg = ascii("d8:msg_typei1e5:piecei0eeRAWDATA");
        assertThatThrownBy(() -> BDecoder.DEFAULT.decode(msg))
                .isInstanceOf(BencodeException.class)
                .hasMessageContaining("trailing data")
                .extracting(e -> ((BencodeException) e).offset())
                .isEqualTo(25L);
        DecodedPrefix p = BDecoder.DEFAULT.decodePrefix(msg, 0);
        assertThat(p.end()).isEqualTo(25);
        assertThat(new String(msg, p.end(), msg.length - p.end(), StandardCharsets.US_ASCII))
                .isEqualTo("RAWDATA");
        assertThat(((BDict) p.value()).getInt("piece")).contains(0L);
    }

    @Test
    void decodesASliceOnly() throws Exception {
        byte[] buf = ascii("XXi42eYY");
        assertThat(BDecoder.DEFAULT.decode(buf, 2, 4)).isEqualTo(BInt.of(42));
        assertThatThrownBy(() -> BDecoder.DEFAULT.decode(buf, 2, 3)).isInstanceOf(BencodeException.class);
        assertThat(BDecoder.DEFAULT.decodePrefix(buf, 2).end()).isEqualTo(6);
    }

    @Test
    void locatesTheRawBytesOfANestedValueEvenWhenUnsorted() throws Exception {
        String info = "d4:name1:x1:ai1ee"; // unsorted: re-encoding would change it
        byte[] data = ascii("d8:announce3:url4:info" + info + "1:zi0ee");
        ByteSpan span = BDecoder.DEFAULT.locate(data, "info").orElseThrow();
        assertThat(new String(span.copyOf(data), StandardCharsets.ISO_8859_1)).isEqualTo(info);
        ByteSpan name = BDecoder.DEFAULT.locate(data, "info", "name").orElseThrow();
        assertThat(new String(name.copyOf(data), StandardCharsets.ISO_8859_1)).isEqualTo("1:x");
        assertThat(BDecoder.DEFAULT.locate(data, "missing")).isEmpty();
        assertThat(BDecoder.DEFAULT.locate(data, "announce", "x")).isEmpty();
        assertThat(BDecoder.DEFAULT.locate(data).orElseThrow()).isEqualTo(new ByteSpan(0, data.length));
    }

    @Test
    void locateDoesNotConfuseAValueThatLooksLikeTheKey() throws Exception {
        byte[] data = ascii("d1:a4:info4:infoi7ee");
        ByteSpan span = BDecoder.DEFAULT.locate(data, "info").orElseThrow();
        assertThat(new String(span.copyOf(data), StandardCharsets.ISO_8859_1)).isEqualTo("i7e");
    }

    @Test
    void typedGettersTellMissingFromWrongType() throws Exception {
        BDict d = (BDict) decode("d1:ai1e1:b2:xye");
        assertThat(d.getInt("a")).contains(1L);
        assertThat(d.getInt("zz")).isEmpty();
        assertThat(d.getString("b")).contains("xy");
        assertThatThrownBy(() -> d.getList("b"))
                .isInstanceOf(BencodeException.class)
                .hasMessage("'b' is a string, expected a list");
    }

    @Test
    void bytesCompareByContentAndDecodeUtf8Leniently() throws Exception {
        assertThat(new BBytes(new byte[] {1, 2})).isEqualTo(new BBytes(new byte[] {1, 2}));
        assertThat(new BBytes(new byte[] {1, 2}).hashCode()).isEqualTo(new BBytes(new byte[] {1, 2}).hashCode());
        BBytes bad = new BBytes(new byte[] {'a', (byte) 0xff});
        assertThat(bad.asUtf8()).isEqualTo("a\uFFFD");
        assertThatThrownBy(bad::asString).isInstanceOf(BencodeException.class);
        assertThat(BBytes.of("é").asString()).isEqualTo("é");
        assertThat(List.of(new BBytes(new byte[] {(byte) 0x80}), new BBytes(new byte[] {0x7f})).stream()
                        .sorted()
                        .toList())
                .containsExactly(new BBytes(new byte[] {0x7f}), new BBytes(new byte[] {(byte) 0x80}));
    }
}
