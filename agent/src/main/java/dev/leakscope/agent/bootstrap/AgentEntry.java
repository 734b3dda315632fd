package dev.leakscope.agent.bootstrap;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;

/**
 * The agent's Premain-Class and Agent-Class. Compiled for Java 8, keeps no state and never throws
 * into the host: it checks the Java version, then hands over to the implementation in the isolated
 * loader. On any failure it prints one line to stderr and the agent stays off.
 */
public final class AgentEntry {

    private static final String AGENT_CLASS = "dev.leakscope.agent.runtime.Agent";
    /** Where the agent says why it did not start, so that {@code leakscope attach} can report it at once. */
    public static final String PROP_ERROR = "leakscope.agent.error";

    private AgentEntry() {
    }

    /** {@code -javaagent:leakscope-agent.jar[=options]}. */
    public static void premain(String options, Instrumentation instrumentation) {
        enter(options, instrumentation, false);
    }

    /** {@code leakscope attach} and {@code leakscope stop}. */
    public static void agentmain(String options, Instrumentation instrumentation) {
        enter(options, instrumentation, true);
    }

    /**
     * Returns at once: the isolated loader, the options and the first reads load several hundred
     * classes, which would otherwise delay the host's main (premain runs before it).
     */
    private static void enter(final String options, final Instrumentation instrumentation, final boolean attached) {
        try {
            // before agentmain returns, and with it the attach that loads us: a reason left by an
            // earlier load must not be taken for this one's
            System.clearProperty(PROP_ERROR);
            Thread starter = new Thread(new Runnable() {
                @Override
                public void run() {
                    start(options, instrumentation, attached);
                }
            }, "leakscope-start");
            starter.setDaemon(true);
            starter.start();
        } catch (Throwable t) {
            System.err.println("leakscope: the agent stays off: " + Launcher.describe(t));
        }
    }

    private static void start(String options, Instrumentation instrumentation, boolean attached) {
        try {
            int feature = Launcher.javaFeature(System.getProperty("java.specification.version", "0"));
            if (feature < Launcher.MINIMUM_JAVA) {
                System.err.println("leakscope: the agent needs Java " + Launcher.MINIMUM_JAVA + " or later; this is Java "
                        + System.getProperty("java.version") + "; the agent stays off");
                return;
            }
            ClassLoader loader = AgentJar.isolatedLoader();
            loader.loadClass(AGENT_CLASS).getMethod("enter", String.class, Instrumentation.class, boolean.class)
                    .invoke(null, options, instrumentation, attached);
        } catch (Throwable t) {
            Throwable cause = t instanceof InvocationTargetException && t.getCause() != null ? t.getCause() : t;
            System.err.println("leakscope: the agent stays off: " + Launcher.describe(cause));
        }
    }
}
