package dev.leakscope.core.export;

import dev.leakscope.core.detect.Finding;
import dev.leakscope.core.detect.IterationGrowth;
import dev.leakscope.core.sample.Sample;
import dev.leakscope.core.sample.Signals;

/**
 * Samples and findings as JFR events ({@code dev.leakscope.Sample}, {@code dev.leakscope.Finding}),
 * so that they show in JDK Mission Control beside the JVM's own. Costs a flag check per tick while
 * no recording takes them. A JVM without the {@code jdk.jfr} module (a jlink image) gets none: the
 * first failure turns the export off for good. Called on the sampling thread only.
 */
public final class JfrExport {

    private boolean off;

    /** One event per byte signal of {@code sample}, when a recording is on. */
    public void sample(Sample sample) {
        if (off) {
            return;
        }
        try {
            if (!new SampleEvent().isEnabled()) {
                return;
            }
            sample.values().forEach((signal, value) -> {
                if (!Signals.isCount(signal)) {
                    SampleEvent e = new SampleEvent();
                    e.signal = signal;
                    e.value = value;
                    e.commit();
                }
            });
        } catch (LinkageError | RuntimeException e) {
            off = true;
        }
    }

    /** A finding, with its growth per iteration where there is one. */
    public void finding(Finding f, IterationGrowth.PerIteration perIteration) {
        if (off) {
            return;
        }
        try {
            FindingEvent e = new FindingEvent();
            if (!e.isEnabled()) {
                return;
            }
            e.signal = f.signal();
            e.verdict = f.verdict().json();
            e.rate = f.rate();
            e.rateLow = f.low();
            e.rateHigh = f.high();
            e.current = f.current();
            e.limit = f.limit() == null ? -1 : f.limit();
            e.timeToLimit = f.timeToLimit() == null ? Double.NaN : f.timeToLimit();
            e.perIteration = perIteration == null ? Double.NaN : perIteration.bytes();
            e.message = f.message();
            e.commit();
        } catch (LinkageError | RuntimeException e) {
            off = true;
        }
    }
}
