package dev.leakscope.agent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leakscope.agent.it.workload.ModelSwitches;
import dev.leakscope.testkit.JavaProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Iterations, phases and cleanup checks in real JVMs (docs/phases.md): a training loop marked by
 * options alone (its step an iteration, its epoch end a phase), leaking 64 KiB of direct memory a
 * step or not; and ONNX Runtime 1.29.0 model switches marked with leakscope-api, each a cleanup
 * block expected to free its 1 MiB output, with and without a forgotten close, and each switch's
 * method a cleanup check declared in the options as well. The per-iteration
 * figures must match what the workloads allocate within 20%.
 */
class MarkersIT {

    private static final Path JDK25 = JavaProcess.JDK25;
    private static final String TRAINER = "dev.leakscope.agent.it.workload.Trainer";
    private static final int STEP_BYTES = 64 * 1024;
    private static final int EPOCHS = 4;
    private static final int STEPS_PER_EPOCH = 50;
    private static final int SWITCHES = 10;
    private static final int BATCH = 1024;
    private static final int FEATURES = 256;
    private static final long OUTPUT_BYTES = ModelSwitches.outputBytes(BATCH, FEATURES);
    private static final double TOLERANCE = 0.20;
    private static final String SWITCHES_CLASS = "dev.leakscope.agent.it.workload.ModelSwitches";
    private static final String BY_API = "model switch";
    private static final String BY_OPTIONS = "switch marked by options";

    @TempDir
    static Path dir;

    private static final Map<String, AgentHost.Run> RUNS = new LinkedHashMap<>();

    @BeforeAll
    static void runAll() throws Exception {
        Map<String, AgentHost> hosts = new LinkedHashMap<>();
        hosts.put("train-leak", train(JavaProcess.javaBin(), "train-leak", "leak", ""));
        hosts.put("train-clean", train(JavaProcess.javaBin(), "train-clean", "clean", ",phase=" + TRAINER + "#evaluate"));
        hosts.put("switch-leak", switches("switch-leak", "leak"));
        hosts.put("switch-close", switches("switch-close", "close"));
        if (Files.isExecutable(JDK25.resolve("bin/java"))) {
            hosts.put("train-leak25", train(JDK25.resolve("bin/java"), "train-leak25", "leak", ""));
        }
        RUNS.putAll(AgentHost.awaitAll(hosts, Duration.ofSeconds(90)));
    }

    /** @param more options beyond the step and epoch markers, each beginning with a comma */
    private static AgentHost train(Path java, String name, String variant, String more) throws IOException {
        String options = "interval=100ms,out=" + name + ".jsonl,iteration=" + TRAINER + "#trainStep,phase=" + TRAINER
                + "#epochEnd:\"epoch end\"" + more;
        return AgentHost.start(java, dir, name, List.of(), options, "train", variant, Integer.toString(STEP_BYTES),
                Integer.toString(EPOCHS), Integer.toString(STEPS_PER_EPOCH), "20");
    }

    /** Each switch is also a cleanup check declared in the options, on the method that does the switch. */
    private static AgentHost switches(String name, String variant) throws IOException {
        String method = variant.equals("leak") ? "switchLeaky" : "switchClosing";
        String options = "interval=100ms,stacks=all,out=" + name + ".jsonl,cleanup=" + SWITCHES_CLASS + "#" + method + ":"
                + OUTPUT_BYTES + ":" + BY_OPTIONS;
        return AgentHost.start(dir, name, List.of(AgentHost.ONNX_MAIN_STACK), options,
                "model-switch", variant, Integer.toString(SWITCHES), Integer.toString(BATCH), Integer.toString(FEATURES), "100");
    }

    @Test
    void aStepMarkedByOptionsIsCountedAndItsLeakMeasuredPerStep() throws Exception {
        assertTrainingLeak("train-leak");
    }

    @Test
    void theSameInAJdk25Host() throws Exception {
        Assumptions.assumeTrue(RUNS.containsKey("train-leak25"), "no JDK 25 at " + JDK25);
        assertTrainingLeak("train-leak25");
    }

    @Test
    void aMarkerOnAMethodTheClassLacksIsToldAndTheOthersWork() throws Exception {
        List<JsonNode> events = events("train-clean");
        assertThat(AgentHost.ofType(events, "notice")).anySatisfy(n -> assertThat(n.get("message").asText()).isEqualTo(
                "phase=" + TRAINER + "#evaluate:evaluate: " + TRAINER + " declares no method evaluate; this marker never fires"));
        assertThat(AgentHost.ofType(events, "phase")).hasSize(EPOCHS);
    }

