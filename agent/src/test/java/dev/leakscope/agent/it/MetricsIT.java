package dev.leakscope.agent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exports for the tools ML teams already run, from one host: a training loop leaking 64 KiB a
 * step for about 40 s (long enough for a finding), under a flight recording and with the metrics
 * endpoint on a port the system picks, scraped twice while it runs. The host then exits by itself,
 * which it could not if any of the endpoint's threads were not daemons.
 */
class MetricsIT {

    private static final Pattern URL = Pattern.compile("metrics at (http://[^\"\\s]+)");
    private static final String STEPS = "2000";
    private static final int STEP_BYTES = 64 * 1024;

    @TempDir
    static Path dir;

    private static AgentHost.Run run;
    private static String url;
    private static HttpResponse<String> first;
    private static HttpResponse<String> second;

    @BeforeAll
    static void runAndScrape() throws Exception {
        String options = "interval=100ms,out=metrics.jsonl,http=127.0.0.1:0,"
                + "iteration=dev.leakscope.agent.it.workload.Trainer#trainStep";
        AgentHost host = AgentHost.start(dir, "metrics", List.of("-XX:StartFlightRecording:filename=metrics.jfr"), options,
                "train", "leak", "64KiB", "40", "50", "20");
        try {
            url = awaitUrl(dir.resolve("metrics.jsonl"), Duration.ofSeconds(20));
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            Thread.sleep(2000);
            first = scrape(http, "text/plain");
            Thread.sleep(2000);
            second = scrape(http, "application/openmetrics-text; version=1.0.0");
        } finally {
            run = host.await(Duration.ofSeconds(120));
        }
    }

    @Test
    void aScrapeShowsEverySignalInBothFormats() {
        assertThat(url).startsWith("http://127.0.0.1:");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(first.body()).contains("# TYPE leakscope_signal_value gauge", "leakscope_signal_value{signal=\"rss_anon\"} ",
                "# TYPE leakscope_findings_total counter", "leakscope_site_leaks_total 0",
                "leakscope_signal_verdict{signal=\"direct_buffers\",verdict=\"").doesNotContain("# EOF");
        assertThat(second.headers().firstValue("Content-Type")).hasValue("application/openmetrics-text; version=1.0.0; charset=utf-8");
        assertThat(second.body()).contains("# TYPE leakscope_findings counter", "leakscope_signal_value{signal=\"iterations\"} ")
                .endsWith("# EOF\n");
    }

    @Test
    void theGaugesFollowTheLeakAndItsGrowthPerStep() {
        assertThat(gauge(second.body(), "leakscope_signal_value", "direct_buffers")
                - gauge(first.body(), "leakscope_signal_value", "direct_buffers"))
                .as("50 steps of 64 KiB a second, for 2 s").isGreaterThan(3_000_000);
        assertThat(gauge(second.body(), "leakscope_signal_per_iteration_bytes", "direct_buffers"))
                .isCloseTo(STEP_BYTES, within(0.2 * STEP_BYTES));
    }

    @Test
    void aFlightRecordingHoldsTheSamplesAndTheFindings() throws IOException {
        List<RecordedEvent> recorded = RecordingFile.readAllEvents(dir.resolve("metrics.jfr"));
        List<RecordedEvent> samples = recorded.stream().filter(e -> e.getEventType().getName().equals("dev.leakscope.Sample")
                && e.getString("signal").equals("direct_buffers")).toList();
        assertThat(samples).hasSizeGreaterThan(200);
        long growth = samples.get(samples.size() - 1).getLong("value") - samples.get(0).getLong("value");
        assertThat(growth).as("2000 steps of 64 KiB").isGreaterThan(100_000_000L);
        assertThat(recorded).filteredOn(e -> e.getEventType().getName().equals("dev.leakscope.Finding"))
                .anySatisfy(e -> {
                    assertThat(e.getString("signal")).isEqualTo("direct_buffers");
                    assertThat(e.getString("verdict")).isIn("growth_suspected", "leak");
                    assertThat(e.getDouble("rate")).isPositive();
                    assertThat(e.getDouble("perIteration")).isCloseTo(STEP_BYTES, within(0.2 * STEP_BYTES));
                    assertThat(e.getString("message")).isNotEmpty();
                });
    }

    @Test
    void theHostExitsByItselfAsWithoutTheEndpoint() throws IOException {
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).contains("train done steps=" + STEPS);
        assertThat(AgentHost.summary(AgentHost.events(dir.resolve("metrics.jsonl"))).get("ended_normally").asBoolean()).isTrue();
    }

    @Test
    void aTakenPortTurnsTheEndpointOffWithANoticeAndTheRunGoesOn() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String options = "interval=100ms,out=taken.jsonl,http=127.0.0.1:" + taken.getLocalPort();
            AgentHost.Run idle = AgentHost.start(dir, "taken", List.of(), options, "idle", "3s").await(Duration.ofSeconds(60));
            assertThat(idle.exitCode()).isZero();
            List<JsonNode> events = AgentHost.events(dir.resolve("taken.jsonl"));
            assertThat(AgentHost.ofType(events, "notice")).anySatisfy(n -> assertThat(n.get("message").asText())
                    .startsWith("metrics off: cannot listen on /127.0.0.1:" + taken.getLocalPort() + ": ")
                    .endsWith("; sampling goes on"));
            assertThat(AgentHost.summary(events).get("samples").asLong()).isPositive();
        }
    }

    private static HttpResponse<String> scrape(HttpClient http, String accept) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", accept).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static double gauge(String body, String metric, String signal) {
        Matcher m = Pattern.compile("(?m)^" + metric + "\\{signal=\"" + signal + "\"} (\\S+)$").matcher(body);
        assertThat(m.find()).as(metric + " of " + signal + " in\n" + body).isTrue();
        return Double.parseDouble(m.group(1));
    }

    /** The endpoint's address, from the notice the agent writes once it listens. */
    private static String awaitUrl(Path stream, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(stream)) {
                Matcher m = URL.matcher(Files.readString(stream));
                if (m.find()) {
                    return m.group(1);
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no 'metrics at' notice in " + stream + " within " + timeout);
    }
}
