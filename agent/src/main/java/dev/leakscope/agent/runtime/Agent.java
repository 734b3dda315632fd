package dev.leakscope.agent.runtime;

import dev.leakscope.agent.bootstrap.AgentEntry;
import dev.leakscope.agent.options.AgentConfig;
import dev.leakscope.agent.options.RawOptions;
import java.lang.instrument.Instrumentation;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent inside a host JVM, entered from {@code AgentEntry} in the isolated loader. At most one
 * observation runs per JVM. Nothing here throws into the host: a bad option or any failure prints
 * one line on stderr and the agent stays off; the host runs on, its exit code, output and logging
 * untouched.
 */
public final class Agent {

    /** The system property where a running agent says where it writes: {@code leakscope attach} reads it. */
    public static final String PROP_OUT = "leakscope.agent.out";
    /** Where the agent says why it did not start; cleared by {@code AgentEntry} on each load. */
    public static final String PROP_ERROR = AgentEntry.PROP_ERROR;

    private static AgentRun running;

    private Agent() {
    }

    /**
     * Called by {@code AgentEntry.premain} and {@code agentmain}, on the agent's own daemon thread
     * ({@code leakscope-start}), so that the host's start-up does not wait for any of this.
     */
    public static void enter(String options, Instrumentation instrumentation, boolean attached) {
        try {
            AgentConfig config = AgentConfig.from(List.of(RawOptions.environment(System.getenv()),
                    RawOptions.systemProperties(System.getProperties()), RawOptions.agentString(options)));
            if (config.command().equals("stop")) {
                stop("stopped by leakscope stop");
                return;
            }
            start(config, instrumentation);
        } catch (IllegalArgumentException e) {
            stayOff("bad option: " + e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            stayOff("cannot start: " + e);
        }
    }

    /** Ends a running observation: summary, files closed, threads stopped, the log reset. Never throws. */
    public static synchronized void stop(String reason) {
        if (running != null) {
            try {
                running.stop(reason);
            } finally {
                running = null;
                System.clearProperty(PROP_OUT);
                LogSetup.resetIfApplied();
            }
        }
    }

    /**
     * The run writing to {@code destination} ended by itself (its output failed): {@code attach}
     * must no longer report it running. Not synchronized: it is called from the sampling thread,
     * which {@link #stop} may be waiting for.
     */
    static void ended(String destination) {
        if (destination.equals(System.getProperty(PROP_OUT))) {
            System.clearProperty(PROP_OUT);
        }
    }

    /** The agent does not start: one line on stderr, and the reason where {@code attach} looks for it. */
    private static void stayOff(String why) {
        say(why + "; the agent stays off");
        System.setProperty(PROP_ERROR, why);
    }

    /** Prints one line for the host's operator on stderr, never on stdout. */
    static void say(String line) {
        System.err.println("leakscope: " + line);
    }

    private static synchronized void start(AgentConfig config, Instrumentation instrumentation) {
        if (running != null && !running.ended()) {
            say("already running, writing to " + running.destination());
            return;
        }
        if (running != null) {
            running.stop("ended"); // a run whose output failed: only its shutdown hook is left to remove
            running = null;
        }
        try {
            AgentRun run = AgentRun.start(config, instrumentation);
            if (run.ended()) {
                run.stop("ended"); // its output failed at once, and it said so
                return;
            }
            running = run;
            System.setProperty(PROP_OUT, run.destination());
        } catch (AgentRun.CannotStart e) {
            stayOff(e.getMessage());
            return;
        } catch (RuntimeException | LinkageError e) {
            stayOff("cannot start: " + e);
            return;
        }
        startLog(config);
    }

    /**
     * Once sampling runs: Logback's set-up costs tens of milliseconds, kept off the way to the first
     * sample, and the default (warn to stderr) is what the code-configured one is already.
     */
    private static void startLog(AgentConfig config) {
        if (config.logLevel().equals("warn") && config.logDestination().equals(AgentConfig.STDERR)) {
            return;
        }
        try {
            LogSetup.apply(config.logLevel(), config.logDestination());
            log().info("observing pid {}, writing to {}, options {}", ProcessHandle.current().pid(),
                    running.destination(), config.asWritten());
        } catch (LogSetup.CannotLog e) {
            say(e.getMessage() + "; the agent's own log stays at warn on stderr");
        } catch (RuntimeException | LinkageError e) {
            say("cannot set up the agent's own log: " + e + "; it stays at warn on stderr");
        }
    }

    private static Logger log() {
        return LoggerFactory.getLogger(Agent.class);
    }
}
