package dev.leakscope.agent.runtime;

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
            start(config);
        } catch (IllegalArgumentException e) {
            say("bad option: " + e.getMessage() + "; the agent stays off");
        } catch (RuntimeException | LinkageError e) {
            say("cannot start: " + e + "; the agent stays off");
        }
    }

    /** Ends a running observation: summary, files closed, threads stopped. Never throws. */
    public static synchronized void stop(String reason) {
        if (running != null) {
            running.stop(reason);
            running = null;
            System.clearProperty(PROP_OUT);
        }
    }

    /** Prints one line for the host's operator on stderr, never on stdout. */
    static void say(String line) {
        System.err.println("leakscope: " + line);
    }

    private static synchronized void start(AgentConfig config) {
        if (running != null) {
            say("already running, writing to " + running.destination());
            return;
        }
        try {
            running = AgentRun.start(config);
            System.setProperty(PROP_OUT, running.destination());
            // once sampling runs: Logback's set-up costs tens of milliseconds, kept off the way to
            // the first sample, and the default (warn to stderr) is what the code-configured one is
            if (!config.logLevel().equals("warn") || !config.logDestination().equals(AgentConfig.STDERR)) {
                LogSetup.apply(config.logLevel(), config.logDestination());
                log().info("observing pid {}, writing to {}, options {}", ProcessHandle.current().pid(),
                        running.destination(), config.asWritten());
            }
        } catch (AgentRun.CannotStart e) {
            say(e.getMessage() + "; the agent stays off");
        } catch (RuntimeException | LinkageError e) {
            say("cannot start: " + e + "; the agent stays off");
        }
    }

    private static Logger log() {
        return LoggerFactory.getLogger(Agent.class);
    }
}
