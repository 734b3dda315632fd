package dev.leakscope.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent inside real JVMs running the test workloads, all at once (they mostly sleep), with
 * {@code interval=100ms} and fixed lengths. Leaks get {@code leak} with their rate, the others no
 * leak; a JDK 25 host runs the leak too; and an accelerated hour of ticks bounds the agent's heap.
 */
class AgentWorkloadsIT {

    private static final Path JDK25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
    private static final String SECONDS = "42s";
    private static final List<String> DIRECT = List.of("-XX:MaxDirectMemorySize=512m");
    private static final String OPTIONS = "interval=100ms,out=%s.jsonl";

    @TempDir
    static Path dir;

    private static final Map<String, AgentHost.Run> RUNS = new LinkedHashMap<>();

    @BeforeAll
    static void runAll() throws Exception {
        Map<String, AgentHost> hosts = new LinkedHashMap<>();
        hosts.put("leak", AgentHost.start(dir, "leak", DIRECT, options("leak"), "leak", "10MB/s", SECONDS));
        hosts.put("lru", AgentHost.start(dir, "lru", DIRECT, options("lru"), "lru", "10MB/s", "100MB", SECONDS));
        hosts.put("warmup", AgentHost.start(dir, "warmup", DIRECT, options("warmup"), "warmup", "200MB", "5s", SECONDS));
        hosts.put("churn", AgentHost.start(dir, "churn", DIRECT, options("churn"), "churn", "10MB/s", SECONDS));
        hosts.put("heapleak", AgentHost.start(dir, "heapleak", List.of("-Xmx1g", "-XX:+UseSerialGC"),
                options("heapleak") + ",limit=heap_after_gc=300MB", "heapleak", "5MB/s", SECONDS));
        // an hour of 1 Hz ticks in 40 s, against the same idle JVM without the agent
        hosts.put("hour", AgentHost.start(dir, "hour", List.of(), "interval=10ms,out=hour.jsonl", "idle", "40s"));
        hosts.put("baseline", AgentHost.start(dir, "baseline", List.of(), null, "idle", "40s"));
        if (Files.isExecutable(JDK25.resolve("bin/java"))) {
            hosts.put("leak25", AgentHost.start(JDK25.resolve("bin/java"), dir, "leak25", DIRECT, options("leak25"),
                    "leak", "10MB/s", SECONDS));
        }
        for (Map.Entry<String, AgentHost> h : hosts.entrySet()) {
            RUNS.put(h.getKey(), h.getValue().await(Duration.ofSeconds(120)));
        }
    }

    @Test
    void aDirectBufferLeakTowardsItsLimitIsFoundWithItsRate() throws Exception {
        assertLeak("leak", "direct_buffers", 10e6);
    }

    @Test
    void aHeapLeakAmongGarbageIsFoundInTheHeapAfterCollections() throws Exception {
        assertLeak("heapleak", "heap_after_gc", 5e6);
    }

    @Test
    void aBoundedCacheAWarmUpAndAnAllocateFreeLoopAreNotLeaks() throws Exception {
        // the most each holds at once: the LRU bound, the warm-up's plateau, one 1 MB batch
        Map<String, Long> held = Map.of("lru", 90_000_000L, "warmup", 150_000_000L, "churn", 900_000L);
        for (String name : List.of("lru", "warmup", "churn")) {
            List<JsonNode> events = events(name);
            assertThat(AgentHost.ofType(events, "finding")).as(name)
                    .noneSatisfy(f -> assertThat(f.get("verdict").asText()).isEqualTo("leak"));
            assertThat(AgentHost.ofType(events, "sample")).as(name).hasSizeGreaterThan(300);
            JsonNode direct = summary(events).get("signals").get("direct_buffers");
            assertThat(direct.get("max_bytes").asLong()).as(name + " used direct buffers").isGreaterThan(held.get(name));
        }
    }

    @Test
    void theHostRunsAsWithoutTheAgent() {
        RUNS.forEach((name, run) -> {
            assertThat(run.exitCode()).as(name + ": " + run.stderr()).isZero();
            assertThat(run.agentLines()).as(name + " stderr").isEmpty();
        });
    }

    @Test
    void theStreamStartsWithTheJvmAndItsLimitsAndEndsWithASummary() throws Exception {
        List<JsonNode> events = events("leak");
        JsonNode start = events.get(0);
        assertThat(start.get("type").asText()).isEqualTo("start");
        assertThat(start.get("target").get("jvm_version").asText()).contains(System.getProperty("java.version"));
        assertThat(start.get("limits").get("direct_buffers").asLong()).isEqualTo(512L << 20);
        assertThat(start.get("signals")).extracting(JsonNode::asText).contains("heap_used", "direct_buffers", "rss_anon");
        assertThat(start.get("unavailable").get("vram_process").asText()).isNotBlank();
        JsonNode summary = summary(events);
        assertThat(summary.get("reason").asText()).isEqualTo("the JVM is exiting");
        assertThat(summary.get("signals").get("direct_buffers").get("verdict").asText()).isEqualTo("leak");
        assertThat(summary.get("worst").get("signal").asText()).isEqualTo("direct_buffers");
    }

    @Test
    void aJdk25HostGetsTheSameFinding() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(RUNS.containsKey("leak25"), "no JDK 25 at " + JDK25);
        assertLeak("leak25", "direct_buffers", 10e6);
        assertThat(events("leak25").get(0).get("target").get("jvm_version").asText()).contains("25");
    }

    @Test
    void anHourOfTicksKeepsTheAgentsHeapUnder16MB() throws Exception {
        long with = heapAfterGc(RUNS.get("hour"));
        long without = heapAfterGc(RUNS.get("baseline"));
        assertThat(AgentHost.ofType(events("hour"), "sample")).as("ticks").hasSizeGreaterThan(3600);
        System.out.printf("agent heap after 3600+ ticks: %.1f MiB (%d with, %d without)%n", (with - without) / 1048576.0, with, without);
        assertThat(with - without).isLessThan(16L << 20);
    }

    private static void assertLeak(String name, String signal, double rate) throws Exception {
        List<JsonNode> findings = AgentHost.ofType(events(name), "finding");
        JsonNode leak = findings.stream().filter(f -> f.get("signal").asText().equals(signal)
                && f.get("verdict").asText().equals("leak")).findFirst()
                .orElseThrow(() -> new AssertionError(name + ": no " + signal + " leak in " + findings));
        assertThat(leak.get("rate_bytes_per_s").asDouble()).as(name + " rate").isBetween(0.8 * rate, 1.2 * rate);
        assertThat(leak.get("t").asDouble()).as(name + " found in time").isLessThan(40);
        assertThat(leak.get("time_to_limit_s").asDouble()).isPositive();
    }

    private static long heapAfterGc(AgentHost.Run run) {
        return run.stdout().lines().filter(l -> l.startsWith("heap after gc ")).map(l -> Long.parseLong(l.substring(14)))
                .findFirst().orElseThrow(() -> new AssertionError("no heap figure in " + run.stdout()));
    }

    private static List<JsonNode> events(String name) throws Exception {
        return AgentHost.events(dir.resolve(name + ".jsonl"));
    }

    private static JsonNode summary(List<JsonNode> events) {
        JsonNode last = events.get(events.size() - 1);
        assertThat(last.get("type").asText()).isEqualTo("summary");
        return last;
    }

    private static String options(String name) {
        return String.format(OPTIONS, name);
    }
}
