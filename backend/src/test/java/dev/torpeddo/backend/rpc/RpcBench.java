package dev.torpeddo.backend.rpc;

import dev.torpeddo.backend.manager.ManagerOptions;
import dev.torpeddo.backend.manager.ManyTorrents;
import dev.torpeddo.backend.manager.Settings;
import dev.torpeddo.backend.manager.SettingsFile;
import dev.torpeddo.backend.manager.StateDir;
import dev.torpeddo.backend.manager.TorrentManager;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/**
 * {@code bench/rpc.sh}: a real {@code torpeddo rpc} child process with N idle torrents (half seeding, half
 * downloading with no peers; their active and seeding seconds tick, so every torrent changes every second).
 * Measures the round trip of {@code get_status} for one torrent and for all, and the bytes per second a client
 * receives when it subscribes to {@code state_delta} against one that polls {@code get_status} for everything
 * once a second. Prints {@code key value} lines for the script.
 */
public final class RpcBench {
    private RpcBench() {}

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        String classpath = System.getProperty("java.class.path");
        Path state = work.resolve("state");
        Path data = work.resolve("data");
        setUp(state, data, n);

        Process p = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx512m",
                        "-XX:+UseSerialGC",
                        "-cp",
                        classpath,
                        "dev.torpeddo.backend.Torpeddo",
                        "rpc",
                        "--state-dir",
                        state.toString())
                .redirectError(ProcessBuilder.Redirect.appendTo(
                        work.resolve("rpc-stderr.log").toFile()))
                .start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        AtomicLong notificationBytes = new AtomicLong();
        Thread.ofPlatform().daemon().start(() -> {
            try (var r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) {
                    if (l.startsWith("{\"jsonrpc\":\"2.0\",\"method\"")) notificationBytes.addAndGet(l.length() + 1);
                    else lines.add(l);
                }
            } catch (java.io.IOException ignored) {
                // the child ended
            }
        });
        OutputStream in = p.getOutputStream();
        Client c = new Client(in, lines);
        // Wait until every torrent is back and running.
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (true) {
            JsonNode all = c.call("get_status", "{\"ids\":\"all\",\"fields\":[\"state\"]}");
            long checking = 0;
            for (JsonNode t : all.get("result").get("torrents")) {
                if (t.get("state").asString().equals("checking")) checking++;
            }
            if (all.get("result").get("torrents").size() == n && checking == 0) break;
            if (System.nanoTime() > deadline) throw new AssertionError("torrents not back within 2 minutes");
            Thread.sleep(200);
        }
        String oneId = c.call("get_status", "{\"ids\":\"all\",\"fields\":[\"id\"]}")
                .get("result")
                .get("torrents")
                .get(0)
                .get("id")
                .asString();

        int warm = 2000;
        for (int i = 0; i < warm; i++) c.call("get_status", "{\"ids\":\"" + oneId + "\"}");
        long[] one = new long[5000];
        for (int i = 0; i < one.length; i++) {
            long t0 = System.nanoTime();
            c.call("get_status", "{\"ids\":\"" + oneId + "\"}");
            one[i] = System.nanoTime() - t0;
        }
        for (int i = 0; i < 20; i++) c.call("get_status", "{\"ids\":\"all\"}");
        long[] all = new long[300];
        long allBytes = 0;
        for (int i = 0; i < all.length; i++) {
            long t0 = System.nanoTime();
            allBytes += c.callBytes("get_status", "{\"ids\":\"all\"}");
            all[i] = System.nanoTime() - t0;
        }
        print("get_status_one_p50_us", percentile(one, 50) / 1000);
        print("get_status_one_p99_us", percentile(one, 99) / 1000);
        print("get_status_all_p50_ms", percentile(all, 50) / 1_000_000.0);
        print("get_status_all_p99_ms", percentile(all, 99) / 1_000_000.0);
        print("get_status_all_bytes", allBytes / all.length);

        // Push: state_delta every 500 ms for 10 s.
        c.call("subscribe", "{\"notifications\":[\"state_delta\"],\"interval_ms\":500}");
        Thread.sleep(2000); // the first delta carries everything once
        notificationBytes.set(0);
        Thread.sleep(10_000);
        long pushed = notificationBytes.get();
        c.call("unsubscribe", "{\"notifications\":[\"state_delta\"]}");
        // Poll: get_status for everything once a second for 10 s.
        long polled = 0;
        for (int i = 0; i < 10; i++) {
            long t0 = System.nanoTime();
            polled += c.callBytes("get_status", "{\"ids\":\"all\"}");
            Thread.sleep(Math.max(0, 1000 - (System.nanoTime() - t0) / 1_000_000));
        }
        print("delta_bytes_per_s", pushed / 10);
        print("poll_bytes_per_s", polled / 10);
        c.call("shutdown", null);
        p.waitFor(60, TimeUnit.SECONDS);
    }

    private static void setUp(Path state, Path data, int n) throws Exception {
        List<ManyTorrents.Item> items = ManyTorrents.create(data, n, 0);
        try (StateDir dir = StateDir.open(StateDir.Locations.single(state))) {
            try (TorrentManager m = TorrentManager.open(
                    dir, ManagerOptions.defaults().withOverrides(s -> ManyTorrents.unqueued(s, data)))) {
                ManyTorrents.addAll(m, data, items);
                // What the child runs with: loopback only, no queue, so every torrent is active.
                Settings s = ManyTorrents.unqueued(m.settings(), data);
                new SettingsFile(dir.settingsFile()).save(s);
            }
        }
    }

    private static long percentile(long[] values, int p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static void print(String key, Object value) {
        System.out.println(key + " " + value);
    }

    /** Sequential calls over the child's stdin/stdout. */
    private static final class Client {
        private final OutputStream in;
        private final BlockingQueue<String> lines;
        private int nextId = 1;

        Client(OutputStream in, BlockingQueue<String> lines) {
            this.in = in;
            this.lines = lines;
        }

        JsonNode call(String method, String params) throws Exception {
            return RpcClient.JSON.readTree(raw(method, params));
        }

        long callBytes(String method, String params) throws Exception {
            return raw(method, params).length();
        }

        private String raw(String method, String params) throws Exception {
            int id = nextId++;
            in.write(("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\""
                            + (params == null ? "" : ",\"params\":" + params) + "}\n")
                    .getBytes(StandardCharsets.UTF_8));
            in.flush();
            String line = lines.poll(60, TimeUnit.SECONDS);
            if (line == null) throw new AssertionError("no reply to " + method);
            return line;
        }
    }
}
