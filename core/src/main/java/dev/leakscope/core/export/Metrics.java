package dev.leakscope.core.export;

import dev.leakscope.core.detect.Detectors;
import dev.leakscope.core.detect.Finding;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the metrics endpoint serves: per-signal gauges as of the latest tick, and counters of
 * findings, site leaks and failed cleanups. Written by the sampling thread; read by the endpoint's
 * thread, which only ever sees a whole tick ({@link #snapshot()}).
 */
public final class Metrics {

    /**
     * One tick's gauges.
     *
     * @param values       signal to latest value
     * @param rates        signal to the latest assessment's rate, bytes a second
     * @param verdicts     signal to its verdict now
     * @param perIteration signal to its growth per iteration
     */
    public record Gauges(Map<String, Long> values, Map<String, Double> rates, Map<String, String> verdicts,
                         Map<String, Double> perIteration) {
        static final Gauges NONE = new Gauges(Map.of(), Map.of(), Map.of(), Map.of());
    }

    /** Everything served at once: the gauges of one tick and the counters then. */
    public record Snapshot(Gauges gauges, Map<String, Long> findings, long siteLeaks, long cleanupsFailed) {
    }

    private volatile Gauges gauges = Gauges.NONE;
    /** "signal\u0000verdict" to findings so far. */
    private final Map<String, AtomicLong> findings = new ConcurrentHashMap<>();
    private final AtomicLong siteLeaks = new AtomicLong();
    private final AtomicLong cleanupsFailed = new AtomicLong();

    /** After a tick: the latest value of every signal and what the detectors say now. */
    public void tick(Map<String, Long> values, Detectors detectors) {
        Map<String, Double> rates = new LinkedHashMap<>();
        Map<String, String> verdicts = new LinkedHashMap<>();
        Map<String, Double> perIteration = new LinkedHashMap<>();
        detectors.bySignal().forEach((signal, d) -> {
            verdicts.put(signal, d.verdict().json());
            Finding latest = d.latest();
            if (latest != null) {
                rates.put(signal, latest.rate());
            }
        });
        values.keySet().forEach(signal -> detectors.iterations().of(signal).ifPresent(p -> perIteration.put(signal, p.bytes())));
        gauges = new Gauges(Collections.unmodifiableMap(new LinkedHashMap<>(values)), rates, verdicts, perIteration);
    }

    public void finding(Finding f) {
        findings.computeIfAbsent(f.signal() + "\u0000" + f.verdict().json(), k -> new AtomicLong()).incrementAndGet();
    }

    public void siteLeak() {
        siteLeaks.incrementAndGet();
    }

    public void cleanup(boolean ok) {
        if (!ok) {
            cleanupsFailed.incrementAndGet();
        }
    }

    public Snapshot snapshot() {
        Map<String, Long> counts = new LinkedHashMap<>();
        findings.forEach((k, v) -> counts.put(k, v.get()));
        return new Snapshot(gauges, counts, siteLeaks.get(), cleanupsFailed.get());
    }

    /** Splits a key of {@link Snapshot#findings()} into signal and verdict. */
    static String[] signalAndVerdict(String key) {
        return key.split("\u0000", 2);
    }
}
