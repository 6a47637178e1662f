package dev.torpeddo.backend.cli;

import dev.torpeddo.backend.logging.LogSetup;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/** The {@code torpeddo} program. Exit codes: 0 done, 1 failed while running, 2 bad usage or input. */
public final class Main {
    private static final List<Arguments.Spec> COMMANDS = List.of(DownloadCommand.SPEC, SeedCommand.SPEC);

    private Main() {}

    public static void main(String[] args) {
        LogSetup.console(false);
        System.exit(run(args));
    }

    /** Runs the command line without exiting the JVM (for tests). */
    public static int run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        String command = args.length == 0 ? "--help" : args[0];
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        Arguments.Spec spec = null;
        try {
            switch (command) {
                case "-h", "--help" -> {
                    out.print(usage());
                    return 0;
                }
                case "-V", "--version" -> {
                    out.println("torpeddo " + version());
                    out.println("Java " + Runtime.version());
                    return 0;
                }
                case "help" -> {
                    out.print(rest.length == 0 ? usage() : spec(rest[0]).usage());
                    return 0;
                }
                default -> spec = spec(command);
            }
            Arguments parsed = Arguments.parse(spec, rest);
            if (parsed.flag("--help")) {
                out.print(spec.usage());
                return 0;
            }
            return spec.name().equals("download") ? DownloadCommand.run(parsed) : SeedCommand.run(parsed);
        } catch (UsageException e) {
            err.println("torpeddo: " + e.getMessage());
            err.println("Try 'torpeddo " + (spec == null ? "" : spec.name() + " ") + "--help' for more information.");
            return 2;
        } catch (Exception e) {
            err.println("torpeddo: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        }
    }

    private static Arguments.Spec spec(String name) throws UsageException {
        for (Arguments.Spec s : COMMANDS) if (s.name().equals(name)) return s;
        throw new UsageException("unknown command: " + name);
    }

    private static String usage() {
        StringBuilder b = new StringBuilder();
        b.append("Usage: torpeddo [-hV] COMMAND\n");
        b.append("A BitTorrent client. Downloads and seeds torrents from the command line.\n\n");
        b.append(String.format("  %-14s %s%n", "-h, --help", "Show this help message and exit."));
        b.append(String.format("  %-14s %s%n", "-V, --version", "Print version information and exit."));
        b.append("Commands:\n");
        for (Arguments.Spec s : COMMANDS)
            b.append(String.format("  %-14s %s%n", s.name(), s.description().getFirst()));
        b.append(String.format(
                "  %-14s %s%n", "rpc", "Serve the JSON-RPC bridge on stdin/stdout (torpeddo rpc --help)."));
        b.append(String.format("  %-14s %s%n", "help", "Show the help of a command: torpeddo help download."));
        return b.toString();
    }

    static String version() {
        return dev.torpeddo.backend.Version.current();
    }
}
