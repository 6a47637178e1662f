package dev.torpeddo.backend.manager;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The TorrentManager benchmark's Java side ({@code bench/manager.sh} runs it in a fresh JVM per measurement):
 *
 * <pre>
 * ManagerBench setup   WORK N     N small torrents (half finished, half not), added and saved, queue off
 * ManagerBench restart WORK N     one restart: prints restart_ms (open until every torrent runs again)
 * ManagerBench memory  WORK N     prints heap after GC with no torrents, with the N back, and per torrent
 * </pre>
 *
 * Loopback only, no DHT or LSD, no trackers or peers: every torrent is idle once running.
 */
public final class ManagerBench {
    private ManagerBench() {}

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[1]).toAbsolutePath();
        int n = Integer.parseInt(args[2]);
        switch (args[0]) {
            case "setup" -> setup(work, n);
            case "restart" -> restart(work, n);
            case "memory" -> memory(work, n);
            default -> throw new IllegalArgumentException("setup, restart or memory");
        }
        // Threads of closed managers (the engine's pools wind down on their own) must not hold the JVM.
        System.exit(0);
    }

    private static ManagerFixture.Open open(Path state, Path data) throws Exception {
        StateDir dir = StateDir.open(StateDir.Locations.single(state));
        TorrentManager m =
                TorrentManager.open(dir, ManagerOptions.defaults().withOverrides(s -> ManyTorrents.unqueued(s, data)));
        return new ManagerFixture.Open(dir, m);
    }

    private static void setup(Path work, int n) throws Exception {
        long start = System.nanoTime();
        Path data = work.resolve("data");
        List<ManyTorrents.Item> items = ManyTorrents.create(data, n, 0);
        try (var open = open(work.resolve("state"), data)) {
            Map<String, TorrentState> expected = ManyTorrents.addAll(open.manager(), data, items);
            awaitRunning(open.manager(), expected);
            Files.writeString(work.resolve("expected.txt"), serialize(expected));
        }
        System.out.printf("setup_ms %d%n", (System.nanoTime() - start) / 1_000_000);
    }

    private static void restart(Path work, int n) throws Exception {
        Map<String, TorrentState> expected = expected(work, n);
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long start = System.nanoTime();
        var open = open(work.resolve("state"), work.resolve("data"));
        long opened = System.nanoTime();
        awaitRunning(open.manager(), expected);
        long running = System.nanoTime();
        System.out.printf(
                "restart_ms %d%nopen_ms %d%njvm_start_to_running_ms %d%n",
                (running - start) / 1_000_000, (opened - start) / 1_000_000, System.currentTimeMillis() - jvmStart);
        long closing = System.nanoTime();
        open.close();
        System.out.printf("close_ms %d%n", (System.nanoTime() - closing) / 1_000_000);
    }

    private static void memory(Path work, int n) throws Exception {
        Path empty = work.resolve("empty-state");
        long none;
        try (var open = open(empty, work.resolve("data"))) {
            Thread.sleep(2000); // let the engine's start-up settle
            none = heapAfterGc();
            if (!open.manager().status(List.of()).isEmpty()) throw new IllegalStateException("not empty");
        }
        Map<String, TorrentState> expected = expected(work, n);
        long all;
        try (var open = open(work.resolve("state"), work.resolve("data"))) {
            awaitRunning(open.manager(), expected);
            Thread.sleep(3000); // a few housekeeping rounds and heartbeats: idle, not starting up
            all = heapAfterGc();
        }
        System.out.printf(
                "heap_empty_kib %d%nheap_with_n_kib %d%nper_torrent_kib %.1f%n",
                none >> 10, all >> 10, (all - none) / 1024.0 / n);
    }

    private static long heapAfterGc() throws InterruptedException {
        var memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static void awaitRunning(TorrentManager m, Map<String, TorrentState> expected) throws Exception {
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (ManyTorrents.notYet(m, expected) > 0) {
            if (System.nanoTime() > deadline)
                throw new AssertionError(ManyTorrents.notYet(m, expected) + " torrents not back after 300 s");
            Thread.sleep(20);
        }
    }

    private static String serialize(Map<String, TorrentState> expected) {
        StringBuilder out = new StringBuilder();
        expected.forEach((id, state) -> out.append(id).append(' ').append(state).append('\n'));
        return out.toString();
    }

    private static Map<String, TorrentState> expected(Path work, int n) throws Exception {
        Map<String, TorrentState> out = new HashMap<>();
        for (String line : Files.readAllLines(work.resolve("expected.txt"))) {
            String[] parts = line.split(" ");
            out.put(parts[0], TorrentState.valueOf(parts[1]));
        }
        if (out.size() != n) throw new IllegalStateException("set up for " + out.size() + " torrents, not " + n);
        return out;
    }
}
