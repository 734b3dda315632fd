package dev.leakscope.core.analyze;

import dev.leakscope.core.detect.Detectors;
import dev.leakscope.core.detect.Finding;
import dev.leakscope.core.detect.Limits;
import dev.leakscope.core.event.EventStream;
import dev.leakscope.core.event.JsonLinesWriter;
import dev.leakscope.core.event.RunSummary;
import dev.leakscope.core.event.Target;
import dev.leakscope.core.sample.Availability;
import dev.leakscope.core.sample.ObservationClock;
import dev.leakscope.core.sample.Sample;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code leakscope analyze}: replays a trace through the same detectors the agent and {@code watch}
 * run online and writes the event stream: {@code start}, each {@code finding} at the trace time the
 * online detector would have emitted it, and a {@code summary} at the trace's end.
 */
public final class Analysis implements TraceVisitor {

    private final Path trace;
    private final Map<String, Long> overrides;
    private final JsonLinesWriter out;
    private EventStream stream;
    private Detectors detectors;
    private final RunSummary summary = new RunSummary();
    private boolean started;
    private Header header;
    private double lastT;
    private boolean tracedEnd;
    private String tracedReason;

    private Analysis(Path trace, Map<String, Long> overrides, JsonLinesWriter out) {
        this.trace = trace;
        this.overrides = overrides;
        this.out = out;
    }

    /**
     * Analyses {@code trace}; {@code overrides} (from {@code --limit}) win over the trace's own limits.
     *
     * @throws TraceFormatException naming the file, line and what was expected
     */
    public static void run(Path trace, Map<String, Long> overrides, JsonLinesWriter out) throws IOException, TraceFormatException {
        Analysis analysis = new Analysis(trace, overrides, out);
        TraceReader.read(trace, analysis);
        analysis.finish();
    }

    @Override
    public void header(Header h) {
        header = h;
        Limits limits = Limits.none().with(h.limits()).with(overrides);
        detectors = new Detectors(limits);
        stream = new EventStream(out, h.pid(), ObservationClock.replay(h.startEpochMillis()));
    }

    @Override
    public void sample(double t, Map<String, Double> values) {
        if (!started) {
            started = true;
            writeStart(t, values);
        }
        Map<String, Long> rounded = new LinkedHashMap<>();
        values.forEach((s, v) -> rounded.put(s, Math.round(v)));
        Sample sample = new Sample(t, 0, rounded, Map.of());
        summary.add(sample);
        for (Finding f : detectors.add(sample)) {
            stream.finding(f, null, false, detectors.iterations().of(f.signal()).orElse(null));
        }
        lastT = t;
    }

    @Override
    public void summary(boolean endedNormally, String reason) {
        tracedEnd = endedNormally;
        tracedReason = reason;
    }

    private void writeStart(double t, Map<String, Double> firstValues) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("trace", trace.toString());
        options.put("limit", overrides);
        String command = header.commandLine() != null ? header.commandLine() : "leakscope analyze " + trace;
        // the signals the trace declares; a stream that does not say has those of its first sample
        List<String> signals = header.signals().isEmpty() ? new ArrayList<>(firstValues.keySet()) : header.signals();
        stream.start(Target.of(header.pid(), command, null, false), options, Availability.of(signals),
                detectors.limits().asMap(), t);
    }

    private void finish() {
        String reason;
        boolean normal;
        if (!header.eventStream()) {
            reason = "end of trace";
            normal = true;
        } else if (tracedReason == null) {
            reason = "end of trace, which has no summary: the recorded run was cut short (killed, or out of memory)";
            normal = false;
        } else {
            reason = "end of trace; the recorded run ended: " + tracedReason;
            normal = tracedEnd;
        }
        stream.summary(summary, detectors, normal, reason, lastT);
    }
}
