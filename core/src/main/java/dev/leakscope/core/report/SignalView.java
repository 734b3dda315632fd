package dev.leakscope.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.leakscope.core.analyze.Series;
import dev.leakscope.core.sample.Signals;
import java.util.List;

/**
 * What the report shows of one signal: its samples, its findings in order, its latest assessment
 * (the summary's, else the latest finding's) and the limit it grows towards.
 *
 * @param assessment finding-shaped, or {@code null} when the detector never assessed the signal
 * @param limit      bytes, or {@code null} when no limit is known
 */
record SignalView(String signal, Series series, List<JsonNode> findings, JsonNode assessment, Double limit) {

    boolean count() {
        return Signals.isCount(signal);
    }

    /** The signal's latest finding, or a missing node: its slope and time to limit are drawn. */
    JsonNode latestFinding() {
        return findings.isEmpty() ? MissingNode.getInstance() : findings.get(findings.size() - 1);
    }

    /** {@code leak}, {@code plateau}, ...; {@code null} when never assessed. */
    String verdict() {
        return assessment == null ? null : assessment.path("verdict").asText(null);
    }

    /** Leaks first, then suspected growth, then the rest, then signals never assessed. */
    int severity() {
        String verdict = verdict();
        if (verdict == null) {
            return 3;
        }
        return switch (verdict) {
            case "leak" -> 0;
            case "growth_suspected" -> 1;
            default -> 2;
        };
    }

    String rateText() {
        return assessment == null ? Format.NONE : Format.rate(assessment.path("rate_bytes_per_s"), count());
    }

    /** The rate's 95% confidence interval: {@code 19.3 MiB/s to 20.1 MiB/s}. */
    String intervalText() {
        JsonNode low = assessment == null ? MissingNode.getInstance() : assessment.path("rate_low");
        JsonNode high = assessment == null ? MissingNode.getInstance() : assessment.path("rate_high");
        if (!low.isNumber() || !high.isNumber()) {
            return Format.NONE;
        }
        return Format.rate(low, count()) + " to " + Format.rate(high, count());
    }

    String currentText() {
        return series.size() == 0 ? Format.NONE : Format.amount(series.value(series.size() - 1), count());
    }

    String limitText() {
        return limit == null ? Format.NONE : Format.amount(limit, count());
    }

    /** {@code 41.8s (at t=33.1s)}: the latest finding's projection, with when it was made. */
    String timeToLimitText() {
        JsonNode finding = latestFinding();
        JsonNode seconds = finding.path("time_to_limit_s");
        if (!seconds.isNumber()) {
            return Format.NONE;
        }
        return Format.duration(seconds) + " (from " + Format.at(finding.path("t").asDouble()) + ")";
    }
}
