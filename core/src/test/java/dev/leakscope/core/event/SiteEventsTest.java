package dev.leakscope.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leakscope.core.detect.Detectors;
import dev.leakscope.core.detect.Finding;
import dev.leakscope.core.detect.Limits;
import dev.leakscope.core.detect.Verdict;
import dev.leakscope.core.sample.Availability;
import dev.leakscope.core.sample.ObservationClock;
import dev.leakscope.core.sample.Signals;
import dev.leakscope.core.site.SiteKind;
import dev.leakscope.core.site.SiteLeak;
import dev.leakscope.core.site.SiteRates;
import dev.leakscope.core.site.SiteTable;
import dev.leakscope.core.site.Tracking;
import dev.leakscope.testkit.EventSchema;
import dev.leakscope.testkit.SiteCalls;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sites in findings, site_leak and summary events, against the published schema. */
class SiteEventsTest {

    private static final double RATE = 10e6;
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aLeakingProcessSignalNamesItsGrowingSitesAndHowMuchTheyExplain() throws Exception {
        SiteTable table = new SiteTable(10, 512 * 1024);
        SiteCalls.direct(table, 100, 1 << 20);
        String siteId = table.snapshot().get(0).id();
        Detectors detectors = new Detectors(Limits.none().with(Signals.DIRECT_BUFFERS, 4_000_000_000L));
        Finding leak = null;
        for (int t = 0; t <= 300 && leak == null; t++) {
            // the site grows at 60% of the signal's rate: the rest is memory no tracked site allocated
            detectors.add(t, siteId, 0.6 * RATE * t);
            Finding f = detectors.add(t, Signals.DIRECT_BUFFERS, RATE * t + 5e6 * Math.sin(t));
            leak = f != null && f.verdict() == Verdict.LEAK ? f : null;
        }
        assertThat(leak).as("a leak of 10 MB/s towards 4 GB").isNotNull();
        List<String> lines = write(stream -> stream.finding(detectorsLatest(detectors, Signals.DIRECT_BUFFERS),
                SiteRates.of(table, detectors), table.estimated()));
        EventSchema.assertConforms(lines);
        JsonNode finding = json.readTree(lines.get(0));
        assertThat(finding.get("sites").get(0).get("id").asText()).isEqualTo(siteId);
        assertThat(finding.get("sites").get(0).get("estimated").asBoolean()).isTrue();
        double rate = finding.get("rate_bytes_per_s").asDouble();
        assertThat(finding.get("explained_rate_bytes_per_s").asDouble()).isBetween(0.5 * rate, 0.7 * rate);
        assertThat(finding.get("unexplained_rate_bytes_per_s").asDouble()).isBetween(0.3 * rate, 0.5 * rate);
    }

    @Test
    void siteLeaksSummariesAndModulesConformToTheSchema() throws Exception {
        SiteTable table = new SiteTable(10, 1);
        SiteCalls.tensor(table, new Object(), 4096);
        Tracking tracking = new Tracking(table, Map.of("onnxruntime", "on", "unsafe", "absent: not here"),
                kind -> kind == SiteKind.ONNX_TENSOR ? new long[] {3, 12288, 2, 8192} : new long[4], () -> { });
        List<SiteLeak> leaks = SiteCalls.drainAfterGc(table);
        assertThat(leaks).hasSize(1);
        SiteLeak leak = leaks.get(0);
        List<String> lines = write(stream -> {
            stream.start(dev.leakscope.core.event.Target.of(1, "java App", "17", false), Map.of(),
                    Availability.of(List.of(Signals.RSS)), Map.of(), tracking);
            stream.siteLeak(leak, true, "stacks=all");
            stream.summary(new RunSummary(), new Detectors(Limits.none()), true, "done", tracking, null);
        });
        EventSchema.assertConforms(lines);
        assertThat(json.readTree(lines.get(0)).get("modules").get("unsafe").asText()).isEqualTo("absent: not here");
        JsonNode siteLeak = json.readTree(lines.get(1));
        assertThat(siteLeak.get("site").asText()).isEqualTo(SiteCalls.frame("tensor"));
        assertThat(siteLeak.get("message").asText()).contains("without close()").contains("stacks=all");
        JsonNode summary = json.readTree(lines.get(2));
        assertThat(summary.get("allocations").get("onnx_tensor").get("freed_bytes").asLong()).isEqualTo(8192);
        assertThat(summary.get("allocations").has("unsafe")).as("kinds that saw nothing are left out").isFalse();
        assertThat(summary.get("sites").get(0).get("live_bytes").asLong()).isEqualTo(4096);
    }

    private static Finding detectorsLatest(Detectors detectors, String signal) {
        return detectors.bySignal().get(signal).latest();
    }

    private interface Writes {
        void to(EventStream stream) throws Exception;
    }

    private static List<String> write(Writes writes) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        writes.to(new EventStream(new JsonLinesWriter(bytes, "memory", false), 42, ObservationClock.startNow()));
        return new ArrayList<>(bytes.toString(StandardCharsets.UTF_8).lines().toList());
    }
}
