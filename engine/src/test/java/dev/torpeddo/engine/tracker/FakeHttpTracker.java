package dev.torpeddo.engine.tracker;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.torpeddo.engine.metainfo.InfoHash;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * An HTTP tracker on 127.0.0.1 that answers whatever the test scripts, and records what it was asked. Tests set
 * {@link #reply} to a bencoded body or a {@link Handler} to misbehave in other ways. Public for the torrent tests,
 * which put it behind a whole session.
 */
public final class FakeHttpTracker implements AutoCloseable {

    /** Writes the whole answer to one request. */
    @FunctionalInterface
    public interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    /** Raw query strings in arrival order. */
    final List<String> queries = new CopyOnWriteArrayList<>();
    /** Request paths in arrival order. */
    public final List<String> paths = new CopyOnWriteArrayList<>();

    final List<HttpExchange> exchanges = new CopyOnWriteArrayList<>();
    public volatile Handler handler;

    public FakeHttpTracker() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (exchange) {
                queries.add(
                        exchange.getRequestURI().getRawQuery() == null
                                ? ""
                                : exchange.getRequestURI().getRawQuery());
                paths.add(exchange.getRequestURI().getRawPath());
                exchanges.add(exchange);
                Handler h = handler;
                if (h == null) {
                    respond(
                            exchange,
                            200,
                            TestBencode.encode(java.util.Map.of("interval", 1800, "peers", new byte[0])));
                } else {
                    h.handle(exchange);
                }
            }
        });
        server.start();
    }

    /** Answers every request with status 200 and this body. */
    public void reply(byte[] body) {
        handler = exchange -> respond(exchange, 200, body);
    }

    /** A successful announce answer (compact peers). */
    public static byte[] announceBody(int interval, int complete, int incomplete, byte[] compactPeers) {
        return TestBencode.encode(
                Map.of("interval", interval, "complete", complete, "incomplete", incomplete, "peers", compactPeers));
    }

    /** A scrape answer listing one torrent (its key is the raw hash, which TestBencode cannot write). */
    public static byte[] scrapeBody(InfoHash hash, int complete, int incomplete, int downloaded) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("d5:filesd20:".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.writeBytes(hash.bytes());
        out.writeBytes(
                TestBencode.encode(Map.of("complete", complete, "incomplete", incomplete, "downloaded", downloaded)));
        out.writeBytes("ee".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    public static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) exchange.getResponseBody().write(body);
    }

    int port() {
        return server.getAddress().getPort();
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
    }

    public URI announceUri() {
        return uri("/announce");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
