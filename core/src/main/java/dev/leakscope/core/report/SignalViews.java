package dev.leakscope.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leakscope.core.analyze.RecordedRun;
import dev.leakscope.core.analyze.Series;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One {@link SignalView} per sampled signal of a run, the most severe verdicts first. */
final class SignalViews {

    private SignalViews() {
    }

    static List<SignalView> of(RecordedRun run) {
        Map<String, List<JsonNode>> findings = new LinkedHashMap<>();
        for (JsonNode finding : run.findings()) {
            findings.computeIfAbsent(finding.path("signal").asText(), s -> new ArrayList<>()).add(finding);
        }
        Map<String, JsonNode> assessments = run.assessments();
        List<SignalView> views = new ArrayList<>();
        for (Series series : run.series().values()) {
            String signal = series.signal();
            List<JsonNode> own = findings.getOrDefault(signal, List.of());
            views.add(new SignalView(signal, series, own, assessments.get(signal), limit(run, signal, own)));
        }
        // a stable sort: within a severity, the stream's own order of signals
        views.sort(Comparator.comparingInt(SignalView::severity));
        return views;
    }

    /** The latest word on the limit: the summary's, the latest finding's, else the start's. */
    private static Double limit(RecordedRun run, String signal, List<JsonNode> findings) {
        List<JsonNode> sources = new ArrayList<>();
        if (run.summary() != null) {
            sources.add(run.summary().path("signals").path(signal).path("limit_bytes"));
        }
        if (!findings.isEmpty()) {
            sources.add(findings.get(findings.size() - 1).path("limit_bytes"));
        }
        if (run.start() != null) {
            sources.add(run.start().path("limits").path(signal));
        }
        return sources.stream().filter(JsonNode::isNumber).map(JsonNode::asDouble).findFirst().orElse(null);
    }
}
