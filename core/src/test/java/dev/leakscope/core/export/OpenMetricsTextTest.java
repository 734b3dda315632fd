package dev.leakscope.core.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakscope.core.detect.Detectors;
import dev.leakscope.core.detect.Finding;
import dev.leakscope.core.detect.Limits;
import dev.leakscope.core.detect.Verdict;
import dev.leakscope.core.sample.Sample;
import dev.leakscope.core.sample.Signals;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenMetricsTextTest {

    private static final String SITE = "site:onnx_tensor:com.acme.Infer.run(Infer.java:42)";

    @Test
    void gaugesAndCountersInBothFormats() {
        Metrics metrics = new Metrics();
        Detectors detectors = new Detectors(Limits.none());
        Map<String, Long> values = new LinkedHashMap<>();
        for (int i = 1; i <= 6; i++) {
            values.put(Signals.RSS_ANON, 1_000_000L * i);
            values.put(Signals.ITERATIONS, (long) i);
            values.put(SITE, 4096L * i);
            detectors.add(new Sample(i, 0, values, Map.of()));
        }
        metrics.tick(values, detectors);
        metrics.finding(new Finding(Signals.RSS_ANON, 6, Verdict.LEAK, 1e6, 9e5, 1.1e6, 5, 6_000_000, null, null, true));
        metrics.finding(new Finding(Signals.RSS_ANON, 7, Verdict.LEAK, 1e6, 9e5, 1.1e6, 5, 6_000_000, null, null, true));
        metrics.siteLeak();
        metrics.cleanup(false);
        metrics.cleanup(true);

        String prometheus = OpenMetricsText.render(metrics.snapshot(), false);
        assertThat(prometheus).contains(
                "# HELP leakscope_signal_value Latest value of each signal: bytes, or a count for iterations.\n",
                "# TYPE leakscope_signal_value gauge\nleakscope_signal_value{signal=\"rss_anon\"} 6000000\n",
                "leakscope_signal_value{signal=\"" + SITE + "\"} 24576\n",
                "leakscope_signal_per_iteration_bytes{signal=\"rss_anon\"} 1000000\n",
                "leakscope_signal_verdict{signal=\"rss_anon\",verdict=\"stable\"} 1\n",
                "# TYPE leakscope_findings_total counter\nleakscope_findings_total{signal=\"rss_anon\",verdict=\"leak\"} 2\n",
                "leakscope_site_leaks_total 1\n", "leakscope_cleanups_failed_total 1\n")
                .doesNotContain("# EOF", "verdict{signal=\"iterations\"");
        String openMetrics = OpenMetricsText.render(metrics.snapshot(), true);
        assertThat(openMetrics).contains("# TYPE leakscope_findings counter\n", "leakscope_findings_total{").endsWith("# EOF\n");
    }

    @Test
    void labelValuesAreEscapedAndTheAcceptHeaderChoosesTheFormat() {
        assertThat(OpenMetricsText.escape("a\\b\"c\nd")).isEqualTo("a\\\\b\\\"c\\nd");
        assertThat(OpenMetricsText.wantsOpenMetrics("application/openmetrics-text; version=1.0.0,text/plain;q=0.5")).isTrue();
        assertThat(OpenMetricsText.wantsOpenMetrics("text/plain")).isFalse();
        assertThat(OpenMetricsText.wantsOpenMetrics(null)).isFalse();
        assertThat(OpenMetricsText.render(new Metrics().snapshot(), false)).contains("leakscope_site_leaks_total 0\n");
    }
}
