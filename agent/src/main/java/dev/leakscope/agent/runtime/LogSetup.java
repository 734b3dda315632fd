package dev.leakscope.agent.runtime;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import org.slf4j.LoggerFactory;

/**
 * Applies the {@code log} option to leakscope's own (shaded) Logback: a level, and stderr or a file.
 * The host's logging is never touched: our Logback is a different, relocated copy.
 */
final class LogSetup {

    private LogSetup() {
    }

    static void apply(String level, String destination) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss.SSS} leakscope %level %logger{0}: %msg%n");
        encoder.start();
        Appender<ILoggingEvent> appender = destination.equals("stderr") ? console(context, encoder)
                : file(context, encoder, destination);
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        root.addAppender(appender);
        root.setLevel(Level.toLevel(level, Level.WARN));
    }

    private static Appender<ILoggingEvent> console(LoggerContext context, PatternLayoutEncoder encoder) {
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        return stderr;
    }

    private static Appender<ILoggingEvent> file(LoggerContext context, PatternLayoutEncoder encoder, String path) {
        FileAppender<ILoggingEvent> file = new FileAppender<>();
        file.setContext(context);
        file.setFile(path);
        file.setAppend(true);
        file.setEncoder(encoder);
        file.start();
        return file;
    }
}
