package dev.leakscope.core.event;

import dev.leakscope.core.sample.Sample;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Accumulates what the {@code summary} event reports: per-signal statistics over the whole run,
 * and how the run ended. Fed from the sampling thread; read once at the end.
 */
public final class RunSummary {
    private final Map<String, SignalStats> signals = new LinkedHashMap<>();
    private long samples;
    private double firstT;

    public synchronized void add(Sample sample) {
        if (samples == 0) {
            firstT = sample.t();
        }
        samples++;
        sample.values().forEach((signal, value) -> signals.computeIfAbsent(signal, s -> new SignalStats()).add(sample.t(), value));
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
