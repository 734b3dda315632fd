package dev.leakscope.agent.cli;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code leakscope list}: the JVMs that can be attached to. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "Lists the JVMs of this user that leakscope can attach to: pid and main class.")
public final class ListCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        String self = Long.toString(ProcessHandle.current().pid());
        for (VirtualMachineDescriptor d : VirtualMachine.list()) {
            if (!d.id().equals(self)) {
                out.printf("%-8s %s%n", d.id(), d.displayName().isBlank() ? "(no main class: jar or launcher)" : d.displayName());
            }
        }
        out.flush();
        return 0;
    }
}
