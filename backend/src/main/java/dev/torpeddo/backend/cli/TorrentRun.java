package dev.torpeddo.backend.cli;

import dev.torpeddo.engine.api.AddMagnet;
import dev.torpeddo.engine.api.AddTorrent;
import dev.torpeddo.engine.api.DhtOptions;
import dev.torpeddo.engine.api.LsdOptions;
import dev.torpeddo.engine.api.SessionConfig;
import dev.torpeddo.engine.api.TorrentEvent;
import dev.torpeddo.engine.api.TorrentState;
import dev.torpeddo.engine.api.TorrentStatus;
import dev.torpeddo.engine.magnet.MagnetException;
import dev.torpeddo.engine.magnet.MagnetLink;
import dev.torpeddo.engine.magnet.MagnetParser;
import dev.torpeddo.engine.metainfo.Metainfo;
import dev.torpeddo.engine.metainfo.MetainfoException;
import dev.torpeddo.engine.metainfo.MetainfoParser;
import dev.torpeddo.engine.session.Session;
import dev.torpeddo.engine.session.TorrentHandle;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The shared body of {@code download} and {@code seed}: load, add, show progress until done or stopped. */
final class TorrentRun {
    /** Thrown for problems the user can fix (bad file, busy port): exit code 2 and a one-line message. */
    static final class UserError extends Exception {
        UserError(String message) {
            super(message);
        }
    }

    private final TorrentOptions options;
    private final PrintStream out;
    private final PrintStream err;

    private java.nio.file.Path saveTorrent;

    /** Where to write the .torrent once a magnet's metadata arrives (null: nowhere). */
    TorrentRun saveTorrentTo(java.nio.file.Path file) {
        this.saveTorrent = file;
        return this;
    }

    TorrentRun(TorrentOptions options, PrintStream out, PrintStream err) {
        this.options = options;
        this.out = out;
        this.err = err;
    }

    /** What the user asked for: a .torrent file's metadata, or a magnet link that must fetch it. */
    sealed interface Source permits TorrentSource, MagnetSource {
        String label();
    }

    record TorrentSource(Metainfo meta) implements Source {
        @Override
        public String label() {
            return meta.name() + " (" + meta.files().size() + " files, " + Units.bytes(meta.totalLength()) + ")";
        }
    }

    record MagnetSource(MagnetLink magnet) implements Source {
        @Override
        public String label() {
            return magnet.displayName().orElse(magnet.infoHash().hex()) + " (magnet link)";
        }
    }

    static Source resolve(TorrentOptions options) throws UserError {
        if (options.source.regionMatches(true, 0, "magnet:", 0, 7)) {
            try {
                return new MagnetSource(MagnetParser.parse(options.source));
            } catch (MagnetException e) {
                throw new UserError("not a valid magnet link: " + e.getMessage());
            }
        }
        return new TorrentSource(load(options));
    }

    static Metainfo load(TorrentOptions options) throws UserError {
        byte[] bytes;
        try {
            long size = Files.size(options.torrentPath());
            if (size > 64L << 20) throw new UserError(options.torrentPath() + ": too large for a .torrent file");
            bytes = Files.readAllBytes(options.torrentPath());
        } catch (NoSuchFileException e) {
            throw new UserError(options.torrentPath() + ": no such file");
        } catch (IOException e) {
            throw new UserError(options.torrentPath() + ": " + e.getMessage());
        }
        try {
            return MetainfoParser.parse(bytes);
        } catch (MetainfoException e) {
            throw new UserError(options.torrentPath() + ": not a valid torrent: " + e.getMessage());
        }
    }

    /** The routing table kept between runs, so the next start does not need the bootstrap routers. */
    private static java.nio.file.Path dhtStateFile() {
        String xdg = System.getenv("XDG_STATE_HOME");
        java.nio.file.Path base = xdg != null && !xdg.isBlank()
                ? java.nio.file.Path.of(xdg)
                : java.nio.file.Path.of(System.getProperty("user.home"), ".local", "state");
        return base.resolve("torpeddo").resolve("dht-state.dat");
    }

