package dev.leakscope.core.analyze;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A recorded event stream, read whole, for {@code gate} and {@code report}: the start, each
 * signal's samples, the findings and the other events in order, and the summary when the run
 * ended with one. A run killed before its summary (out of memory) still holds all it wrote.
 *
 * @param source        the file, for messages
 * @param start         the {@code start} event, or {@code null}
 * @param series        signal → its sampled values
 * @param findings      {@code finding} events in order
 * @param siteLeaks     {@code site_leak} events in order
 * @param cleanups      {@code cleanup} events in order
 * @param phases        {@code phase} events in order
 * @param notices       {@code notice} events in order
 * @param summary       the {@code summary}, or {@code null} when the run ended early
 * @param lastLineCutOff whether the last line was cut off mid-write (and left out)
 */
public record RecordedRun(String source, JsonNode start, Map<String, Series> series, List<JsonNode> findings,
                          List<JsonNode> siteLeaks, List<JsonNode> cleanups, List<JsonNode> phases,
                          List<JsonNode> notices, JsonNode summary, boolean lastLineCutOff) {

    /** Whether the stream ends without its summary: the process was killed, or is still running. */
    public boolean endedEarly() {
        return summary == null;
    }

    /** The latest time in the stream, in seconds since the observation started. */
    public double lastT() {
        double last = summary == null ? 0 : summary.path("t").asDouble(0);
        for (Series s : series.values()) {
            last = Math.max(last, s.size() == 0 ? 0 : s.t(s.size() - 1));
        }
        for (JsonNode f : findings) {
            last = Math.max(last, f.path("t").asDouble(0));
        }
        return last;
    }

    /**
     * Each signal's latest assessment, as a finding-shaped object ({@code verdict},
     * {@code rate_bytes_per_s}, {@code rate_low}, {@code rate_high}, ...): the summary's entry when
     * there is a summary, else the signal's latest finding. Signals never assessed are absent.
     */
    public Map<String, JsonNode> assessments() {
        Map<String, JsonNode> latest = new LinkedHashMap<>();
        if (summary != null) {
            summary.path("signals").fields().forEachRemaining(e -> {
                if (e.getValue().has("verdict")) {
                    latest.put(e.getKey(), e.getValue());
                }
            });
            return Collections.unmodifiableMap(latest);
        }
        for (JsonNode finding : findings) {
            latest.put(finding.path("signal").asText(), finding);
        }
        return Collections.unmodifiableMap(latest);
    }
}
