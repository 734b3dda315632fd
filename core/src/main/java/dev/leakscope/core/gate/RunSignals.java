package dev.leakscope.core.gate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leakscope.core.analyze.RecordedRun;
import dev.leakscope.core.analyze.Series;
import dev.leakscope.core.detect.WholeRunSlope;
import dev.leakscope.core.sample.Signals;
import dev.leakscope.core.unit.Units;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What a recorded run says about one signal, for the rules: present or why not, rate, growth. */
final class RunSignals {

    private RunSignals() {
    }

    /** Checks a signal name from the command line: a fixed signal or a site's. */
    static String checkName(String signal) {
        if (!Signals.ALL.contains(signal) && !signal.startsWith(Signals.SITE_PREFIX)) {
            throw new IllegalArgumentException("unknown signal " + signal + " (expected: one of " + String.join(", ", Signals.ALL)
                    + ", or site:<id>)");
        }
        return signal;
    }

    /** Why the run has no values of {@code signal}, or empty when it has some. */
    static Optional<String> absence(RecordedRun run, String signal) {
        if (run.series().containsKey(signal) || run.assessments().containsKey(signal)) {
            return Optional.empty();
        }
        JsonNode unavailable = run.start() == null ? null : run.start().path("unavailable").get(signal);
        if (unavailable != null) {
            return Optional.of(signal + " was unavailable in this run: " + unavailable.asText());
        }
        return Optional.of("this run has no " + signal + " values");
    }

    /** A rule on a signal the run has no values of is skipped, saying why. */
    static Optional<RuleOutcome> skipWhenAbsent(RecordedRun run, String signal, String rule, String limit) {
        return absence(run, signal).map(why -> RuleOutcome.skip(rule, limit, why));
    }

    /**
     * A signal's growth rate in bytes/s, with its interval's bounds (null when unbounded): the
     * detector's latest assessment, else, for a run too short for one, the slope of its samples.
     */
    record Rate(double bytesPerSecond, Double low, Double high, boolean fromSamples) {
    }

    static Optional<Rate> rate(RecordedRun run, String signal) {
        JsonNode assessment = run.assessments().get(signal);
        if (assessment != null && assessment.path("rate_bytes_per_s").isNumber()) {
            return Optional.of(new Rate(assessment.get("rate_bytes_per_s").asDouble(), finite(assessment.path("rate_low")),
                    finite(assessment.path("rate_high")), false));
        }
        Series series = run.series().get(signal);
        if (series == null) {
            return Optional.empty();
        }
        return WholeRunSlope.of(series.times(), series.values(), series.size()).map(fit -> new Rate(fit.slope(),
                Double.isFinite(fit.low()) ? fit.low() : null, Double.isFinite(fit.high()) ? fit.high() : null, true));
    }

    /** {@code 20.0 MiB/s (19.9 MiB/s to 20.1 MiB/s)}, marked when measured from the samples. */
    static String describe(Rate rate) {
        String interval = rate.low() == null || rate.high() == null ? ""
                : " (" + Units.formatRate(rate.low()) + " to " + Units.formatRate(rate.high()) + ")";
        return Units.formatRate(rate.bytesPerSecond()) + interval + (rate.fromSamples() ? ", from the samples" : "");
    }

    private static Double finite(JsonNode bound) {
        return bound.isNumber() && Double.isFinite(bound.asDouble()) ? bound.asDouble() : null;
    }

    /** One line on why a signal's verdict is what it is: its latest finding's message, else its rate. */
    static String verdictLine(RecordedRun run, String signal) {
        JsonNode latest = null;
        for (JsonNode finding : run.findings()) {
            if (finding.path("signal").asText().equals(signal)) {
                latest = finding;
            }
        }
        if (latest != null && latest.hasNonNull("message")) {
            return signal + ": " + latest.get("message").asText();
        }
        JsonNode assessment = run.assessments().get(signal);
        String verdict = assessment == null ? "?" : assessment.path("verdict").asText("?");
        return signal + ": " + verdict + rate(run, signal).map(r -> " at " + Units.formatRate(r.bytesPerSecond())).orElse("");
    }

    /** Last value minus first: the summary's {@code change_bytes}, else from the samples. */
    static double growth(RecordedRun run, String signal) {
        JsonNode stats = run.summary() == null ? null : run.summary().path("signals").get(signal);
        if (stats != null && stats.path("change_bytes").isNumber()) {
            return stats.get("change_bytes").asDouble();
        }
        Series series = run.series().get(signal);
        return series == null ? 0 : series.change();
    }

    /**
     * A site's description for a failure: its id, then its stack's frames, from wherever the run
     * recorded it (the summary's sites, a finding's, a site_leak).
     */
    static List<String> siteWithStack(RecordedRun run, String id) {
        List<String> lines = new ArrayList<>();
        lines.add(id);
        JsonNode site = findSite(run, id);
        if (site != null) {
            site.path("stack").forEach(frame -> lines.add("    at " + frame.asText()));
        }
        return lines;
    }

    private static JsonNode findSite(RecordedRun run, String id) {
        if (run.summary() != null) {
            for (JsonNode site : run.summary().path("sites")) {
                if (site.path("id").asText().equals(id)) {
                    return site;
                }
            }
        }
        for (JsonNode leak : run.siteLeaks()) {
            if (leak.path("id").asText().equals(id)) {
                return leak;
            }
        }
        for (JsonNode finding : run.findings()) {
            for (JsonNode site : finding.path("sites")) {
                if (site.path("id").asText().equals(id)) {
                    return site;
                }
            }
        }
        return null;
    }
}
