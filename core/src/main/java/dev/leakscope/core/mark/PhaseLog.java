package dev.leakscope.core.mark;

import dev.leakscope.core.sample.Signals;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The phases of one run, in order: each new phase is told with the values of every signal and
 * their change since the previous phase (the first, since the run's first values). What people
 * otherwise log by hand at labelled points ("Before VLM loading", "After VLM cleanup") and subtract.
 * Not thread-safe: the sampling thread writes phases.
 */
public final class PhaseLog {

    /** Where a phase's deltas are measured from, when no phase came before it. */
    public static final String RUN_START = "start";

    /**
     * One phase.
     *
     * @param since the previous phase's label, or {@link #RUN_START}
     * @param delta each signal's change since then, for signals known at both points
     */
    public record Phase(String label, double t, Map<String, Long> values, String since, Map<String, Long> delta) {
    }

    private String previousLabel = RUN_START;
    private Map<String, Long> previous;

    /**
     * The next phase.
     *
     * @param values   the latest value of every signal now
     * @param runStart the value of every signal at the run's first tick, used for the first phase
     */
    public Phase next(String label, double t, Map<String, Long> values, Map<String, Long> runStart) {
        Map<String, Long> from = previous == null ? runStart : previous;
        Map<String, Long> delta = new LinkedHashMap<>();
        values.forEach((signal, value) -> {
            Long before = from.get(signal);
            if (before == null && signal.equals(Signals.ITERATIONS)) {
                before = 0L; // absent until the first marker fired: none counted before
            }
            if (before != null) {
                delta.put(signal, value - before);
            }
        });
        Phase phase = new Phase(label, t, Collections.unmodifiableMap(new LinkedHashMap<>(values)), previousLabel,
                Collections.unmodifiableMap(delta));
        previous = phase.values();
        previousLabel = label;
        return phase;
    }
}
