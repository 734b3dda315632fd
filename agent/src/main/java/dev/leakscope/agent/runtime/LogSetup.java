package dev.leakscope.agent.runtime;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import dev.leakscope.agent.log.CodeConfigurator;
import dev.leakscope.core.event.JsonLinesWriter;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Applies the {@code log} option to leakscope's own (shaded) Logback: a level, and stderr or a file.
 * The host's logging is never touched: our Logback is a different, relocated copy.
 */
final class LogSetup {

    /** Why the log could not be set up, in one line. */
    static final class CannotLog extends Exception {
        private static final long serialVersionUID = 1L;

        CannotLog(String message) {
            super(message);
        }
    }

    private static boolean applied;

    private LogSetup() {
    }

    static synchronized void apply(String level, String destination) throws CannotLog {
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
        applied = true;
    }

    /** Back to the code-configured default (warn to stderr), closing a log file: after {@code leakscope stop}. */
    static synchronized void resetIfApplied() {
        if (!applied) {
            return;
        }
        applied = false;
        try {
            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            context.reset(); // stops and detaches every appender: a log file is closed
            CodeConfigurator defaults = new CodeConfigurator();
            defaults.setContext(context);
            defaults.configure(context);
        } catch (RuntimeException | LinkageError e) {
            // the run has ended; an unreset log must not stop the rest of stop()
        }
    }

    private static Appender<ILoggingEvent> console(LoggerContext context, PatternLayoutEncoder encoder) {
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        return stderr;
    }

    private static Appender<ILoggingEvent> file(LoggerContext context, PatternLayoutEncoder encoder, String path)
            throws CannotLog {
        try {
            JsonLinesWriter.createPrivate(Path.of(path)); // 0600, as every file leakscope writes
        } catch (IOException e) {
            throw new CannotLog("cannot write the log file " + path + ": " + JsonLinesWriter.describe(e));
        }
        FileAppender<ILoggingEvent> file = new FileAppender<>();
        file.setContext(context);
        file.setFile(path);
        file.setAppend(true);
        file.setEncoder(encoder);
        file.start();
        if (!file.isStarted()) { // Logback keeps its own errors to itself
            throw new CannotLog("cannot write the log file " + path);
        }
        return file;
    }
}
