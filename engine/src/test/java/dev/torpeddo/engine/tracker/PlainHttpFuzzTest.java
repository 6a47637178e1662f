package dev.torpeddo.engine.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.torpeddo.engine.fuzz.FuzzChecks;
import dev.torpeddo.engine.fuzz.FuzzChecks.Outcome;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Fuzz target for the HTTP framing of plain-http tracker answers ({@link PlainHttp#read}): status line,
 * headers, and a body by length, chunked or up to the end. Any server named in a .torrent or magnet link
 * can send it. Seeds: PlainHttpFuzzTestInputs/read.
 */
class PlainHttpFuzzTest {
    @FuzzTest
    void read(byte[] input) throws IOException {
        Outcome<PlainHttp.Response> outcome = FuzzChecks.parse(
                input.length,
                () -> PlainHttp.read(new ByteArrayInputStream(input), HttpTracker.MAX_BODY),
                IOException.class);
        if (!(outcome instanceof Outcome.Parsed<PlainHttp.Response>(PlainHttp.Response r))) return;
        assertThat(r.status()).isBetween(0, 999);
        assertThat(r.body().length).isLessThanOrEqualTo(Math.min(input.length, HttpTracker.MAX_BODY + 1));
        if (r.body().length > HttpTracker.MAX_BODY) return; // refused by the caller, not re-rendered
        // Sent again in the plainest form, it reads the same: nothing was misread.
        PlainHttp.Response again = PlainHttp.read(new ByteArrayInputStream(render(r)), HttpTracker.MAX_BODY);
        assertThat(again.status()).isEqualTo(r.status());
        assertThat(again.contentEncoding()).isEqualTo(r.contentEncoding());
        assertThat(again.location()).isEqualTo(r.location());
        assertThat(again.body()).isEqualTo(r.body());
    }

    private static byte[] render(PlainHttp.Response r) {
        StringBuilder head = new StringBuilder();
        head.append(String.format("HTTP/1.1 %03d X\r\n", r.status()));
        head.append("Content-Encoding: ").append(r.contentEncoding()).append("\r\n");
        r.location().ifPresent(l -> head.append("Location: ").append(l).append("\r\n"));
        head.append("Content-Length: ").append(r.body().length).append("\r\n\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(r.body());
        return out.toByteArray();
    }
}
