package dev.torpeddo.backend.cli;

import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Routes the engine's System.Logger output (java.util.logging underneath) to stderr, one line per record,
 * so stdout stays free for progress now and for the JSON-RPC protocol later.
 */
final class Logging {
    // java.util.logging holds loggers weakly: keep ours so its level sticks.
    private static final Logger TORPEDDO = Logger.getLogger("dev.torpeddo");

    private static final long START_MILLIS = System.currentTimeMillis();

    private Logging() {}

    static void configure(boolean verbose) {
        Logger root = Logger.getLogger("");
        for (var h : root.getHandlers()) root.removeHandler(h);
        ConsoleHandler handler = new ConsoleHandler(); // writes to System.err
        handler.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord r) {
                String msg = formatMessage(r);
                String thrown = r.getThrown() == null ? "" : " (" + r.getThrown() + ")";
                double seconds = (r.getMillis() - START_MILLIS) / 1000.0;
                return String.format("[%8.3f] ", seconds) + r.getLevel() + " " + shortName(r.getLoggerName()) + ": "
                        + msg + thrown + System.lineSeparator();
            }
        });
        // --verbose shows the engine's own debug lines, not the JDK's.
        handler.setLevel(verbose ? Level.FINE : Level.WARNING);
        root.setLevel(Level.WARNING);
        TORPEDDO.setLevel(verbose ? Level.FINE : Level.WARNING);
        root.addHandler(handler);
    }

    private static String shortName(String logger) {
        return logger == null ? "" : logger.substring(logger.lastIndexOf('.') + 1);
    }
}
