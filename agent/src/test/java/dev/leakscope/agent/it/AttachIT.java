package dev.leakscope.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leakscope.agent.it.workload.Workloads;
import dev.leakscope.testkit.SourceLines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code leakscope list}, {@code attach} and {@code stop} against a running JVM. */
class AttachIT {

    @TempDir
    Path dir;

    @Test
    void attachingToARunningLeakGivesTheSameFindingAndStopEndsTheStream() throws Exception {
        AgentHost target = AgentHost.start(dir, "target", List.of("-XX:MaxDirectMemorySize=512m"), null, "leak", "10MB/s", "50s");
        try {
            awaitJvm(target.pid());
            AgentJar.Result list = AgentJar.run(dir, Duration.ofSeconds(30), "list");
            assertThat(list.exitCode()).isZero();
            assertThat(list.stdout()).containsPattern("(?m)^" + target.pid() + "\\s+dev\\.leakscope\\.agent\\.it\\.workload\\.Workloads leak");

            Path work = Files.createDirectories(dir.resolve("cli"));
            AgentJar.Result unwritable = AgentJar.run(work, Duration.ofSeconds(30), "attach", Long.toString(target.pid()),
                    "--out", "/nonexistent/dir/x.jsonl");
            assertThat(unwritable.exitCode()).isEqualTo(1);
            assertThat(unwritable.stderr()).isEqualTo("leakscope attach: the agent did not start in " + target.pid()
                    + ": cannot write /nonexistent/dir/x.jsonl: /nonexistent/dir is not a directory\n");

            AgentJar.Result attach = AgentJar.run(work, Duration.ofSeconds(30), "attach", Long.toString(target.pid()),
                    "--interval", "100ms", "--out", "attached.jsonl");
            Path out = work.resolve("attached.jsonl");
            assertThat(attach.exitCode()).as(attach.stderr()).isZero();
            assertThat(attach.stderr()).isEqualTo("leakscope attach: attached to " + target.pid() + "; writing to " + out + "\n");

            AgentJar.Result again = AgentJar.run(work, Duration.ofSeconds(30), "attach", Long.toString(target.pid()),
                    "--out", "second.jsonl");
            assertThat(again.exitCode()).isZero();
            assertThat(again.stderr()).contains("the agent is already running in " + target.pid() + ", writing to " + out);
            assertThat(work.resolve("second.jsonl")).doesNotExist();

            JsonNode leak = awaitLeak(out, "direct_buffers");
            assertThat(leak.get("rate_bytes_per_s").asDouble()).isBetween(8e6, 12e6);

            AgentJar.Result stop = AgentJar.run(work, Duration.ofSeconds(30), "stop", Long.toString(target.pid()));
            assertThat(stop.exitCode()).as(stop.stderr()).isZero();
            List<JsonNode> events = AgentHost.events(out);
            JsonNode summary = events.get(events.size() - 1);
            assertThat(summary.get("type").asText()).isEqualTo("summary");
            assertThat(summary.get("reason").asText()).isEqualTo("stopped by leakscope stop");
            long lines = Files.lines(out).count();
            Thread.sleep(500);
            assertThat(Files.lines(out).count()).as("nothing written after stop").isEqualTo(lines);
            assertThat(target.process().isAlive()).as("the JVM runs on").isTrue();

            AgentJar.Result stopAgain = AgentJar.run(work, Duration.ofSeconds(30), "stop", Long.toString(target.pid()));
            assertThat(stopAgain.exitCode()).isEqualTo(1);
            assertThat(stopAgain.stderr()).contains("no agent is running in " + target.pid());
        } finally {
            target.kill();
        }
    }

