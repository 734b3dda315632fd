package dev.leakscope.core.gate;

import dev.leakscope.core.analyze.RecordedRun;
import dev.leakscope.core.unit.Units;
import java.util.List;
import java.util.Optional;

/**
 * A signal's growth rate against the same signal's in a baseline run: it fails when the rate rose
 * beyond the tolerance and its confidence interval lies wholly above the baseline's, so that noise
 * between two healthy runs never fails a build.
 *
 * @param baselineRate the baseline's rate, bytes/s
 * @param baselineHigh the upper bound of its interval, or null when unbounded
 * @param tolerance    the relative rise allowed, 0.2 for 20%
 */
public record RateVsBaseline(String signal, double baselineRate, Double baselineHigh, double tolerance) implements GateRule {

    @Override
    public RuleOutcome evaluate(RecordedRun run) {
        String rule = "baseline " + signal;
        double allowed = baselineRate + tolerance * Math.abs(baselineRate);
        String limit = Units.formatRate(allowed) + " (baseline " + Units.formatRate(baselineRate) + " + "
                + Math.round(tolerance * 100) + "%)";
        Optional<RunSignals.Rate> rate = RunSignals.rate(run, signal);
        if (rate.isEmpty()) {
            return RuleOutcome.skip(rule, limit, signal + " has no rate in this run (the baseline has one)");
        }
        String measured = RunSignals.describe(rate.get());
        boolean rose = rate.get().bytesPerSecond() > allowed;
        Double low = rate.get().low();
        boolean apart = low != null && baselineHigh != null && low > baselineHigh;
        List<String> details = List.of(signal + " grows at " + measured + ": more than the tolerance above the baseline's "
                + Units.formatRate(baselineRate) + ", and above its interval (up to "
                + (baselineHigh == null ? "unbounded" : Units.formatRate(baselineHigh)) + ")");
        return RuleOutcome.of(!(rose && apart), rule, measured, limit, details);
    }
}
