package dev.torpeddo.backend.cli;

import dev.torpeddo.backend.logging.LogSetup;
import dev.torpeddo.backend.manager.AddOptions;
import dev.torpeddo.backend.manager.AddSource;
import dev.torpeddo.backend.manager.ManagerEvent;
import dev.torpeddo.backend.manager.ManagerException;
import dev.torpeddo.backend.manager.ManagerOptions;
import dev.torpeddo.backend.manager.Settings;
import dev.torpeddo.backend.manager.StateDir;
import dev.torpeddo.backend.manager.TorrentManager;
import dev.torpeddo.backend.manager.TorrentOptionsChange;
import dev.torpeddo.backend.manager.TorrentSnapshot;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The shared body of {@code download} and {@code seed}: console work only. The torrent runs in a
 * {@link TorrentManager} on the state directory, which keeps its resume record, so a run stopped midway carries on
 * where it stopped; this class shows progress and decides when the command is done.
 */
final class TorrentRun {
    private final TorrentOptions options;
    private final PrintStream out;
    private final PrintStream err;

    private Path saveTorrent;

    /** Where to write the .torrent once a magnet's metadata arrives (null: nowhere). */
    TorrentRun saveTorrentTo(Path file) {
        this.saveTorrent = file;
        return this;
    }

    TorrentRun(TorrentOptions options, PrintStream out, PrintStream err) {
        this.options = options;
        this.out = out;
        this.err = err;
    }

    private AddSource source() {
        return options.source.regionMatches(true, 0, "magnet:", 0, 7)
                ? new AddSource.Magnet(options.source)
                : new AddSource.TorrentFile(options.torrentPath());
    }

    /** This run's settings on top of the saved ones, never saved: only this torrent runs, as the options say. */
    private Settings overrides(Settings s) {
        Settings.Discovery d = s.discovery();
        return new Settings(
                options.dir.toAbsolutePath().toString(),
                options.port,
                new Settings.RateLimits(options.downloadLimit, options.uploadLimit),
                s.altLimits(),
                false,
                new Settings.Queue(
                        false, -1, -1, -1, s.queue().slowRate(), s.queue().stalledSeconds()),
                new Settings.ShareLimits(-1, -1, Settings.ShareAction.PAUSE),
                s.connections(),
                new Settings.Discovery(d.dht() && !options.noDht, d.pex(), d.lsd() && !options.noLsd),
                s.protocols());
    }

