package dev.leakscope.core.analyze;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link RecordedRun} from a stream's lines. Pure: it is handed lines, the reader does
 * the I/O. A malformed line is an error, except the last one, which a killed writer may have cut
 * off mid-line: that one is left out and the run says so. A {@code start} repeated at a rotation
 * cut is skipped; one of another run is an error.
 */
final class RecordedRunParser {

    private final String source;
    private JsonNode start;
    private final Map<String, Series> series = new LinkedHashMap<>();
    private final List<JsonNode> findings = new ArrayList<>();
    private final List<JsonNode> siteLeaks = new ArrayList<>();
    private final List<JsonNode> cleanups = new ArrayList<>();
    private final List<JsonNode> phases = new ArrayList<>();
    private final List<JsonNode> notices = new ArrayList<>();
    private JsonNode summary;
    private long events;
    /** A malformed line, fatal unless it turns out to be the last. */
    private TraceFormatException pending;

    RecordedRunParser(String source) {
        this.source = source;
    }

    void line(long number, String line) throws TraceFormatException {
        JsonNode event;
        try {
            event = EventLines.parse(source, number, line);
        } catch (TraceFormatException e) {
            throwPending();
            pending = e;
            return;
        }
        if (event == null) {
            return;
        }
        throwPending();
        if (summary != null) {
            throw new TraceFormatException(source, number, "an event after the summary (expected: the summary ends the stream)");
        }
        events++;
        dispatch(number, event);
    }

    RecordedRun end(long lines) throws TraceFormatException {
        if (events == 0) {
            throw pending != null ? pending
                    : new TraceFormatException(source, Math.max(1, lines), "no events (expected: a leakscope event stream)");
        }
        return new RecordedRun(source, start, Collections.unmodifiableMap(series), List.copyOf(findings),
                List.copyOf(siteLeaks), List.copyOf(cleanups), List.copyOf(phases), List.copyOf(notices), summary,
                pending != null);
    }

    private void throwPending() throws TraceFormatException {
        if (pending != null) {
            throw pending;
        }
    }

    private void dispatch(long number, JsonNode event) throws TraceFormatException {
        switch (event.path("type").asText("")) {
            case "start" -> start(number, event);
            case "sample" -> sample(number, event);
            case "finding" -> findings.add(event);
            case "site_leak" -> siteLeaks.add(event);
            case "cleanup" -> cleanups.add(event);
            case "phase" -> phases.add(event);
            case "notice" -> notices.add(event);
            case "summary" -> summary = event;
            default -> {
                // a type this version does not know: readers ignore what they do not know
            }
        }
    }

    private void start(long number, JsonNode event) throws TraceFormatException {
        if (start == null) {
            start = event;
        } else if (!start.path("time").equals(event.path("time"))) {
            throw new TraceFormatException(source, number, "a second run starts here (expected: one run per stream; "
                    + "give each run's file on its own)");
        }
    }

    private void sample(long number, JsonNode event) throws TraceFormatException {
        double t = EventLines.sampleTime(source, number, event);
        for (Map.Entry<String, Double> e : EventLines.sampleValues(source, number, event).entrySet()) {
            series.computeIfAbsent(e.getKey(), Series::new).add(t, e.getValue());
        }
    }
}
