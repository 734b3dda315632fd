package dev.leakscope.core.detect;

import dev.leakscope.core.sample.Sample;
import dev.leakscope.core.sample.Signals;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The detectors of one observation, one per detected signal, created as signals first appear. The
 * same class serves the agent, {@code watch} and {@code analyze}, so that a trace recorded with every
 * tick replays into the same findings. Not thread-safe: one thread feeds it.
 */
public final class Detectors {

    private final Map<String, SignalDetector> bySignal = new LinkedHashMap<>();
    private final Map<String, Finding> emitted = new LinkedHashMap<>();
    private final IterationGrowth iterations = new IterationGrowth();
    private final Limits limits;

    public Detectors(Limits limits) {
        this.limits = limits;
    }

    /** Feeds one tick's values; returns the findings (verdict changes) it caused, in signal order. */
    public List<Finding> add(Sample sample) {
        learnDeviceTotal(sample.get(Signals.VRAM_DEVICE_TOTAL));
        iterations.add(sample.t(), sample.values());
        List<Finding> findings = new ArrayList<>(0);
        sample.values().forEach((signal, value) -> {
            Finding f = add(sample.t(), signal, value);
            if (f != null) {
                findings.add(f);
            }
        });
        return findings;
    }

    /** Feeds one value; returns a finding when the signal's verdict changed. */
    public Finding add(double t, String signal, double value) {
        if (!Signals.detected(signal)) {
            return null;
        }
        SignalDetector d = bySignal.computeIfAbsent(signal, s -> new SignalDetector(s, Signals.alarms(s), limits.of(s)));
        Finding f = d.add(t, value);
        if (f != null) {
            emitted.put(signal, f);
        }
        return f;
    }

    /**
     * The most severe finding in force: the latest one of the signal whose verdict is worst
     * (leak, then growth_suspected), or {@code null} when no signal grows. At equal severity a
     * process signal comes before a site, which says where, not how much, and then the faster.
     */
    public Finding worst() {
        Finding worst = null;
        for (Finding f : emitted.values()) {
            boolean severe = f.verdict() == Verdict.LEAK || f.verdict() == Verdict.GROWTH_SUSPECTED;
            if (severe && (worst == null || WORST_FIRST.compare(f, worst) < 0)) {
                worst = f;
            }
        }
        return worst;
    }

    private static final Comparator<Finding> WORST_FIRST = Comparator.comparingInt((Finding f) -> f.verdict().ordinal())
            .thenComparing(f -> f.signal().startsWith(Signals.SITE_PREFIX))
            .thenComparing(Comparator.comparingDouble(Finding::rate).reversed());

    /** The detectors so far, in the order their signals appeared. */
    public Map<String, SignalDetector> bySignal() {
        return Collections.unmodifiableMap(bySignal);
    }

    /** Growth per iteration, where iteration markers fire. */
    public IterationGrowth iterations() {
        return iterations;
    }

    public Limits limits() {
        return limits;
    }

    /** GPU memory is bounded by the device total, known only once NVML has answered. */
    private void learnDeviceTotal(Long total) {
        if (total == null || total <= 0) {
            return;
        }
        for (String s : List.of(Signals.VRAM_PROCESS, Signals.VRAM_DEVICE_USED)) {
            if (limits.of(s) == null) {
                limits.with(s, total);
                SignalDetector d = bySignal.get(s);
                if (d != null) {
                    d.limit(total);
                }
            }
        }
    }
}
