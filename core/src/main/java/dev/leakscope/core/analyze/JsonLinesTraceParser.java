package dev.leakscope.core.analyze;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses a leakscope event stream as a trace: its {@code start} event (pid, command line, limits),
 * its {@code sample} events, and its {@code summary}, if it ended with one. Other events are
 * ignored, as are fields it does not know. Pure: it is handed lines, the reader does the I/O.
 */
final class JsonLinesTraceParser {

    private final String source;
    private final TraceVisitor visitor;
    private boolean headerSent;
    private double lastT = Double.NEGATIVE_INFINITY;
    private long samples;

    JsonLinesTraceParser(String source, TraceVisitor visitor) {
        this.source = source;
        this.visitor = visitor;
    }

    void line(long number, String line) throws TraceFormatException {
        JsonNode event = EventLines.parse(source, number, line);
        if (event == null) {
            return;
        }
        switch (event.path("type").asText("")) {
            case "start":
                start(event);
                break;
            case "sample":
                sample(number, event);
                break;
            case "summary":
                visitor.summary(event.path("ended_normally").asBoolean(false), event.path("reason").asText(""));
                break;
            default:
                break; // findings, notices and the rest are what analyze recomputes or does not need
        }
    }

    void end(long lines) throws TraceFormatException {
        if (samples == 0) {
            throw new TraceFormatException(source, lines, "the stream has no sample events (expected: a stream written with samples=1, or a CSV trace)");
        }
    }

    private void start(JsonNode event) {
        Map<String, Long> limits = new LinkedHashMap<>();
        event.path("limits").fields().forEachRemaining(e -> {
            if (e.getValue().canConvertToLong()) {
                limits.put(e.getKey(), e.getValue().asLong());
            }
        });
        List<String> signals = new ArrayList<>();
        event.path("signals").forEach(s -> signals.add(s.asText()));
        JsonNode target = event.path("target");
        String commandLine = target.hasNonNull("command_line") ? target.get("command_line").asText() : null;
        long start = epochMillis(event) - Math.round(event.path("t").asDouble(0) * 1000);
        headerSent = true;
        visitor.header(new TraceVisitor.Header(event.path("pid").asLong(0), commandLine, Math.max(0, start), limits,
                signals, true));
    }

    private void sample(long number, JsonNode event) throws TraceFormatException {
        if (!headerSent) {
            headerSent = true;
            visitor.header(new TraceVisitor.Header(event.path("pid").asLong(0), null,
                    Math.max(0, epochMillis(event) - Math.round(event.path("t").asDouble(0) * 1000)), Map.of(), List.of(), true));
        }
        double t = EventLines.sampleTime(source, number, event);
        if (t < 0) {
            throw new TraceFormatException(source, number, "t " + t + " is negative (expected: seconds >= 0)");
        }
        if (t < lastT) {
            throw new TraceFormatException(source, number, "time goes backwards: t " + t + " after " + lastT + " (expected: non-decreasing times)");
        }
        lastT = t;
        Map<String, Double> values = EventLines.sampleValues(source, number, event);
        samples++;
        visitor.sample(t, values);
    }

    private static long epochMillis(JsonNode event) {
        try {
            return Instant.parse(event.path("time").asText("")).toEpochMilli();
        } catch (DateTimeParseException e) {
            return 0;
        }
    }
}
