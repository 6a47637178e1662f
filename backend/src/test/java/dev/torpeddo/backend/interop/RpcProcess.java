package dev.torpeddo.backend.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code torpeddo rpc} as the desktop app runs it: a child process spoken to through its stdin and stdout, raw
 * bytes in, lines out. stdout and stderr are kept apart so that a test can check that stdout only ever carried
 * the protocol.
 */
final class RpcProcess implements AutoCloseable {
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final String name;
    private final Process process;
    private final OutputStream stdin;
    private final List<String> stdout = new CopyOnWriteArrayList<>();
    private final List<String> stderr = new CopyOnWriteArrayList<>();
    private final Thread outReader;

    private RpcProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.stdin = process.getOutputStream();
        outReader = Thread.ofVirtual().start(() -> collect(process.getInputStream(), stdout, " out] "));
        Thread.ofVirtual().start(() -> collect(process.getErrorStream(), stderr, " err] "));
    }

    /**
     * Settings for a state directory that keeps the backend on loopback: any free port, no DHT, no LSD;
     * downloads into {@code downloads} unless an add names another place.
     */
    static void prepareState(Path state, Path downloads) throws IOException {
        Files.createDirectories(state);
        Files.writeString(state.resolve("settings.json"), """
                {"default_save_path": "%s", "listen_port": 0,
                 "discovery": {"dht": false, "pex": true, "lsd": false}}
                """.formatted(downloads.toAbsolutePath()));
    }

    static RpcProcess start(String name, Path state) throws IOException {
        List<String> cmd = Tools.torpeddo("rpc", "--state-dir", state.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(state.toFile());
        pb.environment().put("XDG_STATE_HOME", state.resolve("xdg").toString()); // never the user's
        return new RpcProcess(name, pb.start());
    }

    /** Splits on '\n' only, so that whatever the backend writes, each line is seen as it was written. */
    private void collect(InputStream in, List<String> into, String tag) {
        try (in) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        String l = line.toString(StandardCharsets.UTF_8);
                        into.add(l);
                        if (System.getenv("TORPEDDO_TEST_VERBOSE") != null) System.err.println("[" + name + tag + l);
                        line.reset();
                    } else {
                        line.write(buf[i]);
                    }
                }
            }
            if (line.size() > 0) into.add(line.toString(StandardCharsets.UTF_8));
        } catch (IOException ignored) {
            // the process ended
        }
    }

    void sendRaw(byte[] bytes) throws IOException {
        stdin.write(bytes);
        stdin.flush();
    }

    void send(String line) throws IOException {
        sendRaw((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Sends a request with a numeric id and returns its reply (result or error). */
    JsonNode call(String method, String params, long id) throws Exception {
        send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\""
                + (params == null ? "" : ",\"params\":" + params) + "}");
        return await(m -> m.isObject()
                && !m.has("method")
                && m.path("id").isNumber()
                && m.get("id").asLong() == id);
    }

    /** The result of a call that must succeed. */
    JsonNode result(String method, String params, long id) throws Exception {
        JsonNode reply = call(method, params, id);
        assertThat(reply.has("result")).as(method + ": " + reply).isTrue();
        return reply.get("result");
    }

    /** Every message on stdout so far, parsed, in order. */
    List<JsonNode> messages() {
        List<JsonNode> out = new ArrayList<>();
        for (String l : stdout) out.add(JSON.readTree(l));
        return out;
    }

    /** The first message since the start that matches; fails with stderr when the process dies or 60 s pass. */
    JsonNode await(Predicate<JsonNode> match) throws InterruptedException {
        return await(match, Duration.ofSeconds(60));
    }

    JsonNode await(Predicate<JsonNode> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        while (System.nanoTime() < deadline) {
            boolean alive = process.isAlive();
            for (; seen < stdout.size(); seen++) {
                JsonNode m = JSON.readTree(stdout.get(seen));
                if (match.test(m)) return m;
            }
            if (!alive) throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + stderr());
            Thread.sleep(20);
        }
        throw new AssertionError(name + ": no such message within " + timeout + "; stderr:\n" + stderr());
    }

    /** The first notification of {@code method} since the start whose params match. */
    JsonNode notification(String method, Predicate<JsonNode> params) throws InterruptedException {
        return await(m -> m.path("method").asString("").equals(method) && !m.has("id") && params.test(m.get("params")))
                .get("params");
    }

    /** Replies and notifications since the start whose id or method satisfy the predicate. */
    int count(Predicate<JsonNode> match) {
        return (int) messages().stream().filter(match).count();
    }

    void closeStdin() throws IOException {
        stdin.close();
    }

    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(name + " still running after " + timeout + "; stderr:\n" + stderr());
        }
        outReader.join(5000);
        return process.exitValue();
    }

    /** Ends the process as {@code kill -9} does: no shutdown, nothing saved. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
        outReader.join(5000);
    }

    String stderr() {
        return String.join("\n", stderr);
    }

    List<String> stdoutLines() {
        return List.copyOf(stdout);
    }

    /** Every line the backend wrote to stdout is one JSON-RPC 2.0 message (or a batch of replies). */
    void assertStdoutIsProtocolOnly() {
        assertThat(stdout).as("stdout lines").isNotEmpty();
        for (String line : stdout) {
            JsonNode m;
            try {
                m = JSON.readTree(line);
            } catch (RuntimeException e) {
                throw new AssertionError("not JSON on stdout: " + abbreviate(line), e);
            }
            if (m.isArray()) {
                assertThat(m).as(abbreviate(line)).isNotEmpty();
                m.forEach(r -> assertThat(isReply(r)).as(abbreviate(line)).isTrue());
            } else {
                assertThat(isReply(m) || isNotification(m))
                        .as("a JSON-RPC message: " + abbreviate(line))
                        .isTrue();
            }
        }
    }

    private static boolean isReply(JsonNode m) {
        return m.isObject()
                && m.path("jsonrpc").asString("").equals("2.0")
                && m.has("id")
                && (m.has("result") ^ m.has("error"))
                && (!m.has("error") || m.get("error").path("code").isIntegralNumber());
    }

    private static boolean isNotification(JsonNode m) {
        return m.isObject()
                && m.path("jsonrpc").asString("").equals("2.0")
                && m.path("method").isString()
                && !m.has("id")
                && m.path("params").isObject();
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    @Override
    public void close() throws IOException {
        if (!process.isAlive()) return;
        try {
            stdin.close();
        } catch (IOException ignored) {
            // already gone
        }
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
