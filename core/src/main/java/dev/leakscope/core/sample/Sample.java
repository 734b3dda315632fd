package dev.leakscope.core.sample;

import java.util.Collections;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The values read in one tick. A signal that was not read this tick (a slow source that is not
 * due, a source that failed) is simply absent, never zero.
 *
 * @param t           seconds since observation start
 * @param epochMillis wall-clock time of the tick
 * @param values      signal to value, in bytes (or a count, see {@link Signals#isCount})
 * @param processes   per-process values when a process tree is watched; empty otherwise
 */
public record Sample(double t, long epochMillis, Map<String, Long> values, Map<Integer, Map<String, Long>> processes) {

    public Sample {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        processes = Collections.unmodifiableMap(new TreeMap<>(processes));
    }

    public Long get(String signal) {
        return values.get(signal);
    }

    /** Collects the values of one tick; sources {@link #add} so that a process tree sums up. */
    public static final class Builder {
        private final Map<String, Long> values = new LinkedHashMap<>();
        private final Map<Integer, Map<String, Long>> processes = new TreeMap<>();
        private boolean perProcess;

        /** Also record each process's own values (for process trees). */
        public Builder perProcess(boolean on) {
            this.perProcess = on;
            return this;
        }

        public Builder put(String signal, long value) {
            values.put(signal, value);
            return this;
        }

        /** Adds {@code value} to the signal's total and, per process, to that process's entry. */
        public Builder add(int pid, String signal, long value) {
            values.merge(signal, value, Long::sum);
            if (perProcess) {
                processes.computeIfAbsent(pid, p -> new LinkedHashMap<>()).put(signal, value);
            }
            return this;
        }

        /** Drops what a source put for its signals that are not {@code kept} (left out, or lost). */
        void retainOnly(List<String> sourceSignals, List<String> kept) {
            for (String s : sourceSignals) {
                if (!kept.contains(s)) {
                    values.remove(s);
                    for (Map<String, Long> p : processes.values()) {
                        p.remove(s);
                    }
                }
            }
        }

        /** Removes signals of a source whose read failed half way, so no partial sum escapes. */
        public void removeAll(Iterable<String> signals) {
            for (String s : signals) {
                values.remove(s);
                for (Map<String, Long> p : processes.values()) {
                    p.remove(s);
                }
            }
        }

        public Sample build(double t, long epochMillis) {
            return new Sample(t, epochMillis, values, processes);
        }
    }
}
