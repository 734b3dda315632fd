package dev.leakscope.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leakscope.testkit.EventSchema;
import dev.leakscope.testkit.JavaProcess;
import dev.leakscope.workload.AnonGrower;
import dev.leakscope.workload.NativeLeak;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code leakscope watch} from the built jar, against real processes. */
class WatchIT {

    private static final Path JDK25 = JavaProcess.JDK25;
    private static final List<String> CHILD_JVM = List.of("-Xint", "-Xmx32m", "-XX:+UseSerialGC", "-XX:MaxDirectMemorySize=1g");

    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void watchesAJvmUntilItExitsWithEverySampleInTheStream() throws Exception {
        try (JavaProcess child = JavaProcess.start(AnonGrower.class, CHILD_JVM)) {
            child.expect("READY", Duration.ofSeconds(30));
            Process watch = AgentJar.start(AgentJar.currentJavaHome(), dir, "watch", "--pid", Long.toString(child.pid()),
                    "--interval", "100ms", "--smaps-interval", "300ms", "--out", "events.jsonl");
            awaitLines(dir.resolve("events.jsonl"), 3);
            child.send("GROW " + (64L << 20));
            child.expect("GROWN", Duration.ofSeconds(30));
            // smaps_rollup backs off to 2000x its read time (about 1 s for this small JVM): wait for a second read
            awaitLines(dir.resolve("events.jsonl"), 2, "\"values\":{\"rss\"", "\"uss\":");
            child.send("EXIT");
            assertThat(watch.waitFor(20, TimeUnit.SECONDS)).isTrue();
            AgentJar.Result result = AgentJar.finished(watch, dir);
            assertThat(result.exitCode()).isZero();
            assertThat(result.stdout()).isEmpty();
            assertThat(result.stderr()).startsWith("leakscope watch: process " + child.pid() + " has exited; pid " + child.pid())
                    .contains("events in events.jsonl");

            List<JsonNode> events = AgentHost.events(dir.resolve("events.jsonl"));
            assertThat(events.get(0).get("type").asText()).isEqualTo("start");
            assertThat(events.get(0).get("target").get("command_line").asText()).contains(AnonGrower.class.getName());
            JsonNode summary = events.get(events.size() - 1);
            assertThat(summary.get("type").asText()).isEqualTo("summary");
            assertThat(summary.get("reason").asText()).isEqualTo("process " + child.pid() + " has exited");
            JsonNode anon = summary.get("signals").get("rss_anon");
            assertThat(anon.get("max_bytes").asLong() - anon.get("start_bytes").asLong()).isBetween(60L << 20, 80L << 20);
            assertThat(summary.get("signals").get("uss").get("samples").asLong()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void aLeakHeadingForItsLimitIsFoundAndAnalyzeReproducesTheFindings() throws Exception {
        // 25 MB/s towards 2.5 GB: about 100 s to the limit, so the urgent path must report within 50 s
        Process leak = new ProcessBuilder(JavaProcess.javaBin().toString(), "-XX:MaxDirectMemorySize=4g", "-cp",
                System.getProperty("java.class.path"), NativeLeak.class.getName(), "25MB/s", "90s")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            AgentJar.Result watch = AgentJar.run(dir, Duration.ofSeconds(120), "watch", "--pid", Long.toString(leak.pid()),
                    "--interval", "500ms", "--duration", "60s", "--limit", "rss_anon=2500MB", "--out", "leak.jsonl");
            assertThat(watch.exitCode()).as(watch.stderr()).isZero();
            List<JsonNode> events = AgentHost.events(dir.resolve("leak.jsonl"));
            List<JsonNode> findings = AgentHost.ofType(events, "finding");
            JsonNode found = findings.stream().filter(f -> f.get("signal").asText().equals("rss_anon")
                    && f.get("verdict").asText().equals("leak")).findFirst().orElseThrow(
                            () -> new AssertionError("no rss_anon leak in " + findings));
            assertThat(found.get("t").asDouble()).isLessThan(50);
            assertThat(found.get("rate_bytes_per_s").asDouble()).isBetween(20e6, 30e6);
            assertThat(found.get("limit_bytes").asLong()).isEqualTo(2_500_000_000L);

            AgentJar.Result analyze = AgentJar.run(dir, Duration.ofSeconds(60), "analyze", "leak.jsonl");
            assertThat(analyze.exitCode()).as(analyze.stderr()).isZero();
            List<String> replayed = analyze.stdout().lines().filter(l -> l.contains("\"type\":\"finding\"")).toList();
            assertThat(replayed).hasSameSizeAs(findings);
            for (int i = 0; i < findings.size(); i++) {
                JsonNode a = findings.get(i);
                JsonNode b = json.readTree(replayed.get(i));
                for (String field : List.of("t", "signal", "verdict", "rate_bytes_per_s", "rate_low", "rate_high", "window_s",
                        "current_bytes", "limit_bytes", "time_to_limit_s")) {
                    assertThat(b.get(field)).as("finding " + i + " " + field).isEqualTo(a.get(field));
                }
            }
        } finally {
            leak.destroy();
        }
    }

    @Test
    void childrenAddTheTreeWithAPerProcessBreakdown() throws Exception {
        String marker = "leakscope-it-" + UUID.randomUUID();
        Process shell = new ProcessBuilder("sh", "-c", "sleep 30 & sleep 30 & wait; echo " + marker).start();
        try {
            AgentJar.Result result = AgentJar.run(dir, Duration.ofSeconds(30), "watch", "--match", "echo " + marker,
                    "--children", "--interval", "100ms", "--duration", "1500ms", "--out", "tree.jsonl");
            assertThat(result.exitCode()).as(result.stderr()).isZero();
            List<JsonNode> events = AgentHost.events(dir.resolve("tree.jsonl"));
            assertThat(events.get(0).get("target").get("tree").asBoolean()).isTrue();
            List<JsonNode> samples = AgentHost.ofType(events, "sample");
            JsonNode last = samples.get(samples.size() - 1);
            assertThat(last.get("processes").size()).isEqualTo(3);
            long sum = 0;
            for (JsonNode p : last.get("processes")) {
                sum += p.get("rss").asLong();
            }
            assertThat(last.get("values").get("rss").asLong()).isEqualTo(sum);
            JsonNode perProcess = events.get(events.size() - 1).get("processes");
            assertThat(perProcess.size()).isEqualTo(3);
            assertThat(perProcess.get(Long.toString(shell.pid())).get("rss").get("current_bytes").asLong()).isPositive();
            assertThat(events.get(events.size() - 1).get("reason").asText()).isEqualTo("duration 1.5s reached");
        } finally {
            shell.descendants().forEach(ProcessHandle::destroy);
            shell.destroy();
        }
    }

    @Test
    void severalMatchesWithoutChildrenIsBadInput() throws Exception {
        String marker = "leakscope-it-" + UUID.randomUUID();
        // JVMs that fork nothing: a shell's child would carry the shell's command line until it execs
        try (JavaProcess a = JavaProcess.start(AnonGrower.class, CHILD_JVM, marker);
             JavaProcess b = JavaProcess.start(AnonGrower.class, CHILD_JVM, marker)) {
            a.expect("READY", Duration.ofSeconds(30));
            b.expect("READY", Duration.ofSeconds(30));
            AgentJar.Result result = AgentJar.run(dir, Duration.ofSeconds(30), "watch", "--match", marker);
            assertThat(result.exitCode()).isEqualTo(2);
            assertThat(result.stderr()).startsWith("leakscope watch: --match: " + marker + " matches 2 processes: ");
            assertThat(result.stdout()).isEmpty();
        }
    }

    @Test
    void badInputExitsWith2AndOneClearMessage() throws Exception {
        String[][] cases = {
            {"watch", "--match", "no-such-process-" + UUID.randomUUID()},
            {"watch", "--pid", "2147483646"},
            {"watch", "--pid", "1", "--interval", "-1s"},
            {"watch", "--pid", "1", "--interval", "0"},
            {"watch", "--pid", "1", "--duration", "5 fortnights"},
        };
        for (String[] args : cases) {
            AgentJar.Result result = AgentJar.run(dir, Duration.ofSeconds(30), args);
            assertThat(result.exitCode()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(result.stderr().lines()).as(result.stderr()).hasSize(2);
            assertThat(result.stderr()).contains("(expected: ");
        }
    }

    @Test
    void aTerminatedWatchStillEndsItsStreamWithASummary() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            Process watch = AgentJar.start(AgentJar.currentJavaHome(), dir, "watch", "--pid", Long.toString(sleeper.pid()),
                    "--interval", "100ms");
            awaitLines(dir.resolve("stdout.txt"), 3);
            watch.destroy(); // SIGTERM
            assertThat(watch.waitFor(20, TimeUnit.SECONDS)).isTrue();
            List<JsonNode> events = AgentHost.events(dir.resolve("stdout.txt"));
            assertThat(events.get(events.size() - 1).get("type").asText()).isEqualTo("summary");
            assertThat(events.get(events.size() - 1).get("reason").asText()).isEqualTo("interrupted");
        } finally {
            sleeper.destroy();
        }
    }

    @Test
    void runsOnJdk25() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(JDK25.resolve("bin/java")), "no JDK 25 at " + JDK25);
        AgentJar.Result version = AgentJar.run(JDK25, dir, Duration.ofSeconds(30), "--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.stdout()).startsWith("leakscope ").contains("Java 25");
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        try {
            AgentJar.Result watch = AgentJar.run(JDK25, dir, Duration.ofSeconds(30), "watch", "--pid",
                    Long.toString(sleeper.pid()), "--interval", "100ms", "--duration", "500ms");
            assertThat(watch.exitCode()).as(watch.stderr()).isZero();
            assertThat(watch.stderr()).as("no JNA native-access warning without a GPU").doesNotContain("WARNING");
            EventSchema.assertConforms(watch.stdout().lines().toList());
        } finally {
            sleeper.destroy();
        }
    }

    private static void awaitLines(Path file, int lines) throws Exception {
        awaitLines(file, lines, "");
    }

    /** Waits until {@code file} has {@code lines} lines containing every one of {@code texts}. */
    private static void awaitLines(Path file, int lines, String... texts) throws Exception {
        for (int i = 0; i < 600; i++) {
            if (Files.exists(file) && Files.readAllLines(file).stream()
                    .filter(l -> java.util.Arrays.stream(texts).allMatch(l::contains)).count() >= lines) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(file + " did not reach " + lines + " lines with " + java.util.Arrays.toString(texts) + " in 30 s");
    }
}
