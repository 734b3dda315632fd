package dev.leakscope.core.gate;

import dev.leakscope.core.analyze.RecordedRun;
import dev.leakscope.core.unit.Units;
import java.util.List;
import java.util.Optional;

/** {@code --max-growth SIGNAL=SIZE}: the signal's last value minus its first stays at or under the limit. */
/**
 * @param given the limit as written, shown back to the user
 */
public record MaxGrowth(String signal, long maxBytes, String given) implements GateRule {

    /** Parses {@code SIGNAL=SIZE}, e.g. {@code direct_buffers=64MB}. */
    public static MaxGrowth parse(String spec) {
        String[] parts = Rules.split(spec, "--max-growth", "SIGNAL=SIZE, e.g. direct_buffers=64MB");
        return new MaxGrowth(RunSignals.checkName(parts[0]), Units.parseSize(parts[1]), parts[1]);
    }

    @Override
    public RuleOutcome evaluate(RecordedRun run) {
        String rule = "max-growth " + signal;
        String limit = given;
        Optional<RuleOutcome> skipped = RunSignals.skipWhenAbsent(run, signal, rule, limit);
        if (skipped.isPresent()) {
            return skipped.get();
        }
        double growth = RunSignals.growth(run, signal);
        String measured = Units.formatDelta(growth);
        return RuleOutcome.of(growth <= maxBytes, rule, measured, limit,
                List.of(signal + " grew by " + measured + " over the run, over the limit of " + limit));
    }
}
