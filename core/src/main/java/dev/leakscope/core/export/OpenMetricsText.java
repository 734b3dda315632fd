package dev.leakscope.core.export;

import dev.leakscope.core.sample.Signals;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The metrics as text a Prometheus server scrapes: the Prometheus text format 0.0.4, or
 * OpenMetrics 1.0 when the scraper asks for it (counter families named without {@code _total}, and
 * a closing {@code # EOF}). A pure function of a {@link Metrics.Snapshot}.
 */
public final class OpenMetricsText {

    public static final String PROMETHEUS_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    public static final String OPENMETRICS_TYPE = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private OpenMetricsText() {
    }

    /** Whether a scraper's {@code Accept} header asks for OpenMetrics. */
    public static boolean wantsOpenMetrics(String accept) {
        return accept != null && accept.contains("application/openmetrics-text");
    }

    public static String render(Metrics.Snapshot s, boolean openMetrics) {
        StringBuilder out = new StringBuilder();
        Metrics.Gauges g = s.gauges();
        family(out, "leakscope_signal_value", "gauge", "Latest value of each signal: bytes, or a count for "
                + String.join(" and ", countSignals(g.values())) + ".");
        g.values().forEach((signal, v) -> sample(out, "leakscope_signal_value", signal(signal), v));
        family(out, "leakscope_signal_rate_bytes_per_second", "gauge", "Growth rate of each signal at its latest assessment.");
        g.rates().forEach((signal, v) -> sample(out, "leakscope_signal_rate_bytes_per_second", signal(signal), v));
        family(out, "leakscope_signal_verdict", "gauge", "1 for each signal's verdict now: leak, growth_suspected, plateau, sawtooth, step or stable.");
        g.verdicts().forEach((signal, v) -> sample(out, "leakscope_signal_verdict",
                signal(signal) + ",verdict=\"" + escape(v) + "\"", 1));
        family(out, "leakscope_signal_per_iteration_bytes", "gauge", "Growth of each signal per marked iteration.");
        g.perIteration().forEach((signal, v) -> sample(out, "leakscope_signal_per_iteration_bytes", signal(signal), v));
        counter(out, openMetrics, "leakscope_findings", "Findings written, by signal and verdict.");
        new TreeMap<>(s.findings()).forEach((key, v) -> {
            String[] sv = Metrics.signalAndVerdict(key);
            sample(out, "leakscope_findings_total", signal(sv[0]) + ",verdict=\"" + escape(sv[1]) + "\"", v);
        });
        counter(out, openMetrics, "leakscope_site_leaks", "Site leaks written: tracked objects collected unclosed.");
        sample(out, "leakscope_site_leaks_total", null, s.siteLeaks());
        counter(out, openMetrics, "leakscope_cleanups_failed", "Cleanup checks that freed less than expected.");
        sample(out, "leakscope_cleanups_failed_total", null, s.cleanupsFailed());
        if (openMetrics) {
            out.append("# EOF\n");
        }
        return out.toString();
    }

    private static Iterable<String> countSignals(Map<String, Long> values) {
        return values.keySet().stream().filter(Signals::isCount).sorted().toList();
    }

    private static void counter(StringBuilder out, boolean openMetrics, String family, String help) {
        family(out, openMetrics ? family : family + "_total", "counter", help);
    }

    private static void family(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(StringBuilder out, String name, String labels, double value) {
        out.append(name);
        if (labels != null) {
            out.append('{').append(labels).append('}');
        }
        out.append(' ').append(number(value)).append('\n');
    }

    private static String signal(String name) {
        return "signal=\"" + escape(name) + "\"";
    }

    private static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }

    /** Label values escape backslash, double quote and line feed. */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
