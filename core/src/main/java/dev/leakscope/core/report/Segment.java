package dev.leakscope.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** A straight piece of a chart in data units: from (t0, v0) to (t1, v1). */
record Segment(double t0, double v0, double t1, double v1) {

    /**
     * The rate a finding measured, as the line it fitted: ending at the finding's value, over the
     * window the rate rests on (cut at {@code start}, the chart's left edge).
     */
    static Optional<Segment> fittedSlope(JsonNode finding, double start) {
        JsonNode rate = finding.path("rate_bytes_per_s");
        JsonNode window = finding.path("window_s");
        JsonNode current = finding.path("current_bytes");
        if (!rate.isNumber() || !window.isNumber() || !current.isNumber()) {
            return Optional.empty();
        }
        double t = finding.path("t").asDouble();
        double from = Math.max(start, t - window.asDouble());
        return Optional.of(new Segment(from, current.asDouble() - rate.asDouble() * (t - from), t, current.asDouble()));
    }

    /**
     * Where that rate leads: from the finding's value towards the limit, reached after the
     * finding's time to limit; cut at {@code end}, the chart's right edge, when that comes first.
     */
    static Optional<Segment> projection(JsonNode finding, Double limit, double end) {
        JsonNode rate = finding.path("rate_bytes_per_s");
        JsonNode ttl = finding.path("time_to_limit_s");
        JsonNode current = finding.path("current_bytes");
        if (limit == null || !rate.isNumber() || rate.asDouble() <= 0 || !ttl.isNumber() || !current.isNumber()) {
            return Optional.empty();
        }
        double t = finding.path("t").asDouble();
        double reached = t + ttl.asDouble();
        if (reached <= end) {
            return Optional.of(new Segment(t, current.asDouble(), reached, limit));
        }
        return end > t ? Optional.of(new Segment(t, current.asDouble(), end, current.asDouble() + rate.asDouble() * (end - t)))
                : Optional.empty();
    }
}