    @Test
    void aTrainingLoopThatReusesItsBuffersGrowsByNothingPerStep() throws Exception {
        List<JsonNode> events = events("train-clean");
        JsonNode summary = AgentHost.summary(events);
        assertThat(summary.get("iterations").get("count").asLong()).isEqualTo(EPOCHS * STEPS_PER_EPOCH);
        JsonNode direct = summary.get("signals").get("direct_buffers");
        assertThat(Math.abs(direct.get("per_iteration_bytes").asDouble())).isLessThanOrEqualTo(TOLERANCE * STEP_BYTES);
    }

    @Test
    void aPhaseMarkedByOptionsCarriesEverySignalAndItsChangeSinceThePreviousPhase() throws Exception {
        List<JsonNode> phases = AgentHost.ofType(events("train-leak"), "phase");
        assertThat(phases).hasSize(EPOCHS).allSatisfy(p -> assertThat(p.get("label").asText()).isEqualTo("epoch end"));
        assertThat(phases.get(0).get("since").asText()).isEqualTo("start");
        for (JsonNode phase : phases.subList(1, EPOCHS)) {
            assertThat(phase.get("since").asText()).isEqualTo("epoch end");
            assertThat(phase.get("values").has("rss_anon")).isTrue();
            // the host waits at the marker for its reading: exactly one epoch of steps lies between two phases
            assertThat(phase.get("delta").get("iterations").asLong()).isEqualTo(STEPS_PER_EPOCH);
            assertThat(phase.get("delta").get("direct_buffers").asLong()).isEqualTo((long) STEPS_PER_EPOCH * STEP_BYTES);
        }
    }

    @Test
    void aModelSwitchThatForgetsToCloseFailsItsCleanupNamingTheSiteThatKeptTheOutput() throws Exception {
        List<JsonNode> events = events("switch-leak");
        List<JsonNode> cleanups = switchCleanups(events);
        for (JsonNode c : cleanups) {
            assertThat(c.get("expected_bytes").asLong()).isEqualTo(OUTPUT_BYTES);
            assertThat(c.get("ok").asBoolean()).as(c.toString()).isFalse();
            assertThat(keptBySite(c, "onnx_tensor", "switchLeaky")).as(c.toString())
                    .isCloseTo(OUTPUT_BYTES, within((long) (TOLERANCE * OUTPUT_BYTES)));
        }
        JsonNode summary = AgentHost.summary(events);
        assertThat(summary.get("iterations").get("count").asLong()).isEqualTo(SWITCHES);
        JsonNode site = siteSignal(summary, "onnx_tensor", "switchLeaky");
        assertThat(site.get("per_iteration_bytes").asDouble()).isCloseTo(OUTPUT_BYTES, within(TOLERANCE * OUTPUT_BYTES));
        List<JsonNode> phases = AgentHost.ofType(events, "phase");
        assertThat(phases).extracting(p -> p.get("label").asText()).containsExactly("before switches", "after switches");
        assertThat(phases.get(1).get("delta").get("iterations").asLong()).isEqualTo(SWITCHES);
    }

    @Test
    void aModelSwitchThatClosesEverythingPassesItsCleanup() throws Exception {
        List<JsonNode> events = events("switch-close");
        List<JsonNode> cleanups = switchCleanups(events);
        for (JsonNode c : cleanups) {
            assertThat(c.get("ok").asBoolean()).as(c.toString()).isTrue();
            assertThat(c.get("freed_bytes").asLong()).isGreaterThanOrEqualTo(OUTPUT_BYTES);
            assertThat(keptBySite(c, "onnx_tensor", "ModelSwitches")).as(c.toString()).isZero();
        }
        JsonNode summary = AgentHost.summary(events);
        assertThat(summary.get("iterations").get("count").asLong()).isEqualTo(SWITCHES);
        JsonNode direct = summary.get("signals").get("direct_buffers");
        assertThat(Math.abs(direct.get("per_iteration_bytes").asDouble())).isLessThanOrEqualTo(TOLERANCE * OUTPUT_BYTES);
    }

