package dev.leakscope.core.gate;

import dev.leakscope.core.analyze.RecordedRun;
import dev.leakscope.core.unit.Units;
import java.util.List;
import java.util.Optional;

/** {@code --max-rate SIGNAL=RATE}: the signal's latest growth rate stays at or under the limit. */
/**
 * @param given the limit as written, shown back to the user ({@code 50MB/min}, not its value in MiB/s)
 */
public record MaxRate(String signal, double maxBytesPerSecond, String given) implements GateRule {

    /** Parses {@code SIGNAL=RATE}, e.g. {@code rss_anon=50MB/min}. */
    public static MaxRate parse(String spec) {
        String[] parts = Rules.split(spec, "--max-rate", "SIGNAL=RATE, e.g. rss_anon=50MB/min");
        return new MaxRate(RunSignals.checkName(parts[0]), Units.parseRate(parts[1]), parts[1]);
    }

    @Override
    public RuleOutcome evaluate(RecordedRun run) {
        String rule = "max-rate " + signal;
        String limit = given;
        Optional<RuleOutcome> skipped = RunSignals.skipWhenAbsent(run, signal, rule, limit);
        if (skipped.isPresent()) {
            return skipped.get();
        }
        Optional<RunSignals.Rate> rate = RunSignals.rate(run, signal);
        if (rate.isEmpty()) {
            return RuleOutcome.skip(rule, limit, signal + " has no rate: fewer than 5 samples");
        }
        String measured = RunSignals.describe(rate.get());
        return RuleOutcome.of(rate.get().bytesPerSecond() <= maxBytesPerSecond, rule, measured, limit,
                List.of(signal + " grows at " + measured + ", over the limit of " + limit));
    }
}
