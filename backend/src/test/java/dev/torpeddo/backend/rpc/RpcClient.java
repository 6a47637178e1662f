package dev.torpeddo.backend.rpc;

import dev.torpeddo.backend.manager.ManagerOptions;
import dev.torpeddo.backend.manager.Settings;
import dev.torpeddo.backend.manager.StateDir;
import dev.torpeddo.backend.manager.TorrentManager;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A server on a real manager (loopback only: any free port, no DHT or LSD) in this JVM, talked to through pipes
 * the way the desktop app talks to the child process: raw lines in, raw lines out.
 */
final class RpcClient implements AutoCloseable {
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final StateDir dir;
    private final TorrentManager manager;
    private final RpcServer server;
    private final OutputStream toServer;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    /** Every notification read so far, those skipped while waiting for a reply too. */
    final List<JsonNode> notifications = new CopyOnWriteArrayList<>();

    private final Thread serving;
    private final Thread reading;

    RpcClient(Path state) throws IOException {
        dir = StateDir.open(StateDir.Locations.single(state));
        manager = TorrentManager.open(
                dir,
                ManagerOptions.defaults()
                        .withOverrides(s -> new Settings(
                                state.resolveSibling("downloads").toString(),
                                0,
                                s.limits(),
                                s.altLimits(),
                                s.altLimitsOn(),
                                s.queue(),
                                s.shareLimits(),
                                s.connections(),
                                new Settings.Discovery(false, true, false),
                                Settings.Protocols.DEFAULT)));
        // OS pipes, as the child process has: a PipedInputStream would fail its reader once the thread that
        // last wrote has ended (a reply sent from a move's thread), dropping everything after it.
        Pipe toServerPipe = Pipe.open();
        InputStream serverIn = Channels.newInputStream(toServerPipe.source());
        toServer = Channels.newOutputStream(toServerPipe.sink());
        Pipe fromServerPipe = Pipe.open();
        InputStream clientIn = Channels.newInputStream(fromServerPipe.source());
        OutputStream serverOut = Channels.newOutputStream(fromServerPipe.sink());
        server = new RpcServer(manager, serverIn, serverOut, "test");
        serving = Thread.ofVirtual().start(() -> {
            try {
                server.serve();
                serverOut.close();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        reading = Thread.ofVirtual().start(() -> {
            try (var r = new BufferedReader(new InputStreamReader(clientIn, StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) lines.add(l);
            } catch (IOException ignored) {
                // the server closed its end
            }
        });
    }

    void sendRaw(byte[] bytes) throws IOException {
        toServer.write(bytes);
        toServer.flush();
    }

    void send(String line) throws IOException {
        sendRaw((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** The next line the server wrote, parsed. */
    JsonNode next() throws Exception {
        String line = lines.poll(20, TimeUnit.SECONDS);
        if (line == null) throw new AssertionError("no reply within 20 s");
        return seen(JSON.readTree(line));
    }

    /** The next line matching {@code match}; others (notifications) are skipped. */
    JsonNode next(Predicate<JsonNode> match) throws Exception {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line == null) continue;
            JsonNode n = seen(JSON.readTree(line));
            if (match.test(n)) return n;
        }
        throw new AssertionError("no matching line within 20 s");
    }

    /**
     * The first notification matching {@code match}, already read (perhaps skipped while waiting for a reply:
     * an event may overtake the reply of the call that caused it) or still to come.
     */
    JsonNode notification(Predicate<JsonNode> match) throws Exception {
        for (JsonNode n : notifications) if (match.test(n)) return n;
        return next(n -> n.has("method") && match.test(n));
    }

    private JsonNode seen(JsonNode n) {
        if (n.isObject() && n.has("method")) notifications.add(n);
        return n;
    }

    /** Nothing more arrives within {@code millis}. */
    String silence(long millis) throws InterruptedException {
        return lines.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** Sends a request and returns its reply (skipping notifications). */
    JsonNode call(String method, String params, int id) throws Exception {
        send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\""
                + (params == null ? "" : ",\"params\":" + params) + "}");
        return next(n -> n.has("id") && n.get("id").asInt() == id && !n.has("method"));
    }

    TorrentManager manager() {
        return manager;
    }

    void closeInput() throws IOException {
        toServer.close();
    }

    boolean servingEnded(long millis) throws InterruptedException {
        return serving.join(java.time.Duration.ofMillis(millis));
    }

    /** Closes the manager under the running server, as a shutdown does while requests still arrive. */
    void closeManager() {
        manager.close();
    }

    @Override
    public void close() throws IOException {
        toServer.close();
        try {
            serving.join(java.time.Duration.ofSeconds(10));
            server.close();
            manager.close();
            dir.close();
            reading.join(java.time.Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
