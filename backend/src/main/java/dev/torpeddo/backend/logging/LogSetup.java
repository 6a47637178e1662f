package dev.torpeddo.backend.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Where the program's logs go (Logback, configured here in code; the engine's System.Logger reaches it through
 * slf4j-jdk-platform-logging). No configuration made here ever writes to stdout: the command line prints its
 * progress there and {@code torpeddo rpc} its protocol.
 */
public final class LogSetup {
    /** The rotating log file of {@code torpeddo rpc}, in the state directory's log directory. */
    public static final String LOG_FILE = "torpeddo.log";

    static final long MAX_FILE_BYTES = 10L << 20;
    static final int KEPT_FILES = 5;
    private static final long START_MILLIS = System.currentTimeMillis();

    private LogSetup() {}

    /**
     * The command line's console: warnings and errors on stderr; with {@code verbose} the program's own debug
     * lines too (not the JDK's).
     */
    public static void console(boolean verbose) {
        LoggerContext context = reset();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(stderr(context));
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
        context.getLogger("dev.torpeddo").setLevel(verbose ? Level.DEBUG : Level.WARN);
    }

    /**
     * {@code torpeddo rpc}: the program's information, warnings and errors on stderr (for whoever started it)
     * and in {@code logDir/torpeddo.log}, which rolls over at 10 MiB keeping five old files.
     */
    public static void rpc(Path logDir) {
        LoggerContext context = reset();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(stderr(context));
        root.addAppender(file(context, logDir));
        root.setLevel(Level.WARN);
        context.getLogger("dev.torpeddo").setLevel(Level.INFO);
    }

    /** Until the program configures logging (and in tests): warnings and errors on stderr. */
    static void defaults(LoggerContext context) {
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(stderr(context));
        root.setLevel(Level.WARN);
    }

    private static LoggerContext reset() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        return context;
    }

    private static ConsoleAppender<ILoggingEvent> stderr(LoggerContext context) {
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        ConsoleLayout layout = new ConsoleLayout(START_MILLIS);
        layout.setContext(context);
        layout.start();
        encoder.setLayout(layout);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName("stderr");
        appender.setTarget("System.err"); // never System.out, whatever happens
        appender.setEncoder(encoder);
        appender.start();
        return appender;
    }

    private static RollingFileAppender<ILoggingEvent> file(LoggerContext context, Path logDir) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger: %msg%n");
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName("file");
        appender.setFile(logDir.resolve(LOG_FILE).toString());
        appender.setEncoder(encoder);
        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(appender);
        rolling.setFileNamePattern(logDir.resolve("torpeddo.%i.log").toString());
        rolling.setMinIndex(1);
        rolling.setMaxIndex(KEPT_FILES);
        rolling.start();
        SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(new FileSize(MAX_FILE_BYTES));
        trigger.start();
        appender.setRollingPolicy(rolling);
        appender.setTriggeringPolicy(trigger);
        appender.start(); // creates the directory; if it cannot, Logback reports it on its status (stderr) and drops
        return appender;
    }
}
