package dev.torpeddo.backend.manager;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A manager in a process of its own, for tests that kill it ({@code interop/ManagerCrashIT}): opens the state
 * directory on loopback (any free port, no DHT, no LSD) with its own housekeeping thread, adds what the
 * arguments say, then prints every torrent's {@link TorrentSnapshot} as one JSON line a second until killed.
 *
 * <pre>
 * ManagerHarness --state DIR [--download-limit BYTES_PER_S]
 *                [--torrent FILE SAVE_DIR]... [--paused-torrent FILE SAVE_DIR]... [--magnet URI SAVE_DIR]...
 * </pre>
 *
 * Lines: {@code problem TEXT} for each start-up problem, {@code added ID}, {@code ready}, then {@code status JSON}.
 */
public final class ManagerHarness {
    private ManagerHarness() {}

    private record Add(AddSource source, Path saveDir, boolean paused) {}

    public static void main(String[] args) throws Exception {
        Path state = null;
        long downloadLimit = 0;
        List<Add> adds = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--state" -> state = Path.of(args[++i]);
                case "--download-limit" -> downloadLimit = Long.parseLong(args[++i]);
                case "--torrent" ->
                    adds.add(new Add(new AddSource.TorrentFile(Path.of(args[++i])), Path.of(args[++i]), false));
                case "--paused-torrent" ->
                    adds.add(new Add(new AddSource.TorrentFile(Path.of(args[++i])), Path.of(args[++i]), true));
                case "--magnet" -> adds.add(new Add(new AddSource.Magnet(args[++i]), Path.of(args[++i]), false));
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        if (state == null) throw new IllegalArgumentException("--state DIR is required");
        long limit = downloadLimit;
        Path downloads = state.resolve("downloads");
        StateDir dir = StateDir.open(StateDir.Locations.single(state));
        TorrentManager m = TorrentManager.open(dir, ManagerOptions.defaults().withOverrides(s -> {
            Settings l = ManagerFixture.loopback(s, downloads);
            return new Settings(
                    l.defaultSavePath(),
                    l.listenPort(),
                    new Settings.RateLimits(limit, 0),
                    l.altLimits(),
                    false,
                    l.queue(),
                    l.shareLimits(),
                    l.connections(),
                    l.discovery(),
                    l.protocols());
        }));
        for (String p : m.startupProblems()) System.out.println("problem " + p);
        for (Add a : adds) {
            AddResult r = m.add(
                    a.source(),
                    AddOptions.defaults().with(b -> b.savePath(a.saveDir()).paused(a.paused())));
            System.out.println("added " + r.id());
        }
        System.out.println("ready");
        System.out.flush();
        while (true) {
            for (TorrentSnapshot s : m.status(List.of())) {
                System.out.println("status " + SettingsFile.JSON.writeValueAsString(s));
            }
            System.out.flush();
            Thread.sleep(1000);
        }
    }
}
