package dev.leakscope.agent.cli;

import dev.leakscope.core.analyze.RecordedRun;
import dev.leakscope.core.gate.Baseline;
import dev.leakscope.core.gate.GateOutput;
import dev.leakscope.core.gate.GateResult;
import dev.leakscope.core.gate.GateRule;
import dev.leakscope.core.gate.MaxGrowth;
import dev.leakscope.core.gate.MaxRate;
import dev.leakscope.core.gate.NoSiteLeaks;
import dev.leakscope.core.gate.Rules;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code leakscope gate}: passes or fails a build on a recorded event stream. */
@Command(name = "gate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Checks a recorded event stream against rules and exits 1 when one fails: the CI",
                "leak-regression gate. With no rules it fails on any leak verdict, any site leak and any",
                "failed cleanup check. A stream without its summary (a killed process) is gated on what",
                "it holds, and the output says so."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every rule passed", "1:a rule failed (or, with --strict, was skipped)",
                "2:bad input (not an event stream, unknown signal, bad unit)"})
public final class GateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FINDINGS", description = "The event stream to gate (JSON Lines).")
    Path findings;

    @Option(names = "--max-rate", paramLabel = "SIGNAL=RATE",
            description = "Fails when the signal's latest growth rate is above RATE, e.g. rss_anon=50MB/min. Repeatable.")
    List<String> maxRates = new ArrayList<>();

    @Option(names = "--max-growth", paramLabel = "SIGNAL=SIZE",
            description = "Fails when the signal grew by more than SIZE over the run (last - first), e.g. direct_buffers=64MB. Repeatable.")
    List<String> maxGrowths = new ArrayList<>();

    @Option(names = "--no-site-leaks", description = "Fails on any tracked object collected without close() (site_leak).")
    boolean noSiteLeaks;

    @Option(names = "--baseline", paramLabel = "BASE",
            description = "A stream recorded on the main branch: fails when a signal's or site's rate rose beyond the "
                    + "tolerance with confidence intervals apart, or when a site leaks that did not leak there.")
    Path baseline;

    @Option(names = "--tolerance", paramLabel = "SHARE", defaultValue = "20%",
            description = "How far a rate may rise above the baseline's (default: ${DEFAULT-VALUE}).")
    String tolerance;

    @Option(names = "--strict", description = "A rule on a signal the run does not have fails instead of being skipped.")
    boolean strict;

    @Option(names = "--json", description = "Prints the result as one JSON object instead of a table.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        List<GateRule> rules = rules();
        RecordedRun run = StreamInput.read(findings, "FINDINGS");
        GateResult result = GateResult.of(run, rules, strict);
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? GateOutput.json(result) : GateOutput.table(result));
        out.flush();
        return result.passed() ? 0 : 1;
    }

    /** The rules given, the baseline's, or the defaults when there are none: all checked before any file is read. */
    private List<GateRule> rules() throws IOException {
        List<GateRule> rules = new ArrayList<>();
        maxRates.forEach(given -> rules.add(MaxRate.parse(given)));
        maxGrowths.forEach(given -> rules.add(MaxGrowth.parse(given)));
        if (noSiteLeaks) {
            rules.add(new NoSiteLeaks());
        }
        double share = Baseline.parseTolerance(tolerance);
        if (baseline != null) {
            rules.addAll(Baseline.rules(StreamInput.read(baseline, "--baseline"), share));
        }
        return rules.isEmpty() ? Rules.DEFAULTS : rules;
    }
}