    /**
     * Runs until the torrent is complete ({@code untilComplete}) or forever (seeding, stopped by a signal).
     *
     * @return the exit code
     */
    int run(boolean untilComplete, Map<Integer, Integer> priorities, boolean sequential) throws Exception {
        Logging.configure(options.verbose);
        Source source;
        try {
            source = resolve(options);
            Files.createDirectories(options.dir);
            if (!Files.isDirectory(options.dir)) throw new UserError(options.dir + ": not a directory");
        } catch (UserError e) {
            err.println("torpeddo: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("torpeddo: cannot create " + options.dir + ": " + e.getMessage());
            return 2;
        }
        List<java.net.InetSocketAddress> peers;
        List<java.net.InetSocketAddress> dhtBootstrap;
        try {
            peers = options.peerAddresses();
            dhtBootstrap = options.dhtBootstrapAddresses();
            if (source instanceof TorrentSource(Metainfo meta)) {
                AddTorrent.of(meta, options.dir).with(b -> b.filePriorities(priorities)); // validates file indexes now
            }
        } catch (IllegalArgumentException e) {
            err.println("torpeddo: " + e.getMessage());
            return 2;
        }
        SessionConfig config = SessionConfig.defaults()
                .with(b -> b.listenPort(options.port)
                        .downloadLimit(options.downloadLimit)
                        .uploadLimit(options.uploadLimit));
        if (options.noLsd) config = config.with(b -> b.lsd(LsdOptions.DISABLED));
        if (options.noDht) {
            config = config.with(b -> b.dht(DhtOptions.DISABLED));
        } else {
            DhtOptions dht = dhtBootstrap.isEmpty() ? DhtOptions.DEFAULT : DhtOptions.bootstrapFrom(dhtBootstrap);
            DhtOptions withState = dht.withStateFile(dhtStateFile());
            config = config.with(b -> b.dht(withState));
        }
        Session session;
        try {
            session = Session.start(config);
        } catch (BindException e) {
            err.println("torpeddo: port " + options.port + " is in use; pick another with --port");
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            session.close();
            stopped.countDown();
        });
        Runtime.getRuntime().addShutdownHook(hook);
        ProgressView view = ProgressView.forConsole(out);
        try {
            // Wake the loop at once on any state change, so a finished download exits without waiting.
            java.util.concurrent.Semaphore wake = new java.util.concurrent.Semaphore(0);
            session.addListener(e -> {
                if (e instanceof TorrentEvent.StateChanged || e instanceof TorrentEvent.Failed) wake.release();
            });
            TorrentHandle handle = switch (source) {
                case TorrentSource(Metainfo meta) ->
                    session.add(AddTorrent.of(meta, options.dir)
                            .with(b -> b.peers(peers)
                                    .filePriorities(priorities)
                                    .sequential(sequential)
                                    .useTrackers(!options.noTrackers)));
                case MagnetSource(MagnetLink magnet) ->
                    session.addMagnet(AddMagnet.of(magnet, options.dir)
                            .with(b -> b.peers(peers).sequential(sequential).useTrackers(!options.noTrackers)));
            };
            session.addListener(e -> {
                if (e instanceof TorrentEvent.PeerBanned b) view.note("banned " + b.peer() + ": " + b.reason());
                if (e instanceof TorrentEvent.TrackerFailed t) view.note("tracker " + t.tracker() + ": " + t.message());
                if (e instanceof TorrentEvent.MetadataReceived m) {
                    view.note("metadata: " + m.name() + " (" + m.fileCount() + " files, " + Units.bytes(m.totalBytes())
                            + ")");
                    if (saveTorrent != null) {
                        try {
                            Files.write(saveTorrent, handle.torrentFile().orElseThrow());
                            view.note("saved " + saveTorrent);
                        } catch (IOException | RuntimeException bad) {
                            view.note("cannot save " + saveTorrent + ": " + bad.getMessage());
                        }
                    }
                    // Files chosen on the command line apply as soon as the file list is known.
                    priorities.forEach((file, prio) -> {
                        try {
                            handle.setFilePriority(file, prio);
                        } catch (IllegalArgumentException bad) {
                            view.note("--skip-file " + file + ": " + bad.getMessage());
                        }
                    });
                }
            });
            view.note((untilComplete ? "downloading " : "seeding ") + source.label() + " on port "
                    + session.listenPort());
            while (true) {
                TorrentStatus s = handle.status();
                view.update(s);
                if (s.state() == TorrentState.ERROR) {
                    view.finish(s);
                    err.println("torpeddo: " + s.error().orElse("torrent stopped by an error"));
                    return 1;
                }
                if (untilComplete && s.isComplete()) {
                    view.finish(s);
                    out.println("done: " + s.name() + " verified in " + options.dir);
                    return 0;
                }
                if (stopped.getCount() == 0) return 130;
                if (wake.tryAcquire(view.refreshMillis(), TimeUnit.MILLISECONDS)) wake.drainPermits();
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
                session.close();
            } catch (IllegalStateException shuttingDown) {
                // the hook is already closing the session
            }
        }
    }
}
