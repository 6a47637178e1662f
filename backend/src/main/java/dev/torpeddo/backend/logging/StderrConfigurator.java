package dev.torpeddo.backend.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logback's configuration before the program makes its own (found through the service loader, ahead of
 * logback.xml and of Logback's default, which writes to stdout): warnings and errors on stderr.
 */
public final class StderrConfigurator extends ContextAwareBase implements Configurator {
    public StderrConfigurator() {}

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        LogSetup.defaults(context);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
