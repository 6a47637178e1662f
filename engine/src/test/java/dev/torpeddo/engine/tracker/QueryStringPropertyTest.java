package dev.torpeddo.engine.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class QueryStringPropertyTest {

    @Property
    void percentEncodingKeepsEveryByteAndUsesOnlySafeCharacters(@ForAll byte[] value) {
        String encoded = QueryString.percentEncode(value);
        assertThat(encoded).matches("[A-Za-z0-9._~%-]*");
        assertThat(decode(encoded)).isEqualTo(value);
    }

    @Test
    void appendsWithTheRightSeparator() {
        QueryString q = new QueryString().add("a", 1);
        assertThat(q.appendTo("http://t/announce")).isEqualTo("http://t/announce?a=1");
        assertThat(q.appendTo("http://t/announce?pk=x")).isEqualTo("http://t/announce?pk=x&a=1");
        assertThat(q.appendTo("http://t/announce?")).isEqualTo("http://t/announce?a=1");
        assertThat(q.appendTo("http://t/announce#frag")).isEqualTo("http://t/announce?a=1");
    }

    private static byte[] decode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '%') {
                out.write(HexFormat.fromHexDigits(s, i + 1, i + 3));
                i += 2;
            } else {
                out.write(s.charAt(i));
            }
        }
        return out.toByteArray();
    }
}
