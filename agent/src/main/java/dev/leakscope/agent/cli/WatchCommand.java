package dev.leakscope.agent.cli;

import dev.leakscope.core.detect.Limits;
import dev.leakscope.core.event.EventStream;
import dev.leakscope.core.event.JsonLinesWriter;
import dev.leakscope.core.event.SignalStats;
import dev.leakscope.core.event.Target;
import dev.leakscope.core.observe.Observation;
import dev.leakscope.core.observe.StatusLine;
import dev.leakscope.core.observe.TargetSelector;
import dev.leakscope.core.proc.ProcFs;
import dev.leakscope.core.proc.ProcessGoneException;
import dev.leakscope.core.sample.ObservationClock;
import dev.leakscope.core.source.CommandLines;
import dev.leakscope.core.source.ProcessSet;
import dev.leakscope.core.source.Sources;
import dev.leakscope.core.unit.Units;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code leakscope watch}: samples any process from outside, whatever its language. */
@Command(name = "watch", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Samples the memory of any process from outside (Python services too) and writes",
                "the event stream (start, sample, notice, summary) as JSON Lines.",
                "On a terminal it shows one live status line on stderr."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the duration passed or the process exited",
                "1:the output could not be written", "2:bad input (no such process, bad unit, ...)",
                "130, 143:interrupted by Ctrl-C or SIGTERM (the stream still ends with its summary)"})
public final class WatchCommand implements Callable<Integer> {

    private static final Duration FOREVER = Duration.ofNanos(Long.MAX_VALUE);

    private final AtomicBoolean endPrinted = new AtomicBoolean();

    static final class Selection {
        @Option(names = "--pid", paramLabel = "PID", description = "The process to watch.")
        Long pid;

        @Option(names = "--match", paramLabel = "REGEX",
                description = "Watch the process whose full command line matches (like pgrep -f).")
        String match;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Selection selection;

    @Option(names = "--children", description = "Also watch every descendant process, with a per-process breakdown.")
    boolean children;

    @Option(names = "--interval", defaultValue = "1s", paramLabel = "DURATION", converter = PositiveDuration.class,
            description = "Time between samples (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--duration", paramLabel = "DURATION", converter = PositiveDuration.class,
            description = "Stop after this long (default: until the process exits or watch is interrupted).")
    Duration duration;

    @Option(names = {"--smaps-interval", "--smaps_interval"}, defaultValue = "30s", paramLabel = "DURATION",
            converter = PositiveDuration.class,
            description = "Time between reads of smaps_rollup (uss, pss), which walk the page tables "
                    + "(default: ${DEFAULT-VALUE}; longer when a read is slow).")
    Duration smapsInterval;

    @Option(names = "--limit", paramLabel = "SIGNAL=SIZE", converter = LimitOption.class,
            description = "The limit of a signal, e.g. rss_anon=2GB (default: the smallest cgroup limit, "
                    + "else physical memory; GPU memory: the device total). Repeatable.")
    List<Map.Entry<String, Long>> limits;

    @Option(names = "--out", paramLabel = "FILE", defaultValue = "stdout",
            description = "Where to write the events: a file, or stdout (default: ${DEFAULT-VALUE}).")
    String out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        int pid = selection.pid != null ? TargetSelector.byPid(selection.pid) : TargetSelector.byMatch(selection.match, children);
        ProcessSet processes;
        try {
            processes = children ? ProcessSet.tree(pid, ProcessSet.DEFAULT_REFRESH) : ProcessSet.single(pid);
        } catch (ProcessGoneException e) {
            throw new IllegalArgumentException("--pid: " + pid + " (expected: a running process; it has exited)");
        }
        JsonLinesWriter writer = openOutput();
        PrintWriter err = spec.commandLine().getErr();
        boolean toFile = !isStdout();
        boolean live = Terminal.isTerminal(Terminal.STDERR) && (toFile || !Terminal.isTerminal(Terminal.STDOUT));
        ObservationClock clock = ObservationClock.startNow();
        EventStream stream = new EventStream(writer, pid, clock);
        Observation run = new Observation(config(pid, processes), stream, clock,
                live ? line -> { err.print("\r" + line + "\033[K"); err.flush(); } : null,
                message -> { err.println(); err.println("leakscope watch: " + message); err.flush(); });
        processes.onChange(run::notice);
        run.start();
        // Ctrl-C and SIGTERM still end the stream with its summary (the JVM then exits 130 or 143)
        Thread hook = new Thread(() -> {
            run.stop("interrupted");
            printEnd(run, pid, live, toFile, err);
        }, "leakscope-watch-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        if (!run.awaitEnd(duration == null ? FOREVER : duration)) {
            run.stop("duration " + Units.formatDuration(duration) + " reached");
        }
        removeHook(hook);
        printEnd(run, pid, live, toFile, err);
        return run.writeFailed() ? 1 : 0;
    }

    /** The one line that sums the run up, on stderr, when a person is looking or events went to a file. */
    private void printEnd(Observation run, int pid, boolean live, boolean toFile, PrintWriter err) {
        if ((live || toFile) && endPrinted.compareAndSet(false, true)) {
            if (live) {
                err.println();
            }
            err.println("leakscope watch: " + run.endReason() + "; " + headline(pid, run) + (toFile ? "; events in " + out : ""));
            err.flush();
        }
    }

    private Observation.Config config(int pid, ProcessSet processes) {
        Sources.Settings settings = Sources.Settings.smapsEvery(smapsInterval);
        Target target = Target.of(pid, CommandLines.of(pid), null, children);
        Limits processLimits = Limits.forProcess(ProcFs.SYSTEM, pid).with(LimitOption.toMap(limits));
        return new Observation.Config(target, Sources.external(processes, settings), children, interval,
                Observation.EVERY_TICK, options(), processLimits);
    }

    private Map<String, Object> options() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("interval", Units.formatDuration(interval));
        o.put("smaps_interval", Units.formatDuration(smapsInterval));
        o.put("children", children);
        if (duration != null) {
            o.put("duration", Units.formatDuration(duration));
        }
        o.put("out", out);
        o.put("limit", LimitOption.toMap(limits));
        return o;
    }

    private static String headline(int pid, Observation run) {
        Map<String, SignalStats> stats = run.summary().signals();
        return StatusLine.render(pid, stats.values().stream().mapToDouble(SignalStats::lastT).max().orElse(0), stats);
    }

    private boolean isStdout() {
        return out.equals("stdout") || out.equals("-");
    }

    private JsonLinesWriter openOutput() {
        if (isStdout()) {
            return JsonLinesWriter.toStdout(); // a closed pipe ends the run
        }
        try {
            return JsonLinesWriter.toFile(Path.of(out));
        } catch (IOException e) {
            throw new IllegalArgumentException("--out: " + out + " (expected: a file that can be written; "
                    + JsonLinesWriter.describe(e) + ")");
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--out: " + out + " (expected: a file that can be written; " + e + ")");
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook has run or will run and do nothing
        }
    }
}
