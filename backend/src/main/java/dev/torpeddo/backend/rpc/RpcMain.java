package dev.torpeddo.backend.rpc;

import dev.torpeddo.backend.Version;
import dev.torpeddo.backend.logging.LogSetup;
import dev.torpeddo.backend.manager.ManagerOptions;
import dev.torpeddo.backend.manager.StateDir;
import dev.torpeddo.backend.manager.TorrentManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code torpeddo rpc [--state-dir DIR]}: the manager on the state directory, served as JSON-RPC 2.0 over
 * stdin/stdout until stdin ends or a {@code shutdown} request; then every resume record is saved. Exit codes: 0
 * after a clean shutdown, 2 for bad usage, a state directory in use or a port in use.
 */
public final class RpcMain {
    static final String USAGE = """
            Usage: torpeddo rpc [--state-dir DIR]
            Serve the JSON-RPC 2.0 bridge on stdin/stdout, one JSON message per line (see docs/rpc.md).
              --state-dir DIR  Keep settings, torrents and resume records here (default: the per-user state
                               directory).
              -h, --help       Show this help message and exit.
            """;

    private RpcMain() {}

    public static int run(String[] args, InputStream in, OutputStream protocol, PrintStream err) {
        StateDir.Locations where = StateDir.Locations.forThisUser();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-h", "--help" -> {
                    err.print(USAGE); // stdout is the protocol's, even for help
                    return 0;
                }
                case "--state-dir" -> {
                    if (i + 1 == args.length) return usage(err, "--state-dir needs a directory");
                    try {
                        where = StateDir.Locations.single(Path.of(args[++i]));
                    } catch (InvalidPathException e) {
                        return usage(err, "--state-dir " + args[i] + ": " + e.getReason());
                    }
                }
                default -> {
                    return usage(err, "unknown option: " + args[i]);
                }
            }
        }
        Optional<StateDir> opened = StateDir.openOrExplain(where, err);
        if (opened.isEmpty()) return 2;
        try (StateDir dir = opened.get()) {
            // Logs to the state directory only once it is ours: a second backend, refused above, leaves them be.
            LogSetup.rpc(dir.logDir());
            TorrentManager manager;
            try {
                manager = TorrentManager.open(dir, ManagerOptions.defaults());
            } catch (BindException e) {
                err.println("torpeddo: the listen port is in use: " + e.getMessage() + " (change listen_port in "
                        + dir.settingsFile() + ")");
                return 2;
            }
            for (String problem : manager.startupProblems()) err.println("torpeddo: " + problem);
            try (manager;
                    RpcServer server = new RpcServer(manager, in, protocol, Version.current())) {
                server.serve();
            }
            return 0;
        } catch (IOException e) {
            err.println("torpeddo: " + e.getMessage());
            return 1;
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.println("torpeddo: " + problem);
        err.println("Try 'torpeddo rpc --help' for more information.");
        return 2;
    }
}
