package dev.leakscope.core.gate;

import dev.leakscope.core.analyze.RecordedRun;
import dev.leakscope.core.sample.Signals;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Set;

/** The rules of baseline mode: a run recorded on the main branch is what this one is held to. */
public final class Baseline {

    private Baseline() {
    }

    /**
     * One {@link RateVsBaseline} per signal of the baseline that a leak may be drawn from (process
     * signals and sites) and that has a rate, and {@link NewLeakingSites}.
     */
    public static List<GateRule> rules(RecordedRun baseline, double tolerance) {
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("--tolerance " + tolerance + " (expected: a share >= 0%, e.g. 20%)");
        }
        List<GateRule> rules = new ArrayList<>();
        Set<String> signals = new LinkedHashSet<>(baseline.assessments().keySet());
        signals.addAll(baseline.series().keySet());
        for (String signal : signals) {
            if (Signals.alarms(signal)) {
                RunSignals.rate(baseline, signal).ifPresent(rate ->
                        rules.add(new RateVsBaseline(signal, rate.bytesPerSecond(), rate.high(), tolerance)));
            }
        }
        rules.add(new NewLeakingSites(NewLeakingSites.leaking(baseline)));
        return rules;
    }

    /** Parses a tolerance: {@code 20%} or {@code 0.2}. */
    public static double parseTolerance(String text) {
        String t = text.trim();
        try {
            double value = t.endsWith("%") ? Double.parseDouble(t.substring(0, t.length() - 1).trim()) / 100 : Double.parseDouble(t);
            if (value >= 0 && Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, with the expected form
        }
        throw new IllegalArgumentException("--tolerance " + text + " (expected: a share >= 0, e.g. 20% or 0.2)");
    }
}
