package dev.leakscope.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A stretch of the run under one verdict: a finding starts it, the signal's next finding (or the
 * end of the run) ends it. Before a signal's first finding there is no band: not yet assessed.
 */
record VerdictBand(double from, double to, String verdict) {

    /** The bands of one signal, from its findings in stream order. */
    static List<VerdictBand> of(List<JsonNode> findings, double end) {
        List<VerdictBand> bands = new ArrayList<>();
        for (int i = 0; i < findings.size(); i++) {
            double from = findings.get(i).path("t").asDouble();
            double to = i + 1 < findings.size() ? findings.get(i + 1).path("t").asDouble() : Math.max(from, end);
            bands.add(new VerdictBand(from, to, findings.get(i).path("verdict").asText("unknown")));
        }
        return bands;
    }

    /** The CSS class that colours a verdict; verdicts this version does not know get a neutral one. */
    static String cssClass(String verdict) {
        return switch (verdict) {
            case "leak", "growth_suspected", "plateau", "sawtooth", "step", "stable" -> "v-" + verdict;
            default -> "v-other";
        };
    }
}
