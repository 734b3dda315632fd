package dev.leakscope.agent.cli;

import dev.leakscope.core.analyze.Analysis;
import dev.leakscope.core.analyze.TraceFormatException;
import dev.leakscope.core.event.JsonLinesWriter;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code leakscope analyze}: the detector over a recorded trace. */
@Command(name = "analyze", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Replays a trace through the growth detector and writes the event stream",
                "(start, finding, summary) to stdout. TRACE is a CSV (t_seconds,<signal>...) or a",
                "leakscope event stream; each finding carries the trace time the online detector",
                "would have emitted it."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the trace was analysed", "1:the output could not be written",
                "2:bad input (no such file, malformed trace, unknown signal, bad unit)"})
public final class AnalyzeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "TRACE", description = "The trace: CSV or JSON Lines.")
    Path trace;

    @Option(names = "--limit", paramLabel = "SIGNAL=SIZE", converter = LimitOption.class,
            description = "The limit of a signal, for time to limit and the urgent path, e.g. rss_anon=2GB. "
                    + "Wins over limits recorded in the trace. Repeatable.")
    List<Map.Entry<String, Long>> limits;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        StreamInput.requireFile(trace, "TRACE", "a trace file");
        // the stream is a few events whatever the trace's length: held back until the whole trace
        // has been read, so that a malformed line leaves stdout empty rather than half written
        ByteArrayOutputStream events = new ByteArrayOutputStream();
        try {
            Analysis.run(trace, LimitOption.toMap(limits), new JsonLinesWriter(events, "stdout", false));
        } catch (TraceFormatException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("TRACE: " + trace + " (expected: a trace file; it does not exist)", e);
        }
        try (FileOutputStream stdout = new FileOutputStream(FileDescriptor.out)) {
            events.writeTo(stdout);
        } catch (IOException e) {
            spec.commandLine().getErr().println("leakscope analyze: cannot write stdout: " + e.getMessage());
            return 1;
        }
        return 0;
    }
}