    /**
     * Runs until the torrent is complete ({@code untilComplete}) or forever (seeding, stopped by a signal).
     *
     * @return the exit code
     */
    int run(boolean untilComplete, Map<Integer, Integer> priorities, boolean sequential) throws Exception {
        LogSetup.console(options.verbose);
        TorrentManager.SourceInfo info;
        try {
            info = TorrentManager.inspect(source());
            Files.createDirectories(options.dir);
            if (!Files.isDirectory(options.dir)) throw new IOException(options.dir + ": not a directory");
        } catch (ManagerException e) {
            err.println("torpeddo: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("torpeddo: cannot create " + options.dir + ": " + e.getMessage());
            return 2;
        }
        AddOptions add;
        ManagerOptions managerOptions;
        try {
            for (int file : priorities.keySet()) {
                if (!info.magnet() && file >= info.fileCount())
                    throw new IllegalArgumentException(
                            "--skip-file " + file + ": the torrent has " + info.fileCount() + " files");
            }
            add = AddOptions.defaults()
                    .with(b -> b.savePath(options.dir)
                            .peers(options.peerAddresses())
                            .filePriorities(priorities)
                            .sequential(sequential)
                            .useTrackers(!options.noTrackers));
            managerOptions = ManagerOptions.defaults()
                    .withOverrides(this::overrides)
                    .withDhtBootstrap(options.dhtBootstrapAddresses())
                    .withRestore(info.id()::equals);
        } catch (IllegalArgumentException e) {
            err.println("torpeddo: " + e.getMessage());
            return 2;
        }
        StateDir.Locations where =
                options.stateDir.map(StateDir.Locations::single).orElseGet(StateDir.Locations::forThisUser);
        Optional<StateDir> opened = StateDir.openOrExplain(where, err);
        if (opened.isEmpty()) return 2;
        StateDir stateDir = opened.get();
        TorrentManager manager;
        try {
            manager = TorrentManager.open(stateDir, managerOptions);
        } catch (BindException e) {
            stateDir.close();
            err.println("torpeddo: port " + options.port + " is in use; pick another with --port");
            return 2;
        } catch (IOException | RuntimeException e) {
            stateDir.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            closeQuietly(manager, stateDir);
            stopped.countDown();
        });
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return watch(manager, info, add, untilComplete, priorities, sequential, stopped);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
                closeQuietly(manager, stateDir);
            } catch (IllegalStateException shuttingDown) {
                // the hook is already saving and closing
            }
        }
    }

    private static void closeQuietly(TorrentManager manager, StateDir dir) {
        manager.close();
        try {
            dir.close();
        } catch (IOException ignored) {
            // the lock goes with the process anyway
        }
    }

    private int watch(
            TorrentManager manager,
            TorrentManager.SourceInfo info,
            AddOptions add,
            boolean untilComplete,
            Map<Integer, Integer> priorities,
            boolean sequential,
            CountDownLatch stopped)
            throws Exception {
        ProgressView view = ProgressView.forConsole(out);
        Semaphore wake = new Semaphore(0);
        String id = info.id();
        manager.subscribe(e -> {
            if (!e.id().equals(id)) return;
            switch (e) {
                case ManagerEvent.StateChanged s -> wake.release();
                case ManagerEvent.Failed f -> {
                    view.note("error: " + f.message());
                    wake.release();
                }
                case ManagerEvent.PeerBanned b -> view.note("banned " + b.address() + ": " + b.reason());
                case ManagerEvent.TrackerStatus t -> {
                    if (!t.ok()) view.note("tracker " + t.url() + ": " + t.message());
                }
                case ManagerEvent.MetadataReceived m -> {
                    view.note("metadata: " + m.name() + " (" + m.fileCount() + " files, " + Units.bytes(m.totalBytes())
                            + ")");
                    saveTorrentFile(manager, id, view);
                }
                default -> {}
            }
        });
        Optional<TorrentSnapshot> before = current(manager, id);
        if (before.isPresent()
                && !Path.of(before.get().savePath())
                        .equals(options.dir.toAbsolutePath().normalize())) {
            manager.remove(List.of(id), false); // kept for another directory: start over here, keeping its files
            before = Optional.empty();
        }
        try {
            if (before.isEmpty()) {
                manager.add(source(), add);
            } else {
                view.note("carrying on from the last run (state in "
                        + options.stateDir.map(Path::toString).orElse("the per-user state directory") + ")");
                manager.resume(List.of(id));
                manager.setTorrentOptions(List.of(id), sequentialChange(sequential));
                if (!priorities.isEmpty() && !info.magnet()) manager.setFilePriorities(id, priorities);
            }
        } catch (ManagerException e) {
            err.println("torpeddo: " + e.getMessage());
            return 2;
        }
        view.note((untilComplete ? "downloading " : "seeding ") + label(info) + " on port "
                + manager.sessionStatus().listenAddresses().stream()
                        .findFirst()
                        .map(a -> a.substring(a.lastIndexOf(':') + 1))
                        .orElse("?"));
        while (true) {
            TorrentSnapshot s = current(manager, id).orElseThrow();
            view.update(s);
            if (s.state().equals("error")) {
                view.finish(s);
                err.println("torpeddo: " + (s.error() == null ? "torrent stopped by an error" : s.error()));
                return 1;
            }
            if (untilComplete && s.complete()) {
                view.finish(s);
                out.println("done: " + s.name() + " verified in " + options.dir);
                return 0;
            }
            if (stopped.getCount() == 0) return 130;
            if (wake.tryAcquire(view.refreshMillis(), TimeUnit.MILLISECONDS)) wake.drainPermits();
        }
    }

    private static TorrentOptionsChange sequentialChange(boolean sequential) {
        TorrentOptionsChange none = TorrentOptionsChange.none();
        return new TorrentOptionsChange(
                Optional.of(sequential),
                none.firstLastPieces(),
                none.downloadLimit(),
                none.uploadLimit(),
                none.ratioLimit(),
                none.seedingMinutesLimit(),
                none.maxPeers(),
                none.uploadSlots(),
                none.category(),
                none.tags());
    }

    private static Optional<TorrentSnapshot> current(TorrentManager manager, String id) {
        try {
            return Optional.of(manager.status(List.of(id)).getFirst());
        } catch (ManagerException unknown) {
            return Optional.empty();
        }
    }

    private void saveTorrentFile(TorrentManager manager, String id, ProgressView view) {
        if (saveTorrent == null) return;
        try {
            Files.write(saveTorrent, manager.torrentFile(id).orElseThrow());
            view.note("saved " + saveTorrent);
        } catch (IOException | ManagerException | RuntimeException bad) {
            view.note("cannot save " + saveTorrent + ": " + bad.getMessage());
        }
    }

    private static String label(TorrentManager.SourceInfo info) {
        if (info.magnet()) return info.name() + " (magnet link)";
        return info.name() + " (" + info.fileCount() + " files, " + Units.bytes(info.totalBytes()) + ")";
    }
}
