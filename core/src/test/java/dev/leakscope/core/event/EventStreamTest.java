package dev.leakscope.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leakscope.core.detect.Detectors;
import dev.leakscope.core.detect.Finding;
import dev.leakscope.core.detect.Limits;
import dev.leakscope.core.detect.Verdict;
import dev.leakscope.core.mark.CleanupCheck;
import dev.leakscope.core.mark.PhaseLog;
import dev.leakscope.core.sample.Availability;
import dev.leakscope.core.sample.Notice;
import dev.leakscope.core.sample.ObservationClock;
import dev.leakscope.core.sample.Sample;
import dev.leakscope.core.sample.Signals;
import dev.leakscope.testkit.EventSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventStreamTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void everyEventTypeConformsToThePublishedSchema() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        EventStream stream = new EventStream(new JsonLinesWriter(bytes, "memory", false), 42, ObservationClock.startNow());
        writeRun(stream);
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(6);
        EventSchema.assertConforms(lines);
        JsonNode finding = json.readTree(lines.get(3));
        assertThat(finding.get("verdict").asText()).isEqualTo("leak");
        assertThat(finding.get("rate_high").isNull()).as("an infinite bound is null").isTrue();
        assertThat(finding.get("time_to_limit_s").asDouble()).isEqualTo(499.9);
        assertThat(finding.get("message").asText()).isEqualTo("leaking at 9.54 MiB/s, limit 7.45 GiB in 8m19s");
        assertThat(json.readTree(lines.get(0)).get("limits").get("rss_anon").asLong()).isEqualTo(8_000_000_000L);

        JsonNode start = json.readTree(lines.get(0));
        assertThat(start.get("schema").asText()).isEqualTo("leakscope.v1");
        assertThat(start.get("target").get("command_line").asText()).isEqualTo("python train.py --api-token=***");
        assertThat(start.get("unavailable").get("vram_process").asText()).contains("no NVIDIA driver");
        JsonNode sample = json.readTree(lines.get(1));
        assertThat(sample.get("values").get("rss_anon").asLong()).isEqualTo(3_000_000_000L);
        assertThat(sample.get("processes").get("43").get("rss").asLong()).isEqualTo(10);
        JsonNode summary = json.readTree(lines.get(5));
        assertThat(summary.get("signals").get("rss_anon").get("verdict").asText()).isEqualTo("stable");
        assertThat(summary.get("signals").get("rss_anon").get("limit_bytes").asLong()).isEqualTo(8_000_000_000L);
        assertThat(summary.get("worst").isNull()).isTrue();
        assertThat(summary.get("signals").get("rss_anon").get("change_bytes").asLong()).isEqualTo(1_000_000L);
        assertThat(summary.get("signals").get("cgroup_oom_kills").get("current_count").asLong()).isEqualTo(1);
        assertThat(summary.get("reason").asText()).isEqualTo("process 42 has exited");
    }

    @Test
    void theSchemaRejectsWhatBreaksTheContract() {
        assertThat(EventSchema.problems("{\"schema\":\"leakscope.v1\",\"type\":\"sample\",\"time\":\"2026-01-01T00:00:00Z\",\"t\":1,\"pid\":1,\"values\":{\"rss\":-5}}"))
                .isNotEmpty();
        assertThat(EventSchema.problems("{\"schema\":\"leakscope.v1\",\"type\":\"sample\",\"time\":\"2026-01-01T00:00:00Z\",\"t\":1,\"pid\":1,\"values\":{\"resident\":5}}"))
                .isNotEmpty();
        assertThat(EventSchema.problems("{\"schema\":\"leakscope.v2\",\"type\":\"notice\",\"time\":\"x\",\"t\":1,\"pid\":1,\"level\":\"info\",\"message\":\"m\"}"))
                .isNotEmpty();
    }

    @Test
    void aFailedWriteIsRememberedNotThrown() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        };
        JsonLinesWriter writer = new JsonLinesWriter(broken, "full.jsonl", false);
        EventStream stream = new EventStream(writer, 1, ObservationClock.startNow());
        assertThat(stream.notice(Notice.info("hello"))).isFalse();
        assertThat(stream.notice(Notice.info("again"))).isFalse();
        assertThat(writer.failure()).hasMessage("No space left on device");
    }

    @Test
    void newFilesArePrivate(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("findings.jsonl");
        try (JsonLinesWriter w = JsonLinesWriter.toFile(file)) {
            new EventStream(w, 1, ObservationClock.startNow()).notice(Notice.info("x"));
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readAllLines(file)).hasSize(1);
    }

    @Test
    void existingFilesKeepTheirPermissions(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("findings.jsonl");
        Files.writeString(file, "old content that is replaced\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        try (JsonLinesWriter w = JsonLinesWriter.toFile(file)) {
            new EventStream(w, 1, ObservationClock.startNow()).notice(Notice.info("x"));
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");
        assertThat(Files.readAllLines(file)).singleElement().asString().startsWith("{\"schema\"");
    }

    @Test
    void phasesCleanupsAndPerIterationFiguresConformToTheSchema() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        EventStream stream = new EventStream(new JsonLinesWriter(bytes, "memory", false), 42, ObservationClock.startNow());
        RunSummary run = new RunSummary();
        Detectors detectors = new Detectors(Limits.none());
        for (int i = 1; i <= 8; i++) {
            Sample s = new Sample.Builder().put(Signals.ITERATIONS, i * 10L).put(Signals.DIRECT_BUFFERS, i * 10L * 4096)
                    .build(i * 0.5, 1_700_000_000_000L + i * 500);
            stream.sample(s);
            run.add(s);
            detectors.add(s);
        }
        stream.finding(new Finding(Signals.DIRECT_BUFFERS, 4, Verdict.GROWTH_SUSPECTED, 81_920, 80_000, 90_000, 3.5,
                327_680, null, null, true), null, false, detectors.iterations().of(Signals.DIRECT_BUFFERS).orElseThrow());
        stream.phase(new PhaseLog().next("after VLM cleanup", 4, Map.of(Signals.DIRECT_BUFFERS, 327_680L, Signals.ITERATIONS, 80L),
                Map.of(Signals.DIRECT_BUFFERS, 40_960L)));
        CleanupCheck check = new CleanupCheck("VLM", 14_000_000_000L);
        check.begin(3, new CleanupCheck.Reading(Map.of(Signals.RSS_FILE, 0L), Map.of(), 0));
        stream.cleanup(check.end(4, new CleanupCheck.Reading(Map.of(Signals.RSS_FILE, 3_000_000_000L), Map.of(), 0)));
        stream.summary(run, detectors, true, "done");

        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        EventSchema.assertConforms(lines);
        JsonNode finding = json.readTree(lines.get(8));
        assertThat(finding.get("per_iteration_bytes").asDouble()).isEqualTo(4096);
        assertThat(finding.has("per_iteration_low")).isTrue();
        JsonNode phase = json.readTree(lines.get(9));
        assertThat(phase.get("label").asText()).isEqualTo("after VLM cleanup");
        assertThat(phase.get("delta").get("direct_buffers").asLong()).isEqualTo(286_720);
        assertThat(phase.get("delta").get("iterations").asLong()).isEqualTo(80);
        JsonNode cleanup = json.readTree(lines.get(10));
        assertThat(cleanup.get("ok").asBoolean()).isFalse();
        assertThat(cleanup.get("kept_by").get("rss_file").asLong()).isEqualTo(3_000_000_000L);
        assertThat(cleanup.get("message").asText()).isEqualTo("VLM: freed 0 B of 13.0 GiB expected: LESS THAN EXPECTED; "
                + "rss_file +2.79 GiB is page cache of mapped files (model weights): the kernel reclaims it, not a leak");
        JsonNode summary = json.readTree(lines.get(11));
        assertThat(summary.get("iterations").get("count").asLong()).isEqualTo(80);
        assertThat(summary.get("iterations").get("per_second").asDouble()).isEqualTo(20);
        assertThat(summary.get("signals").get("direct_buffers").get("per_iteration_bytes").asDouble()).isEqualTo(4096);
        assertThat(summary.get("signals").get("iterations").get("current_count").asLong()).isEqualTo(80);
    }

    private static void writeRun(EventStream stream) {
        Availability a = Availability.of(List.of(Signals.RSS, Signals.RSS_ANON, Signals.CGROUP_OOM_KILLS))
                .merge(Availability.none(List.of(Signals.VRAM_PROCESS), "NVML not found: libnvidia-ml.so.1 (no NVIDIA driver)"));
        stream.start(Target.of(42, "python train.py --api-token=abc123", null, true), Map.of("interval", "1s"), a,
                Map.of(Signals.RSS_ANON, 8_000_000_000L));
        RunSummary run = new RunSummary();
        Detectors detectors = new Detectors(Limits.none().with(Signals.RSS_ANON, 8_000_000_000L));
        Sample first = new Sample.Builder().perProcess(true).add(42, Signals.RSS, 100).add(43, Signals.RSS, 10)
                .put(Signals.RSS_ANON, 3_000_000_000L).put(Signals.CGROUP_OOM_KILLS, 0).build(0.5, 1_700_000_000_000L);
        Sample second = new Sample.Builder().put(Signals.RSS_ANON, 3_001_000_000L).put(Signals.CGROUP_OOM_KILLS, 1)
                .build(1.5, 1_700_000_001_000L);
        for (Sample s : List.of(first, second)) {
            stream.sample(s);
            run.add(s);
            detectors.add(s);
        }
        stream.finding(new Finding(Signals.RSS_ANON, 1.5, Verdict.LEAK, 10_000_000, 9_000_000, Double.POSITIVE_INFINITY,
                120, 3_001_000_000L, 8_000_000_000L, 499.9, true));
        stream.notice(Notice.warn("vram_process unavailable from now on", Signals.VRAM_PROCESS));
        stream.summary(run, detectors, true, "process 42 has exited");
    }
}
