package dev.leakscope.agent.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code leakscope stop <pid>}: ends the agent in a JVM. */
@Command(name = "stop", mixinStandardHelpOptions = true,
        description = {"Ends the agent in a running JVM: it writes its summary, closes its files and stops",
                "its threads; the JVM runs on."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the agent stopped", "1:no agent runs there, or it cannot be reached", "2:bad input"})
public final class StopCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PID", description = "The JVM whose agent to stop.")
    long pid;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path jar = AgentJarLocation.get();
        return TargetJvm.with(pid, spec, vm -> {
            String destination = vm.agentDestination();
            if (destination == null) {
                vm.say("no agent is running in " + pid);
                return 1;
            }
            vm.load(jar, "command=stop");
            if (vm.awaitAgentDestination(false) != null) {
                vm.say("the agent in " + pid + " did not stop within " + TargetJvm.WAIT.toSeconds() + " s");
                return 1;
            }
            vm.say("stopped the agent in " + pid + "; its stream ends in " + destination);
            return 0;
        });
    }
}
