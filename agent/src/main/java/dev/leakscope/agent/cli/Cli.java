package dev.leakscope.agent.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code leakscope}: the command-line entry point, run by the launcher from the isolated loader.
 * Exit codes: 0 success, 1 failure at run time, 2 bad input.
 */
@Command(name = "leakscope", mixinStandardHelpOptions = true, versionProvider = Version.class,
        subcommands = {WatchCommand.class, AnalyzeCommand.class, GateCommand.class, ReportCommand.class, AttachCommand.class, ListCommand.class, StopCommand.class,
                CommandLine.HelpCommand.class},
        description = {"Finds memory leaks in JVM and machine-learning services while they run.",
                "Documentation: docs/README.md in the leakscope repository."})
public final class Cli implements Runnable {

    /** Exit code for bad input: a missing process, an unknown unit, a malformed value. */
    public static final int BAD_INPUT = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    private Cli() {
    }

    /** Runs the CLI; called reflectively by the launcher. */
    public static int run(String[] args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Cli());
        cli.setParameterExceptionHandler(Cli::badInput);
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof IllegalArgumentException) {
                return error(line, e.getMessage(), BAD_INPUT);
            }
            return error(line, e.toString(), 1);
        });
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    /** One line naming the bad value, one pointing at --help; no wall of usage text. */
    private static int badInput(CommandLine.ParameterException e, String[] args) {
        String message = e.getMessage().startsWith("Error: ") ? e.getMessage().substring(7) : e.getMessage();
        return error(e.getCommandLine(), message, BAD_INPUT);
    }

    static int error(CommandLine line, String message, int code) {
        PrintWriter err = line.getErr();
        String name = line.getCommandSpec().qualifiedName();
        err.println(name + ": " + message);
        err.println("Try '" + name + " --help' for more information.");
        err.flush();
        return code;
    }
}
