package dev.leakscope.core.gate;

import dev.leakscope.core.analyze.RecordedRun;

/** One check of a recorded run. */
public interface GateRule {

    RuleOutcome evaluate(RecordedRun run);
}