    @Test
    void theGateFailsOnTheFailedCleanupsAndPassesTheClosingRun() throws Exception {
        AgentJar.Result leaky = AgentJar.run(dir, Duration.ofSeconds(60), "gate", dir.resolve("switch-leak.jsonl").toString());
        assertThat(leaky.exitCode()).as(leaky.stdout() + leaky.stderr()).isEqualTo(1);
        assertThat(leaky.stdout()).contains(BY_API + ": freed 0 of " + OUTPUT_BYTES + " bytes; kept by ",
                        BY_OPTIONS + ": freed 0 of " + OUTPUT_BYTES + " bytes; kept by ")
                .contains("site:onnx_tensor:dev.leakscope.agent.it.workload.ModelSwitches.switchLeaky(");
        AgentJar.Result closing = AgentJar.run(dir, Duration.ofSeconds(60), "gate", dir.resolve("switch-close.jsonl").toString());
        assertThat(closing.exitCode()).as(closing.stdout() + closing.stderr()).isZero();
    }

    @Test
    void theReportMarksThePhasesOnTheCharts() throws Exception {
        Path html = dir.resolve("train-leak.html");
        AgentJar.Result report = AgentJar.run(dir, Duration.ofSeconds(60), "report", dir.resolve("train-leak.jsonl").toString(),
                "-o", html.toString());
        assertThat(report.exitCode()).as(report.stderr()).isZero();
        assertThat(Files.readString(html)).contains("epoch end at ");
    }

    @Test
    void markersLeaveTheHostsAsTheyWere() {
        RUNS.forEach((name, run) -> {
            assertThat(run.exitCode()).as(name + ": " + run.stderr()).isZero();
            assertThat(run.stderr()).as(name).doesNotContain("leakscope:");
        });
        assertThat(RUNS.get("switch-leak").stdout()).contains("switches done count=" + SWITCHES);
        assertThat(RUNS.get("train-clean").stdout()).contains("train done steps=" + EPOCHS * STEPS_PER_EPOCH);
    }

    private static void assertTrainingLeak(String name) throws IOException {
        List<JsonNode> events = events(name);
        assertThat(AgentHost.ofType(events, "notice")).noneSatisfy(n -> assertThat(n.get("message").asText()).contains("marker"));
        JsonNode summary = AgentHost.summary(events);
        assertThat(summary.get("iterations").get("count").asLong()).isEqualTo(EPOCHS * STEPS_PER_EPOCH);
        JsonNode direct = summary.get("signals").get("direct_buffers");
        double perStep = direct.get("per_iteration_bytes").asDouble();
        assertThat(perStep).isCloseTo(STEP_BYTES, within(TOLERANCE * STEP_BYTES));
        assertThat(direct.get("per_iteration_low").asDouble()).isLessThanOrEqualTo(perStep);
        assertThat(direct.get("per_iteration_high").asDouble()).isGreaterThanOrEqualTo(perStep);
    }

    /** The cleanup events of a switching host: one by the API and one by the options per switch. */
    private static List<JsonNode> switchCleanups(List<JsonNode> events) {
        List<JsonNode> cleanups = AgentHost.ofType(events, "cleanup");
        assertThat(cleanups).extracting(c -> c.get("label").asText()).containsOnly(BY_API, BY_OPTIONS).hasSize(2 * SWITCHES);
        return cleanups;
    }

    /** Bytes the cleanup says a site of {@code kind} whose frame contains {@code frame} kept; 0 when none. */
    private static long keptBySite(JsonNode cleanup, String kind, String frame) {
        return sitesIn(cleanup.get("kept_by"), kind, frame).stream().mapToLong(e -> e.getValue().asLong()).sum();
    }

    private static JsonNode siteSignal(JsonNode summary, String kind, String frame) {
        return sitesIn(summary.get("signals"), kind, frame).stream().map(Map.Entry::getValue).findFirst()
                .orElseThrow(() -> new AssertionError("no site signal of " + kind + " at " + frame + " in " + summary.get("signals")));
    }

    /** The fields of {@code bySignal} named for a site of {@code kind} whose frame contains {@code frame}. */
    private static List<Map.Entry<String, JsonNode>> sitesIn(JsonNode bySignal, String kind, String frame) {
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        bySignal.fields().forEachRemaining(e -> {
            if (e.getKey().startsWith("site:" + kind + ":") && e.getKey().contains(frame)) {
                out.add(e);
            }
        });
        return out;
    }

    private static List<JsonNode> events(String name) throws IOException {
        return AgentHost.events(dir.resolve(name + ".jsonl"));
    }
}
