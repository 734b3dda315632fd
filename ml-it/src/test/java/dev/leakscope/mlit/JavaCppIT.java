package dev.leakscope.mlit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leakscope.mlit.workload.JavaCppWorkloads;
import dev.leakscope.mlit.workload.MlWorkloads;
import dev.leakscope.testkit.SourceLines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The javacpp module in JVMs running JavaCPP 1.5.11: 64 KiB {@code BytePointer}s closed, kept in a
 * list that only grows (a leak, also under JDK 25), and dropped (JavaCPP frees a collected pointer:
 * no leak). Every allocation is tracked.
 */
class JavaCppIT {

    private static final String SECONDS = "2";
    private static final String OPTIONS = "interval=200ms,stacks=all";

    @TempDir
    static Path dir;

    private static final Map<String, MlHost.Run> RUNS = new LinkedHashMap<>();

    @BeforeAll
    static void runAll() throws Exception {
        Map<String, MlHost> hosts = new LinkedHashMap<>();
        for (String mode : List.of("closing", "keeping", "dropping")) {
            hosts.put(mode, MlHost.start(dir, mode, OPTIONS, "javacpp", mode, SECONDS));
        }
        if (Files.isExecutable(MlHost.JDK25)) {
            hosts.put("keeping25", MlHost.start(MlHost.JDK25, dir, "keeping25", OPTIONS, "javacpp", "keeping", SECONDS));
        }
        RUNS.putAll(MlHost.awaitAll(hosts, Duration.ofSeconds(120)));
    }

    @Test
    void closedPointersAreAllFreedAtTheLineThatMadeThem() throws IOException {
        MlHost.Run run = RUNS.get("closing");
        assertThat(run.events().get(0).get("modules").get("javacpp").asText()).isEqualTo("on");
        long iterations = run.printed("iterations");
        JsonNode site = run.site("javacpp_pointer", frame("closing"));
        assertThat(site.get("allocated_count").asLong()).isEqualTo(iterations);
        assertThat(site.get("allocated_bytes").asLong()).isEqualTo(iterations * JavaCppWorkloads.BYTES);
        assertThat(site.get("freed_count").asLong()).isEqualTo(iterations);
        assertThat(site.get("live_bytes").asLong()).isZero();
        run.assertAllFreed("javacpp_pointer");
        assertThat(run.ofType("site_leak")).isEmpty();
    }

    @Test
    void pointersKeptInAGrowingListShowAsASiteWhoseLiveBytesGrow() throws IOException {
        assertKept(RUNS.get("keeping"));
    }

    @Test
    void aJdk25HostSeesTheSameGrowth() throws IOException {
        Assumptions.assumeTrue(RUNS.containsKey("keeping25"), "no JDK 25 at " + MlHost.JDK25);
        assertKept(RUNS.get("keeping25"));
    }

    @Test
    void droppedPointersAreFreedAfterCollectionAndAreNoLeak() throws IOException {
        MlHost.Run run = RUNS.get("dropping");
        JsonNode site = run.site("javacpp_pointer", frame("dropping"));
        assertThat(site.get("allocated_count").asLong()).isEqualTo(run.printed("iterations"));
        assertThat(site.get("freed_count").asLong()).as("freed after collection").isPositive();
        assertThat(site.get("live_count").asLong()).as("live: at most what a collection missed")
                .isLessThanOrEqualTo(2 * MlWorkloads.GC_EVERY);
        assertThat(site.get("unclosed_gc_count").asLong()).isZero();
        assertThat(run.ofType("site_leak")).isEmpty();
    }

    @Test
    void theHostsRunAsWithoutTheAgent() {
        RUNS.values().forEach(run -> run.assertRanAsWithoutTheAgent("javacpp done"));
    }

    private static void assertKept(MlHost.Run run) throws IOException {
        long kept = run.printed("kept");
        assertThat(kept).isPositive().isEqualTo(run.printed("iterations"));
        String frame = frame("keeping");
        JsonNode site = run.site("javacpp_pointer", frame);
        assertThat(site.get("live_count").asLong()).isEqualTo(kept);
        assertThat(site.get("live_bytes").asLong()).isEqualTo(kept * JavaCppWorkloads.BYTES);
        assertThat(site.get("freed_count").asLong()).isZero();
        // the site is a signal of its own: its value in each sample never falls, and rises
        List<Long> values = run.sampled(site.get("id").asText());
        assertThat(values).as("site:" + frame + " in the samples").hasSizeGreaterThanOrEqualTo(3).isSorted();
        assertThat(values.get(values.size() - 1)).isGreaterThan(values.get(0));
        assertThat(run.ofType("site_leak")).as("a kept pointer is reachable: no site_leak, growth shows it").isEmpty();
    }

    private static String frame(String method) throws IOException {
        return SourceLines.frame(JavaCppWorkloads.class, method, "new BytePointer(");
    }
}
