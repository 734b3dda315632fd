package dev.leakscope.agent.cli;

import dev.leakscope.agent.bootstrap.Launcher;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code leakscope attach <pid>}: loads the agent into a running JVM. */
@Command(name = "attach", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Loads the agent into a running JVM through the Attach API. Options given here win",
                "over the target's -Dleakscope.* and LEAKSCOPE_* settings."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the agent is loaded, or was already running", "1:cannot attach (no such JVM, no permission, the JVM refuses)",
                "2:bad input"})
public final class AttachCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PID", description = "The JVM to attach to (see leakscope list).")
    long pid;

    @Mixin
    AgentOptionsMixin options;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String agentString = AgentOptionsMixin.agentString(options.given(Path.of("").toAbsolutePath()));
        AgentOptionsMixin.check(agentString);
        Path jar = AgentJarLocation.get();
        return TargetJvm.with(pid, spec, vm -> {
            String running = vm.agentDestination();
            if (running != null) {
                vm.say("the agent is already running in " + pid + ", writing to " + running);
                return 0;
            }
            int feature = vm.javaFeature();
            if (feature != 0 && feature < Launcher.MINIMUM_JAVA) {
                vm.say("cannot attach to " + pid + ": it runs Java " + feature + " (expected: Java "
                        + Launcher.MINIMUM_JAVA + " or later)");
                return 1;
            }
            vm.load(jar, agentString);
            String destination = vm.awaitAgentDestination(true);
            String error = destination == null ? vm.agentError() : null;
            if (error != null) {
                vm.say("the agent did not start in " + pid + ": " + error);
                return 1;
            }
            if (destination == null) {
                vm.say("loaded the agent into " + pid + ", but it did not start within "
                        + TargetJvm.WAIT.toSeconds() + " s; the target's stderr says why");
                return 1;
            }
            vm.say("attached to " + pid + "; writing to " + destination);
            return 0;
        });
    }
}
