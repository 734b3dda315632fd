package dev.leakscope.agent.cli;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.AttachOperationFailedException;
import com.sun.tools.attach.VirtualMachine;
import dev.leakscope.agent.bootstrap.Launcher;
import dev.leakscope.agent.runtime.Agent;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import picocli.CommandLine;

/**
 * A JVM reached through the Attach API, for {@code attach} and {@code stop}. Failures to attach are
 * reported in one line naming the pid and the reason, exit code 1.
 */
final class TargetJvm {

    /** How long {@code attach} and {@code stop} wait for the agent to start or end. */
    static final Duration WAIT = Duration.ofSeconds(10);
    /** How often a read of the target's properties that failed there is tried, 20 ms apart. */
    static final int PROPERTY_READS = 10;

    /** What to do with the attached JVM; returns the exit code. */
    interface Action {
        int run(TargetJvm vm) throws IOException, AgentLoadException, AgentInitializationException, InterruptedException;
    }

    private final long pid;
    private final VirtualMachine vm;
    private final CommandLine.Model.CommandSpec spec;

    private TargetJvm(long pid, VirtualMachine vm, CommandLine.Model.CommandSpec spec) {
        this.pid = pid;
        this.vm = vm;
        this.spec = spec;
    }

    static int with(long pid, CommandLine.Model.CommandSpec spec, Action action) throws InterruptedException {
        if (pid <= 0) {
            throw new IllegalArgumentException("PID: " + pid + " (expected: a process id > 0)");
        }
        if (pid == ProcessHandle.current().pid()) {
            throw new IllegalArgumentException("PID: " + pid + " (expected: another JVM; this is leakscope itself)");
        }
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(Long.toString(pid));
        } catch (AttachNotSupportedException | IOException e) {
            return fail(spec, pid, why(pid, e));
        }
        TargetJvm target = new TargetJvm(pid, vm, spec);
        try {
            return action.run(target);
        } catch (AgentLoadException | AgentInitializationException | IOException e) {
            return fail(spec, pid, "the JVM refused the agent: " + e);
        } finally {
            try {
                vm.detach();
            } catch (IOException e) {
                // the target may have exited; nothing to release
            }
        }
    }

    /** Why the agent last loaded into this JVM did not start, or {@code null}. */
    String agentError() throws IOException, InterruptedException {
        return properties().getProperty(Agent.PROP_ERROR);
    }

    /** The target's Java feature version (17, 21, ...), or 0 when it does not say. */
    int javaFeature() throws IOException, InterruptedException {
        return Launcher.javaFeature(properties().getProperty("java.specification.version", "0"));
    }

    /** Where the agent in this JVM writes, or {@code null} when none runs. */
    String agentDestination() throws IOException, InterruptedException {
        return properties().getProperty(Agent.PROP_OUT);
    }

    void load(Path jar, String options) throws AgentLoadException, AgentInitializationException, IOException {
        vm.loadAgent(jar.toString(), options);
    }

    /**
     * Waits for the agent to start ({@code running}: its destination, or null once it said why it
     * did not start, or after {@link #WAIT}) or to end ({@code !running}: null once ended, else the
     * destination still set).
     */
    String awaitAgentDestination(boolean running) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Properties properties = properties(); // one round trip to the target per look
            String destination = properties.getProperty(Agent.PROP_OUT);
            boolean settled = (destination != null) == running || (running && properties.getProperty(Agent.PROP_ERROR) != null);
            if (settled || System.nanoTime() >= deadline) {
                return destination;
            }
            Thread.sleep(20);
        }
    }

    /**
     * The target's system properties. The JDK serializes them from a snapshot of their names and
     * fails with a {@code NullPointerException} when one is removed meanwhile ({@code
     * jdk.internal.vm.VMSupport.onlyStrings}, JDK 17 to 25). The agent removes its own on stop, and
     * the host may remove any, so a read that failed in the target is tried again.
     */
    private Properties properties() throws IOException, InterruptedException {
        for (int read = 1; ; read++) {
            try {
                return vm.getSystemProperties();
            } catch (AttachOperationFailedException e) {
                if (read == PROPERTY_READS) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }

    void say(String line) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(spec.qualifiedName() + ": " + line);
        err.flush();
    }

    private static int fail(CommandLine.Model.CommandSpec spec, long pid, String why) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(spec.qualifiedName() + ": cannot attach to " + pid + ": " + why);
        err.flush();
        return 1;
    }

    private static String why(long pid, Exception e) {
        if (ProcessHandle.of(pid).isEmpty()) {
            return "no process has that pid";
        }
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return message + " (is it a JVM of the same user, started without -XX:+DisableAttachMechanism?)";
    }
}
