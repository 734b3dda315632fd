package dev.leakscope.core.gate;

import dev.leakscope.core.analyze.RecordedRun;
import java.util.ArrayList;
import java.util.List;

/**
 * A gate's verdict on a run: each rule's outcome, and how the run ended. It fails when any rule
 * fails, or, with {@code strict}, when any is skipped.
 */
public record GateResult(String source, List<RuleOutcome> outcomes, boolean endedEarly, boolean lastLineCutOff,
                         boolean strict) {

    /** Applies {@code rules} to {@code run}. */
    public static GateResult of(RecordedRun run, List<GateRule> rules, boolean strict) {
        List<RuleOutcome> outcomes = new ArrayList<>();
        for (GateRule rule : rules) {
            outcomes.add(rule.evaluate(run));
        }
        return new GateResult(run.source(), List.copyOf(outcomes), run.endedEarly(), run.lastLineCutOff(), strict);
    }

    public boolean passed() {
        return outcomes.stream().noneMatch(o -> o.status() == RuleOutcome.Status.FAIL
                || (strict && o.status() == RuleOutcome.Status.SKIP));
    }

    /** The line that says how the run ended, when it did not end with its summary; else null. */
    public String endNote() {
        if (!endedEarly) {
            return null;
        }
        return "the stream ended early, without its summary (the process was killed, e.g. for running out of memory, "
                + "or is still running)" + (lastLineCutOff ? "; its last line was cut off mid-write and left out" : "")
                + ": gated on what it holds";
    }
}
