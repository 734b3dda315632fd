package dev.leakscope.agent.cli;

import dev.leakscope.core.analyze.RecordedRun;
import dev.leakscope.core.report.HtmlReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code leakscope report}: a recorded event stream as one self-contained HTML page. */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Writes one HTML file that shows a recorded event stream: a chart per",
                "signal with its verdicts, fitted rate and limit, the phases, the top",
                "allocation sites with their stacks, and the site leaks. The file works",
                "offline: it loads nothing from the network. A stream without its summary",
                "(a killed process) is shown up to where it ends, with a banner saying so.",
                "Prints the path it wrote."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the report was written", "1:the report could not be written",
                "2:bad input (no such file, empty, not an event stream)"})
public final class ReportCommand implements Callable<Integer> {

    /** Streams larger than this get a progress line on stderr: reading a day at 1 Hz takes seconds. */
    private static final long PROGRESS_BYTES = 16L * 1024 * 1024;

    @Parameters(index = "0", paramLabel = "FINDINGS", description = "The event stream (JSON Lines) the agent or watch wrote.")
    Path findings;

    @Option(names = {"-o", "--out"}, paramLabel = "HTML",
            description = "The file to write (default: FINDINGS with .html instead of .jsonl, beside it).")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        StreamInput.requireFile(findings, "FINDINGS", "a leakscope event stream");
        boolean large = Files.size(findings) > PROGRESS_BYTES;
        long started = System.nanoTime();
        if (large) {
            err.printf(Locale.ROOT, "leakscope report: reading %s (%d MB)%n", findings, Files.size(findings) / 1_000_000);
            err.flush();
        }
        RecordedRun run = StreamInput.read(findings, "FINDINGS");
        Path target = out != null ? out : defaultOut(findings);
        try {
            write(run, target);
        } catch (IOException e) {
            err.println("leakscope report: cannot write " + target + ": " + reason(e, target));
            err.flush();
            return 1;
        }
        if (large) {
            err.printf(Locale.ROOT, "leakscope report: done in %.1f s%n", (System.nanoTime() - started) / 1e9);
            err.flush();
        }
        spec.commandLine().getOut().println(target);
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** Written beside the target, then moved over it: a failed write never leaves half a report. */
    private static void write(RecordedRun run, Path target) throws IOException {
        if (Files.isDirectory(target)) {
            throw new FileSystemException(target.toString(), null, "it is a directory (expected: a file name)");
        }
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try {
            try (Writer writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                HtmlReport.write(run, writer);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static String reason(IOException e, Path target) {
        Path dir = target.toAbsolutePath().getParent();
        if (e instanceof NoSuchFileException) {
            return "the directory " + dir + " does not exist";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied in " + dir;
        }
        return e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason() : e.toString();
    }

    private static Path defaultOut(Path findings) {
        String name = findings.getFileName().toString();
        String base = name.endsWith(".jsonl") ? name.substring(0, name.length() - ".jsonl".length()) : name;
        return findings.resolveSibling(base + ".html");
    }
}
