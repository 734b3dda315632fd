package dev.leakscope.core.analyze;

import java.util.List;
import java.util.Map;

/** Receives a trace as it is read, in order: the header once, then every sample. */
public interface TraceVisitor {

    /**
     * What the trace says about itself.
     *
     * @param pid              the observed process (0 when the trace does not say)
     * @param commandLine      its command line, or {@code null}
     * @param startEpochMillis wall-clock time at {@code t = 0}, or 0 when unknown
     * @param limits           limits recorded with the trace (JSON Lines {@code start.limits})
     * @param signals          the signals the trace holds: the CSV's columns, or the stream's
     *                         {@code start.signals} (empty when it does not say)
     * @param eventStream      whether the trace is a leakscope event stream (which ends with a summary
     *                         when its run ended normally) rather than a CSV
     */
    record Header(long pid, String commandLine, long startEpochMillis, Map<String, Long> limits, List<String> signals,
                  boolean eventStream) {
    }

    void header(Header header);

    /** One sample: {@code values} maps signal to bytes (or a count); absent signals were not read. */
    void sample(double t, Map<String, Double> values);

    /** The trace's own summary, when it has one (a JSON Lines stream that ended normally). */
    default void summary(boolean endedNormally, String reason) {
    }
}