    @Test
    void stopRemovesTheInstrumentationSoThatAnAgentAttachedAgainCountsEachAllocationOnce() throws Exception {
        Path signals = Files.createDirectories(dir.resolve("signals"));
        AgentHost target = AgentHost.start(dir, "on-signal", List.of(), null, "on-signal", "1000", signals.toString());
        try {
            awaitJvm(target.pid());
            String pid = Long.toString(target.pid());
            for (String out : List.of("first.jsonl", "second.jsonl")) {
                AgentJar.Result attach = AgentJar.run(dir, Duration.ofSeconds(30), "attach", pid, "--interval", "100ms",
                        "--stacks", "all", "--out", out);
                assertThat(attach.exitCode()).as(attach.stderr()).isZero();
                if (out.equals("first.jsonl")) {
                    assertThat(AgentJar.run(dir, Duration.ofSeconds(30), "stop", pid).exitCode()).isZero();
                }
            }
            Files.createFile(signals.resolve("go"));
            for (int i = 0; i < 300 && !Files.exists(signals.resolve("done")); i++) {
                Thread.sleep(50);
            }
            assertThat(signals.resolve("done")).as("the host allocated").exists();
            assertThat(AgentJar.run(dir, Duration.ofSeconds(30), "stop", pid).exitCode()).isZero();
            List<JsonNode> events = AgentHost.events(dir.resolve("second.jsonl"));
            JsonNode counted = AgentHost.site(events, "direct_buffer", SourceLines.frame(Workloads.class, "onSignal",
                    "allocateDirect("));
            assertThat(counted.get("allocated_count").asLong()).as("each allocation once, not once per agent run")
                    .isEqualTo(1000);
        } finally {
            target.kill();
        }
    }

    @Test
    void attachAndStopWorkWhileTheHostRemovesSystemProperties() throws Exception {
        AgentHost target = AgentHost.start(dir, "properties", List.of(), null, "properties", "60");
        try {
            awaitJvm(target.pid());
            String pid = Long.toString(target.pid());
            for (int run = 0; run < 5; run++) {
                AgentJar.Result attach = AgentJar.run(dir, Duration.ofSeconds(30), "attach", pid, "--interval", "100ms",
                        "--out", "run" + run + ".jsonl");
                assertThat(attach.exitCode()).as(attach.stderr()).isZero();
                AgentJar.Result stop = AgentJar.run(dir, Duration.ofSeconds(30), "stop", pid);
                assertThat(stop.exitCode()).as(stop.stderr()).isZero();
                assertThat(AgentHost.summary(AgentHost.events(dir.resolve("run" + run + ".jsonl"))).get("reason").asText())
                        .isEqualTo("stopped by leakscope stop");
            }
        } finally {
            target.kill();
        }
    }

    @Test
    void attachingToWhatIsNotAJvmFailsWithExitCode1() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        try {
            AgentJar.Result r = AgentJar.run(dir, Duration.ofSeconds(30), "attach", Long.toString(sleeper.pid()));
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.stderr()).startsWith("leakscope attach: cannot attach to " + sleeper.pid() + ": ");
            AgentJar.Result none = AgentJar.run(dir, Duration.ofSeconds(30), "attach", "2147483646");
            assertThat(none.exitCode()).isEqualTo(1);
            assertThat(none.stderr()).isEqualTo("leakscope attach: cannot attach to 2147483646: no process has that pid\n");
            AgentJar.Result bad = AgentJar.run(dir, Duration.ofSeconds(30), "attach", Long.toString(sleeper.pid()), "--interval", "0s");
            assertThat(bad.exitCode()).isEqualTo(2);
            assertThat(bad.stderr()).startsWith("leakscope attach: interval=0s: 0s (expected: > 0)");
            AgentJar.Result comma = AgentJar.run(dir, Duration.ofSeconds(30), "attach", Long.toString(sleeper.pid()), "--out", "a,b.jsonl");
            assertThat(comma.exitCode()).isEqualTo(2);
            assertThat(comma.stderr()).startsWith("leakscope attach: --out: " + dir.resolve("a,b.jsonl") + " (expected: no comma;");
        } finally {
            sleeper.destroy();
        }
    }

    /** Waits until the JVM has published its perf data file, which is what attach and list look for. */
    private static void awaitJvm(long pid) throws InterruptedException {
        Path perfData = Path.of(System.getProperty("java.io.tmpdir"), "hsperfdata_" + System.getProperty("user.name"),
                Long.toString(pid));
        for (int i = 0; i < 200 && !Files.exists(perfData); i++) {
            Thread.sleep(25);
        }
        assertThat(perfData).as("the target JVM started").exists();
    }

    private static JsonNode awaitLeak(Path out, String signal) throws Exception {
        for (int i = 0; i < 600; i++) {
            if (Files.exists(out)) {
                for (String line : Files.readAllLines(out)) {
                    if (line.contains("\"type\":\"finding\"") && line.contains("\"signal\":\"" + signal + "\"")
                            && line.contains("\"verdict\":\"leak\"")) {
                        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(line);
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + signal + " leak in " + out + " within 60 s");
    }
}
