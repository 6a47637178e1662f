package dev.torpeddo.backend.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code torpeddo} program. Exit codes: 0 done, 1 failed while running, 2 bad usage or input. */
@Command(
        name = "torpeddo",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "A BitTorrent client. Downloads and seeds torrents from the command line.",
        subcommands = {DownloadCommand.class, SeedCommand.class, CommandLine.HelpCommand.class},
        exitCodeOnInvalidInput = 2,
        exitCodeOnExecutionException = 1)
public final class Main implements Runnable {

    public static void main(String[] args) {
        Logging.configure(false);
        System.exit(run(args));
    }

    /** Runs the command line without exiting the JVM (for tests). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("torpeddo: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    static String version() {
        try (InputStream in = Main.class.getResourceAsStream("/dev/torpeddo/backend/version.properties")) {
            Properties p = new Properties();
            if (in != null) p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"torpeddo " + version(), "Java " + Runtime.version()};
        }
    }
}
