package dev.leakscope.agent.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Configures our (shaded) Logback in code, found through ServiceLoader before Logback looks for any
 * file, and stops the search: leakscope never reads a {@code logback.xml}, the host's included.
 * Our own log goes to stderr, warnings and worse only by default ({@code leakscope.log.level}
 * raises it).
 */
public final class CodeConfigurator extends ContextAwareBase implements Configurator {

    /** System property that sets the agent's own log level (error, warn, info, debug). */
    public static final String PROP_LEVEL = "leakscope.log.level";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("leakscope %level %logger{0}: %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("leakscope-stderr");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        root.addAppender(stderr);
        root.setLevel(Level.toLevel(System.getProperty(PROP_LEVEL), Level.WARN));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
