package dev.leakscope.core.jvm;

import java.util.List;
import java.util.Map;

/**
 * While heap_after_gc leaks, finds the classes whose instances grow: a class histogram when the
 * leak is found, another {@link #FIRST_SPAN_S} later, then one every {@link #LATER_SPAN_S} while
 * the leak stands. Rarely, because each histogram collects the whole heap and pauses the JVM. A
 * histogram that fails turns the watch off. Used by the sampling thread only.
 */
public final class HeapClassWatch {

    /** Takes one histogram: the text of {@code GC.class_histogram}. */
    @FunctionalInterface
    public interface Histograms {
        String take() throws Exception;
    }

    /**
     * What grew over {@code spanSeconds}, or why the watch stopped ({@code failure} set, nothing else).
     */
    public record Report(double spanSeconds, List<ClassHistogram.Growth> classes, String failure) {
    }

    /** Time from the histogram at the leak's finding to the first comparison. */
    public static final double FIRST_SPAN_S = 15;
    /** Time between later comparisons while the leak stands. */
    public static final double LATER_SPAN_S = 600;
    /** Classes named per report. */
    public static final int TOP = 10;

    private final Histograms histograms;
    private Map<String, ClassHistogram.Entry> baseline;
    private double baselineT;
    private double nextT;
    private boolean off;

    public HeapClassWatch(Histograms histograms) {
        this.histograms = histograms;
    }

    /** This JVM's own histograms, through the DiagnosticCommand MBean. */
    public static HeapClassWatch ofThisJvm() {
        return new HeapClassWatch(() -> DiagnosticCommands.run("gcClassHistogram"));
    }

    /**
     * Called on each tick.
     *
     * @param heapLeaks whether heap_after_gc's verdict is leak now
     * @return a report when one is due, else {@code null}
     */
    public Report onTick(double t, boolean heapLeaks) {
        if (off || !heapLeaks) {
            baseline = null;
            return null;
        }
        if (baseline != null && t < nextT) {
            return null;
        }
        Map<String, ClassHistogram.Entry> now;
        try {
            now = ClassHistogram.parse(histograms.take());
        } catch (Exception | LinkageError e) {
            off = true;
            return new Report(0, List.of(), "GC.class_histogram failed: " + e);
        }
        Report report = baseline == null ? null
                : new Report(t - baselineT, ClassHistogram.growth(baseline, now, TOP), null);
        nextT = t + (baseline == null ? FIRST_SPAN_S : LATER_SPAN_S);
        baseline = now;
        baselineT = t;
        return report;
    }
}
