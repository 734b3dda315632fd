package dev.leakscope.junit;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * The leakscope agent in the test's own JVM. Leak tests that measure sites share one agent: the
 * first attaches it, it runs on for the next, and a test that fails stops it to read the sites
 * from its summary, so the next one attaches a fresh agent (whose sites start empty). An agent
 * the JVM was started with ({@code -javaagent}) is used as it is and never stopped. When the agent
 * cannot be attached, the reason is kept and attaching is not tried again.
 */
final class AgentSession {

    /** Where a running agent says it writes: the agent's {@code Agent.PROP_OUT}. */
    private static final String PROP_OUT = "leakscope.agent.out";
    /** Where an agent that did not start says why: the agent's {@code AgentEntry.PROP_ERROR}. */
    private static final String PROP_ERROR = "leakscope.agent.error";
    /**
     * Every allocation gets its site, so that a site's live bytes are exact. The agent is here to
     * count and attribute, not to sample: each of its ticks keeps a sample in its history (about
     * 1.5 KiB of heap, up to 3600 of them) and its second tick sets up more, all of which
     * heap_after_gc would measure as growth of the test; one tick an hour keeps it out. No sample
     * events, as the test reads the totals; no GPU, as a leak test measures host memory.
     */
    private static final String OPTIONS = "stacks=all,interval=1h,samples=off,nvml=off";
    /** The agent starts and stops on a thread of its own; generous for a loaded 2-core CI runner. */
    static final Duration WAIT = Duration.ofSeconds(20);
    private static final long POLL_NANOS = 10_000_000;

    /** The agent running here; {@code ours} when this class attached it, and so may stop it. */
    record Running(Path out, boolean ours) {
    }

    private static File attachedJar;
    private static Path attachedOut;
    private static String cannotAttach;
    private static Path outDirectory;
    private static int attachments;

    private AgentSession() {
    }

    /** The agent running in this JVM, attached first when none runs. */
    static synchronized Running ensureRunning() throws Unavailable {
        String out = System.getProperty(PROP_OUT);
        if (out != null) {
            return new Running(Path.of(out), attachedOut != null && attachedOut.toString().equals(out));
        }
        if (cannotAttach != null) {
            throw new Unavailable(cannotAttach);
        }
        try {
            return attach();
        } catch (Unavailable e) {
            cannotAttach = e.getMessage();
            throw e;
        }
    }

    /** Stops the agent this class attached; returns the file that ends with its summary. */
    static synchronized Path stop() throws Unavailable {
        Path out = attachedOut;
        File jar = attachedJar;
        if (out == null || !out.toString().equals(System.getProperty(PROP_OUT))) {
            throw new Unavailable("the agent this test attached no longer runs");
        }
        attachedOut = null;
        attachedJar = null;
        load(jar, "command=stop");
        if (!await(() -> !out.toString().equals(System.getProperty(PROP_OUT)))) {
            throw new Unavailable("the agent did not stop within " + WAIT.toSeconds() + " s");
        }
        return out;
    }

    private static Running attach() throws Unavailable {
        File jar = AgentJarLocator.find();
        requireDynamicLoading();
        Path out = nextOutFile();
        load(jar, "out=" + out + "," + OPTIONS);
        if (!await(() -> System.getProperty(PROP_OUT) != null || System.getProperty(PROP_ERROR) != null)) {
            throw new Unavailable("the agent did not start within " + WAIT.toSeconds() + " s (its line on stderr says why)");
        }
        String error = System.getProperty(PROP_ERROR);
        if (error != null) {
            throw new Unavailable("the agent did not start: " + error);
        }
        attachedJar = jar;
        attachedOut = out;
        return new Running(out, true);
    }

    private static void load(File jar, String agentString) throws Unavailable {
        try {
            ByteBuddyAgent.attach(jar, Long.toString(ProcessHandle.current().pid()), agentString);
        } catch (RuntimeException | LinkageError e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new Unavailable("cannot load " + jar + " into this JVM: " + cause);
        }
    }

    /** JDK 21+ can forbid loading agents into a running JVM; asking anyway would only fail later. */
    private static void requireDynamicLoading() throws Unavailable {
        try {
            HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            if (hotspot != null && "false".equals(hotspot.getVMOption("EnableDynamicAgentLoading").getValue())) {
                throw new Unavailable("-XX:-EnableDynamicAgentLoading forbids loading an agent into a running JVM "
                        + "(start the test JVM with -javaagent:leakscope-agent.jar instead)");
            }
        } catch (IllegalArgumentException noSuchOption) {
            // a JVM without the option lets agents load
        }
    }

    private static Path nextOutFile() throws Unavailable {
        try {
            if (outDirectory == null) {
                outDirectory = Files.createTempDirectory("leakscope-junit-");
                outDirectory.toFile().deleteOnExit();
            }
            Path out = outDirectory.resolve("agent-" + ++attachments + ".jsonl");
            // registered after the directory, so deleted before it
            out.toFile().deleteOnExit();
            return out;
        } catch (IOException e) {
            throw new Unavailable("cannot make a directory for the agent's output: " + e);
        }
    }

    private static boolean await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        return true;
    }
}
