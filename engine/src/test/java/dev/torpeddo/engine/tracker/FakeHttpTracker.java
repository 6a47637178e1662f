package dev.torpeddo.engine.tracker;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * An HTTP tracker on 127.0.0.1 that answers whatever the test scripts, and records what it was asked. Tests set
 * {@link #reply} to a bencoded body or a {@link Handler} to misbehave in other ways.
 */
final class FakeHttpTracker implements AutoCloseable {

    /** Writes the whole answer to one request. */
    @FunctionalInterface
    interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    /** Raw query strings in arrival order. */
    final List<String> queries = new CopyOnWriteArrayList<>();
    /** Request paths in arrival order. */
    final List<String> paths = new CopyOnWriteArrayList<>();

    final List<HttpExchange> exchanges = new CopyOnWriteArrayList<>();
    volatile Handler handler;

    FakeHttpTracker() throws IOException {
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
    void reply(byte[] body) {
        handler = exchange -> respond(exchange, 200, body);
    }

    static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) exchange.getResponseBody().write(body);
    }

    int port() {
        return server.getAddress().getPort();
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
    }

    URI announceUri() {
        return uri("/announce");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
