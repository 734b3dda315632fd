package dev.leakscope.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code leakscope gate} through the real CLI: on streams the agent writes now, and on captured ones. */
class GateIT {

    private static final Duration CLI = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void aServiceThatClosesWhatItOpensPassesAndOneThatForgetsFails() throws Exception {
        Map<String, AgentHost> hosts = Map.of(
                "closed", AgentHost.start(dir, "closed", List.of(AgentHost.ONNX_MAIN_STACK), "interval=100ms,out=closed.jsonl", "onnx-closed", "4", "64"),
                "leaky", AgentHost.start(dir, "leaky", List.of(AgentHost.ONNX_MAIN_STACK), "interval=100ms,out=leaky.jsonl", "onnx-leak", "4", "64"));
        AgentHost.awaitAll(hosts, Duration.ofSeconds(90)).forEach((name, run) -> assertThat(run.exitCode()).as(name).isZero());

        AgentJar.Result clean = gate("closed.jsonl", "--no-site-leaks", "--max-growth", "direct_buffers=16MB");
        assertThat(clean.exitCode()).as(clean.stdout() + clean.stderr()).isZero();
        assertThat(clean.stdout()).endsWith("gate: PASS (0 of 2 rule(s) failed, 0 skipped)\n");

        AgentJar.Result leaky = gate("leaky.jsonl", "--no-site-leaks");
        assertThat(leaky.exitCode()).as(leaky.stdout() + leaky.stderr()).isEqualTo(1);
        assertThat(leaky.stdout()).containsPattern("no site leaks +\\d+ object\\(s\\) at \\d+ site\\(s\\) +none +FAIL")
                .contains("unclosed at site:onnx_result:dev.leakscope.agent.it.workload.OnnxWorkloads.runLeaky(OnnxWorkloads.java:")
                .endsWith("gate: FAIL (1 of 1 rule(s) failed, 0 skipped)\n");

        AgentJar.Result baseline = gate("leaky.jsonl", "--baseline", "closed.jsonl", "--json");
        JsonNode json = new ObjectMapper().readTree(baseline.stdout());
        assertThat(baseline.exitCode()).isEqualTo(1);
        assertThat(json.path("passed").asBoolean()).isFalse();
        assertThat(json.path("rules").findValuesAsText("rule")).contains("baseline: no new leaking sites");
    }

    @Test
    void exitCodesTellPassFailAndBadInput() throws Exception {
        fixture("lru-plateau.jsonl");
        fixture("killed-leak.jsonl");
        assertThat(gate("lru-plateau.jsonl").exitCode()).isZero();

        AgentJar.Result killed = gate("killed-leak.jsonl", "--max-rate", "direct_buffers=1MB/s");
        assertThat(killed.exitCode()).isEqualTo(1);
        assertThat(killed.stdout()).startsWith("note: the stream ended early, without its summary")
                .containsPattern("max-rate direct_buffers +19\\.\\d MiB/s \\([^)]*\\) +1MB/s +FAIL");

        AgentJar.Result skipped = gate("lru-plateau.jsonl", "--max-rate", "vram_process=1MB/s", "--strict");
        assertThat(skipped.exitCode()).isEqualTo(1);
        assertThat(skipped.stdout()).contains("vram_process was unavailable in this run");

        Files.writeString(dir.resolve("trace.csv"), "t_seconds,rss\n0,100\n");
        AgentJar.Result notAStream = gate("trace.csv");
        assertThat(notAStream.exitCode()).isEqualTo(2);
        assertThat(notAStream.stderr()).startsWith("leakscope gate: " + dir.resolve("trace.csv") + ":1: not JSON");
        AgentJar.Result unit = gate("lru-plateau.jsonl", "--max-growth", "rss_anon=5 furlongs");
        assertThat(unit.exitCode()).isEqualTo(2);
        assertThat(unit.stderr()).startsWith("leakscope gate: ").contains("5 furlongs");
        assertThat(unit.stdout()).isEmpty();
    }

    /** The example that docs/gate.md shows: it checks each exit code itself and exits 0 when all are as expected. */
    @Test
    void theCiExampleScriptGetsTheExitCodesItDocuments() throws Exception {
        Path root = Path.of("").toAbsolutePath().getParent();
        Process script = new ProcessBuilder(root.resolve("scripts/ci-gate-example.sh").toString()).directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("example.out").toFile()).start();
        assertThat(script.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).as("the example ends").isTrue();
        String output = Files.readString(dir.resolve("example.out"));
        assertThat(script.exitValue()).as(output).isZero();
        assertThat(output).contains("exit code 0 (expected 0)", "exit code 1 (expected 1)", "exit code 2 (expected 2)",
                "new leaking site:", "    at dev.leakscope.workload.NativeLeak.load(NativeLeak.java:42)");
    }

    private AgentJar.Result gate(String stream, String... rules) throws IOException, InterruptedException {
        String[] args = new String[rules.length + 2];
        args[0] = "gate";
        args[1] = dir.resolve(stream).toString();
        System.arraycopy(rules, 0, args, 2, rules.length);
        return AgentJar.run(dir, CLI, args);
    }

    /** A stream captured from a real run (core's test fixtures), copied where the CLI reads it. */
    private void fixture(String name) throws IOException {
        try (InputStream in = GateIT.class.getResourceAsStream("/fixtures/streams/" + name)) {
            assertThat(in).as(name).isNotNull();
            Files.copy(in, dir.resolve(name));
        }
    }
}
