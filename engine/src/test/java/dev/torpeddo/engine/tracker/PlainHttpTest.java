package dev.torpeddo.engine.tracker;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.URI;
import org.junit.jupiter.api.Test;

class PlainHttpTest {
    private static PlainHttp.Response read(String response, int maxBody) throws IOException {
        return PlainHttp.read(new ByteArrayInputStream(response.getBytes(ISO_8859_1)), maxBody);
    }

    @Test
    void theRequestIsOneGetThatClosesTheConnection() {
        String expected = String.join(
                "\r\n",
                "GET /announce?info_hash=%01&port=1 HTTP/1.1",
                "Host: t.example:6969",
                "User-Agent: Torpeddo/0.1",
                "Accept-Encoding: gzip",
                "Connection: close",
                "",
                "");
        assertThat(PlainHttp.request(URI.create("http://t.example:6969/announce?info_hash=%01&port=1")))
                .isEqualTo(expected);
        assertThat(PlainHttp.request(URI.create("http://[::1]/"))).startsWith("GET / HTTP/1.1\r\nHost: [::1]\r\n");
        assertThat(PlainHttp.request(URI.create("http://t.example")))
                .startsWith("GET / HTTP/1.1\r\nHost: t.example\r\n");
    }

    @Test
    void readsALengthDelimitedBodyAndTheHeadersThatMatter() throws IOException {
        PlainHttp.Response r = read(
                "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\ncontent-encoding:  gzip \r\nContent-Length: 3\r\n\r\nabcdef",
                100);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentEncoding()).isEqualTo("gzip");
        assertThat(r.body()).isEqualTo("abc".getBytes(ISO_8859_1));
        assertThat(r.isRedirect()).isFalse();
    }

    @Test
    void readsAChunkedBodySkippingExtensionsAndTrailers() throws IOException {
        PlainHttp.Response r = read(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nd8:\r\na\r\nintervali1\r\n0\r\nT: 1\r\n\r\n",
                100);
        assertThat(new String(r.body(), ISO_8859_1)).isEqualTo("d8:intervali1");
    }

    @Test
    void withoutALengthTheBodyEndsWithTheStreamAndBareLineFeedsAreAccepted() throws IOException {
        PlainHttp.Response r = read("HTTP/1.0 302\nLocation: http://other/announce\n\nmoved", 100);
        assertThat(r.status()).isEqualTo(302);
        assertThat(r.isRedirect()).isTrue();
        assertThat(r.location()).contains("http://other/announce");
        assertThat(r.body()).isEqualTo("moved".getBytes(ISO_8859_1));
    }

    @Test
    void aBodyIsCutOneByteBeyondTheLimitSoTheCallerCanRefuseIt() throws IOException {
        assertThat(read("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789", 4)
                        .body())
                .hasSize(5);
        assertThat(read("HTTP/1.1 200 OK\r\n\r\n0123456789", 4).body()).hasSize(5);
        assertThat(read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nA\r\n0123456789\r\n0\r\n\r\n", 4)
                        .body())
                .hasSize(5);
    }

    @Test
    void brokenResponsesAreRefusedWithAReason() {
        assertThatThrownBy(() -> read("SSH-2.0-OpenSSH\r\n\r\n", 100)).hasMessage("not an HTTP response");
        assertThatThrownBy(() -> read("HTTP/1.1 2x0 OK\r\n\r\n", 100)).hasMessage("not an HTTP status");
        assertThatThrownBy(() -> read("HTTP/1.1 200 OK\r\nno colon\r\n\r\n", 100))
                .hasMessage("bad header line");
        assertThatThrownBy(() -> read("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", 100))
                .hasMessage("bad Content-Length");
        assertThatThrownBy(() -> read("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nabc", 100))
                .isInstanceOf(EOFException.class)
                .hasMessage("body ends after 3 of 9 bytes");
        assertThatThrownBy(() -> read("HTTP/1.1 200 OK\r\nContent-Type: x", 100))
                .hasMessage("response ends in its head");
        assertThatThrownBy(() -> read("HTTP/1.1 200 OK\r\nX: " + "y".repeat(PlainHttp.MAX_HEAD) + "\r\n\r\n", 100))
                .hasMessage("response head larger than 16384 bytes");
        assertThatThrownBy(() -> read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 100))
                .hasMessage("bad chunk size");
        assertThatThrownBy(
                        () -> read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n", 100))
                .hasMessage("chunk longer than its size");
    }
}
