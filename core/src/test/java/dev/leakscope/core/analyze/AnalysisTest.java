package dev.leakscope.core.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leakscope.core.event.JsonLinesWriter;
import dev.leakscope.testkit.EventSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalysisTest {

    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aCsvLeakGivesAFindingAtTheTraceTimeAndASummary() throws Exception {
        StringBuilder csv = new StringBuilder("t_seconds,rss_anon,rss_file\n");
        for (int t = 0; t < 3600; t++) {
            csv.append(t).append(',').append(2_000_000_000L + t * 200_000L + (t % 7) * 300_000L).append(",\n");
        }
        List<JsonNode> events = analyze(csv.toString(), Map.of("rss_anon", 3_000_000_000L));
        assertThat(events.get(0).get("type").asText()).isEqualTo("start");
        assertThat(events.get(0).get("limits").get("rss_anon").asLong()).isEqualTo(3_000_000_000L);
        JsonNode leak = events.stream().filter(e -> e.path("verdict").asText().equals("leak")).findFirst().orElseThrow();
        assertThat(leak.get("type").asText()).isEqualTo("finding");
        assertThat(leak.get("t").asDouble()).isBetween(30.0, 2500.0);
        assertThat(leak.get("rate_bytes_per_s").asDouble()).isBetween(180_000.0, 220_000.0);
        assertThat(leak.get("time_to_limit_s").asDouble()).isPositive();
        JsonNode summary = events.get(events.size() - 1);
        assertThat(summary.get("type").asText()).isEqualTo("summary");
        assertThat(summary.get("t").asDouble()).isEqualTo(3599.0);
        assertThat(summary.get("signals").get("rss_anon").get("verdict").asText()).isEqualTo("leak");
        assertThat(summary.get("signals").has("rss_file")).as("an empty column has no samples").isFalse();
        assertThat(summary.get("worst").get("signal").asText()).isEqualTo("rss_anon");
    }

    @Test
    void malformedTracesNameTheLineAndWhatWasExpected() throws IOException {
        assertFormatError("", "trace.csv:1: the trace is empty (expected: a CSV trace or a leakscope event stream)");
        assertFormatError("t_seconds,rss\n-5,100\n", "trace.csv:2: t_seconds -5 is negative (expected: seconds >= 0)");
        assertFormatError("time,rss\n0,1\n", "trace.csv:1: header starts with \"time\" (expected: t_seconds,<signal>[,<signal>...])");
        assertFormatError("t_seconds,resident\n", "trace.csv:1: unknown signal \"resident\" in column 2");
        assertFormatError("t_seconds,rss\n", "trace.csv:1: the trace has a header but no samples");
        assertFormatError("t_seconds,rss\n0,100\n1,12MB\n", "trace.csv:3: value \"12MB\" in column rss is not a number (expected: bytes, or empty for no sample)");
        assertFormatError("t_seconds,rss\n0,100\n5,100\n4,100\n", "trace.csv:4: time goes backwards: t_seconds 4 after 5.0 (expected: non-decreasing times)");
        assertFormatError("t_seconds,rss\n0,100,7\n", "trace.csv:2: 3 columns (expected: 2, as in the header)");
        assertFormatError("t_seconds,rss\n0,-100\n", "trace.csv:2: value -100 in column rss is negative (expected: bytes >= 0)");
        assertFormatError("t_seconds,rss,rss\n", "trace.csv:1: signal \"rss\" appears twice in the header");
        assertFormatError("{\"schema\":\"leakscope.v1\",\"type\":\"sample\",\"t\":1,\"values\":{\"rss\":1}}\n{oops\n",
                "trace.csv:2: not JSON: ");
        assertFormatError("{\"schema\":\"leakscope.v9\",\"type\":\"sample\"}\n", "trace.csv:1: schema \"leakscope.v9\" (expected: leakscope.v1)");
        assertFormatError("{\"schema\":\"leakscope.v1\",\"type\":\"start\",\"t\":0,\"pid\":3}\n",
                "trace.csv:1: the stream has no sample events");
    }

    @Test
    void aFirstRowWithoutValuesStillGivesOneStartListingEveryColumn() throws Exception {
        List<JsonNode> events = analyze("t_seconds,rss_anon,uss\n0,,\n1,100,\n2,100,50\n", Map.of());
        assertThat(events).filteredOn(e -> e.get("type").asText().equals("start")).hasSize(1);
        assertThat(events.get(0).get("signals")).extracting(JsonNode::asText).containsExactly("rss_anon", "uss");
        assertThat(events.get(0).get("t").asDouble()).isZero();
    }

    @Test
    void anEventStreamKeepsItsPidAndLimitsAndSaysWhenItWasCutShort() throws Exception {
        String stream = "{\"schema\":\"leakscope.v1\",\"type\":\"start\",\"time\":\"2026-11-24T10:00:00Z\",\"t\":0.0,\"pid\":77,"
                + "\"target\":{\"pid\":77,\"command_line\":\"python serve.py\",\"tree\":false},\"limits\":{\"rss_anon\":5000}}\n"
                + "{\"schema\":\"leakscope.v1\",\"type\":\"notice\",\"time\":\"2026-11-24T10:00:00Z\",\"t\":0.5,\"pid\":77,\"level\":\"info\",\"message\":\"m\"}\n"
                + "{\"schema\":\"leakscope.v1\",\"type\":\"sample\",\"time\":\"2026-11-24T10:00:01Z\",\"t\":1.0,\"pid\":77,\"values\":{\"rss_anon\":1000},\"future_field\":1}\n";
        List<JsonNode> events = analyze(stream, Map.of());
        assertThat(events.get(0).get("pid").asLong()).isEqualTo(77);
        assertThat(events.get(0).get("target").get("command_line").asText()).isEqualTo("python serve.py");
        assertThat(events.get(0).get("limits").get("rss_anon").asLong()).isEqualTo(5000);
        assertThat(events.get(0).get("time").asText()).isEqualTo("2026-11-24T10:00:01Z");
        JsonNode summary = events.get(events.size() - 1);
        assertThat(summary.get("ended_normally").asBoolean()).isFalse();
        assertThat(summary.get("reason").asText()).contains("has no summary");
    }

    private void assertFormatError(String content, String messageStart) throws IOException {
        Path file = dir.resolve("trace.csv");
        Files.writeString(file, content);
        assertThatThrownBy(() -> Analysis.run(file, Map.of(), new JsonLinesWriter(new ByteArrayOutputStream(), "x", false)))
                .isInstanceOf(TraceFormatException.class)
                .hasMessageStartingWith(file + messageStart.substring("trace.csv".length()));
    }

    private List<JsonNode> analyze(String content, Map<String, Long> limits) throws Exception {
        Path file = dir.resolve("trace");
        Files.writeString(file, content);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Analysis.run(file, limits, new JsonLinesWriter(out, "memory", false));
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        EventSchema.assertConforms(lines);
        List<JsonNode> events = new ArrayList<>();
        for (String l : lines) {
            events.add(json.readTree(l));
        }
        return events;
    }
}
