package dev.leakscope.core.event;

import dev.leakscope.core.sample.Sample;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Accumulates what the {@code summary} event reports: per-signal statistics over the whole run,
 * and how the run ended. Fed from the sampling thread; read once at the end.
 */
public final class RunSummary {
    private final Map<String, SignalStats> signals = new LinkedHashMap<>();
    private final Map<Integer, Map<String, SignalStats>> processes = new LinkedHashMap<>();
    private long samples;
    private double firstT;

    public synchronized void add(Sample sample) {
        if (samples == 0) {
            firstT = sample.t();
        }
        samples++;
        sample.values().forEach((signal, value) -> signals.computeIfAbsent(signal, s -> new SignalStats()).add(sample.t(), value));
        sample.processes().forEach((pid, values) -> {
            Map<String, SignalStats> perSignal = processes.computeIfAbsent(pid, p -> new LinkedHashMap<>());
            values.forEach((signal, value) -> perSignal.computeIfAbsent(signal, s -> new SignalStats()).add(sample.t(), value));
        });
    }

    /** Per process of a tree, per signal, what the run saw; empty unless a tree was watched. */
    public synchronized Map<Integer, Map<String, SignalStats>> processes() {
        Map<Integer, Map<String, SignalStats>> copy = new TreeMap<>();
        processes.forEach((pid, stats) -> copy.put(pid, Collections.unmodifiableMap(new LinkedHashMap<>(stats))));
        return Collections.unmodifiableMap(copy);
    }

    public synchronized Map<String, SignalStats> signals() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(signals));
    }

    public synchronized long samples() {
        return samples;
    }

    /** {@code t} of the first sample, 0 before any. */
    public synchronized double firstT() {
        return firstT;
    }
}
