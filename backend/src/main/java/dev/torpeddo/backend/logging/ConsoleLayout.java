package dev.torpeddo.backend.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.LayoutBase;

/**
 * The console's log line, as the command line has always printed it: seconds since start, the level by its
 * java.util.logging name (the engine logs through System.Logger, whose levels those are), the logger's short
 * name, the message, and an exception's one-line summary.
 */
final class ConsoleLayout extends LayoutBase<ILoggingEvent> {
    private final long startMillis;

    ConsoleLayout(long startMillis) {
        this.startMillis = startMillis;
    }

    @Override
    public String doLayout(ILoggingEvent e) {
        IThrowableProxy t = e.getThrowableProxy();
        String thrown =
                t == null ? "" : " (" + t.getClassName() + (t.getMessage() == null ? "" : ": " + t.getMessage()) + ")";
        double seconds = (e.getTimeStamp() - startMillis) / 1000.0;
        return String.format("[%8.3f] ", seconds) + julName(e.getLevel()) + " " + shortName(e.getLoggerName()) + ": "
                + e.getFormattedMessage() + thrown + System.lineSeparator();
    }

    /** slf4j-jdk-platform-logging maps ERROR, WARNING, INFO, DEBUG, TRACE one to one; these are their JUL names. */
    private static String julName(Level level) {
        return switch (level.toInt()) {
            case Level.ERROR_INT -> "SEVERE";
            case Level.WARN_INT -> "WARNING";
            case Level.INFO_INT -> "INFO";
            case Level.DEBUG_INT -> "FINE";
            default -> "FINER";
        };
    }

    private static String shortName(String logger) {
        return logger == null ? "" : logger.substring(logger.lastIndexOf('.') + 1);
    }
}
