package dev.leakscope.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leakscope.agent.it.workload.Workloads;
import dev.leakscope.testkit.JavaProcess;
import dev.leakscope.testkit.SourceLines;
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

    private static final Path JDK25 = JavaProcess.JDK25;
    private static final String SECONDS = "42s";
    /**
     * Long enough for the class histograms the leak's finding starts, one then another 15 s later,
     * when the leak is found as late as {@link #HEAP_LEAK_FOUND_BY_S} allows: at 52 s the second
     * histogram was missed now and then.
     */
    private static final String HEAP_LEAK_SECONDS = "66s";
    private static final List<String> DIRECT = List.of("-XX:MaxDirectMemorySize=512m");
    /**
     * The direct-buffer leak's site signal starts with the site's first sample and needs 30 s of
     * its own history before it can be called a leak: beside the other hosts in a full build its
     * site was first seen 7.8 s in, and at 42 s it was still only suspected. 50 s, with a limit
     * that 10 MB/s does not reach by then.
     */
    private static final String LEAK_SECONDS = "50s";
    private static final List<String> LEAK_DIRECT = List.of("-XX:MaxDirectMemorySize=640m");
    private static final String OPTIONS = "interval=100ms,out=%s.jsonl";
    /** The direct-buffer leaks are found at 32-35 s, here and in full builds. */
    private static final double DIRECT_LEAK_FOUND_BY_S = 40;
    /**
     * The heap leak reaches its 300 MB limit about 57 s in. It is found at about 34 s on an idle
     * machine, and was found at 43 s once in CI beside the other hosts on 2 cores: the bound is
     * the warning a user must still get, 10 s before the limit.
     */
    private static final double HEAP_LEAK_FOUND_BY_S = 47;

    @TempDir
    static Path dir;

    private static final Map<String, AgentHost.Run> RUNS = new LinkedHashMap<>();

    @BeforeAll
    static void runAll() throws Exception {
        Map<String, AgentHost> hosts = new LinkedHashMap<>();
        hosts.put("leak", AgentHost.start(dir, "leak", LEAK_DIRECT, options("leak"), "leak", "10MB/s", LEAK_SECONDS));
        hosts.put("lru", AgentHost.start(dir, "lru", DIRECT, options("lru"), "lru", "10MB/s", "100MB", SECONDS));
        hosts.put("warmup", AgentHost.start(dir, "warmup", DIRECT, options("warmup"), "warmup", "200MB", "5s", SECONDS));
        hosts.put("churn", AgentHost.start(dir, "churn", DIRECT, options("churn"), "churn", "10MB/s", SECONDS));
        hosts.put("heapleak", AgentHost.start(dir, "heapleak", List.of("-Xmx1g", "-XX:+UseSerialGC"),
                options("heapleak") + ",limit=heap_after_gc=300MB", "heapleak", "5MB/s", HEAP_LEAK_SECONDS));
        // an hour of 1 Hz ticks in 40 s, against the same idle JVM without the agent
        hosts.put("hour", AgentHost.start(dir, "hour", List.of(), "interval=10ms,out=hour.jsonl", "idle", "40s"));
        hosts.put("baseline", AgentHost.start(dir, "baseline", List.of(), null, "idle", "40s"));
        if (Files.isExecutable(JDK25.resolve("bin/java"))) {
            hosts.put("leak25", AgentHost.start(JDK25.resolve("bin/java"), dir, "leak25", LEAK_DIRECT, options("leak25"),
                    "leak", "10MB/s", LEAK_SECONDS));
        }
        RUNS.putAll(AgentHost.awaitAll(hosts, Duration.ofSeconds(120)));
    }

    @Test
    void aDirectBufferLeakTowardsItsLimitIsFoundWithItsRate() throws Exception {
        assertLeak("leak", "direct_buffers", 10e6, DIRECT_LEAK_FOUND_BY_S);
    }

    @Test
    void theLeakNamesTheSiteThatAllocatesTheBuffersAndHowMuchOfTheRateItExplains() throws Exception {
        assertLeakingSite("leak");
    }

    @Test
    void aBoundedCacheFreesWhatItAllocatesAtItsSiteAndNoSiteLeaks() throws Exception {
        List<JsonNode> events = events("lru");
        assertThat(AgentHost.ofType(events, "site_leak")).isEmpty();
        JsonNode site = AgentHost.summary(events).get("sites").get(0);
        assertThat(site.get("site").asText()).isEqualTo(SourceLines.frame(Workloads.class, "loaded", "allocateDirect("));
        assertThat(site.get("freed_bytes").asLong()).as("evictions free their buffers").isGreaterThan(100_000_000L);
        assertThat(site.get("live_bytes").asLong()).as("the bound").isLessThan(120_000_000L);
    }

    @Test
    void aHeapLeakAmongGarbageIsFoundInTheHeapAfterCollections() throws Exception {
        assertLeak("heapleak", "heap_after_gc", 5e6, HEAP_LEAK_FOUND_BY_S);
    }

    @Test
    void aHeapLeakNamesTheClassWhoseInstancesGrow() throws Exception {
        List<JsonNode> events = events("heapleak");
        JsonNode notice = AgentHost.ofType(events, "notice").stream().filter(n -> n.has("classes")).findFirst()
                .orElseThrow(() -> new AssertionError("no heap-class notice in " + AgentHost.ofType(events, "notice")));
        assertThat(notice.get("signal").asText()).isEqualTo("heap_after_gc");
        JsonNode top = notice.get("classes").get(0);
        assertThat(top.get("class").asText()).isEqualTo("byte[]");
        double expected = 5e6 * notice.get("span_s").asDouble();
        assertThat(top.get("bytes_delta").asDouble()).as("5 MB/s retained").isBetween(0.6 * expected, 1.4 * expected);
        assertThat(AgentHost.summary(events).get("heap_classes").get("classes").get(0).get("class").asText()).isEqualTo("byte[]");
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
            JsonNode direct = AgentHost.summary(events).get("signals").get("direct_buffers");
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
        assertThat(start.get("limits").get("direct_buffers").asLong()).isEqualTo(640L << 20);
        assertThat(start.get("signals")).extracting(JsonNode::asText).contains("heap_used", "direct_buffers", "rss_anon");
        assertThat(start.get("unavailable").get("vram_process").asText()).isNotBlank();
        JsonNode summary = AgentHost.summary(events);
        assertThat(summary.get("reason").asText()).isEqualTo("the JVM is exiting");
        assertThat(summary.get("signals").get("direct_buffers").get("verdict").asText()).isEqualTo("leak");
        assertThat(summary.get("worst").get("signal").asText()).isEqualTo("direct_buffers");
    }

    @Test
    void aJdk25HostGetsTheSameFinding() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(RUNS.containsKey("leak25"), "no JDK 25 at " + JDK25);
        assertLeak("leak25", "direct_buffers", 10e6, DIRECT_LEAK_FOUND_BY_S);
        assertLeakingSite("leak25");
        assertThat(RUNS.get("leak25").stderr()).as("no JVM warning about the agent's own code (sun.misc.Unsafe, the"
                + " bootstrap class path)").doesNotContain("leakscope");
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

    private static void assertLeak(String name, String signal, double rate, double foundBy) throws Exception {
        List<JsonNode> findings = AgentHost.ofType(events(name), "finding");
        JsonNode leak = findings.stream().filter(f -> f.get("signal").asText().equals(signal)
                && f.get("verdict").asText().equals("leak")).findFirst()
                .orElseThrow(() -> new AssertionError(name + ": no " + signal + " leak in " + findings));
        assertThat(leak.get("rate_bytes_per_s").asDouble()).as(name + " rate").isBetween(0.8 * rate, 1.2 * rate);
        assertThat(leak.get("t").asDouble()).as(name + " found in time; its findings: " + findings).isLessThan(foundBy);
        assertThat(leak.get("time_to_limit_s").asDouble()).isPositive();
    }

    private static void assertLeakingSite(String name) throws Exception {
        JsonNode leak = AgentHost.ofType(events(name), "finding").stream()
                .filter(f -> f.get("signal").asText().equals("direct_buffers") && f.get("verdict").asText().equals("leak"))
                .findFirst().orElseThrow();
        JsonNode site = leak.get("sites").get(0);
        assertThat(site.get("site").asText()).isEqualTo(SourceLines.frame(Workloads.class, "loaded", "allocateDirect("));
        assertThat(site.get("id").asText()).isEqualTo("site:direct_buffer:" + site.get("site").asText());
        assertThat(site.get("stack").toString()).contains("Workloads.leak(");
        double rate = leak.get("rate_bytes_per_s").asDouble();
        assertThat(leak.get("explained_rate_bytes_per_s").asDouble()).as(name + " explained").isBetween(0.8 * rate, rate);
        assertThat(AgentHost.ofType(events(name), "finding")).as(name + " the site's own signal")
                .anySatisfy(f -> {
                    assertThat(f.get("signal").asText()).isEqualTo(site.get("id").asText());
                    assertThat(f.get("verdict").asText()).isEqualTo("leak");
                });
    }

    private static long heapAfterGc(AgentHost.Run run) {
        return run.stdout().lines().filter(l -> l.startsWith("heap after gc ")).map(l -> Long.parseLong(l.substring(14)))
                .findFirst().orElseThrow(() -> new AssertionError("no heap figure in " + run.stdout()));
    }

    private static List<JsonNode> events(String name) throws Exception {
        return AgentHost.events(dir.resolve(name + ".jsonl"));
    }

    private static String options(String name) {
        return String.format(OPTIONS, name);
    }
}
