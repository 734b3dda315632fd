package dev.leakscope.mlit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leakscope.mlit.workload.DjlWorkloads;
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
 * The djl module in JVMs running DJL 0.36.0 on PyTorch 2.7.1 (CPU, offline): managers closed with
 * their arrays, and managers dropped unclosed (a leak, also under JDK 25). A dropped manager is
 * never collected (the engine's manager holds it), so the leak shows as sites whose live bytes only
 * grow. Every allocation is tracked.
 */
class DjlIT {

    private static final String SECONDS = "2";
    private static final String OPTIONS = "interval=200ms,stacks=all";
    private static final long INPUT_BYTES = 4L * DjlWorkloads.FLOATS;

    @TempDir
    static Path dir;

    private static final Map<String, MlHost.Run> RUNS = new LinkedHashMap<>();

    @BeforeAll
    static void runAll() throws Exception {
        Map<String, MlHost> hosts = new LinkedHashMap<>();
        for (String mode : List.of("closing", "dropping")) {
            hosts.put(mode, MlHost.start(dir, mode, OPTIONS, "djl", mode, SECONDS));
        }
        if (Files.isExecutable(MlHost.JDK25)) {
            hosts.put("dropping25", MlHost.start(MlHost.JDK25, dir, "dropping25", OPTIONS, "djl", "dropping", SECONDS));
        }
        RUNS.putAll(MlHost.awaitAll(hosts, Duration.ofSeconds(120)));
    }

    @Test
    void closedManagersFreeTheirArraysAtTheLinesThatMadeThem() throws IOException {
        MlHost.Run run = RUNS.get("closing");
        assertThat(run.events().get(0).get("modules").get("djl").asText()).isEqualTo("on");
        long iterations = run.printed("iterations");
        String createLine = SourceLines.frame(DjlWorkloads.class, "closing", "manager.create(");
        JsonNode input = run.site("djl_ndarray", createLine);
        assertThat(input.get("allocated_count").asLong()).isEqualTo(iterations);
        assertThat(input.get("live_count").asLong()).isZero();
        // its data is the direct buffer create copies it into, counted there at the same line
        assertThat(input.get("allocated_bytes").asLong()).isZero();
        JsonNode data = run.site("direct_buffer", createLine);
        assertThat(data.get("allocated_bytes").asLong()).isEqualTo(iterations * INPUT_BYTES);
        JsonNode manager = run.site("djl_ndmanager", SourceLines.frame(DjlWorkloads.class, "closing", "NDManager.newBaseManager("));
        assertThat(manager.get("allocated_count").asLong()).isEqualTo(iterations);
        assertThat(manager.get("live_count").asLong()).isZero();
        run.assertAllFreed("djl_ndarray");
        JsonNode managers = run.allocations("djl_ndmanager");
        assertThat(managers.get("freed_count").asLong()).as("all but the engine's own manager")
                .isEqualTo(managers.get("allocated_count").asLong() - 1);
        assertThat(run.ofType("site_leak")).isEmpty();
    }

    @Test
    void managersDroppedUnclosedShowAsSitesWhoseLiveBytesOnlyGrow() throws IOException {
        assertDropped(RUNS.get("dropping"));
    }

    @Test
    void aJdk25HostFindsTheSameLeaks() throws IOException {
        Assumptions.assumeTrue(RUNS.containsKey("dropping25"), "no JDK 25 at " + MlHost.JDK25);
        assertDropped(RUNS.get("dropping25"));
    }

    @Test
    void theHostsRunAsWithoutTheAgent() {
        RUNS.values().forEach(run -> run.assertRanAsWithoutTheAgent("djl done"));
    }

    private static void assertDropped(MlHost.Run run) throws IOException {
        long iterations = run.printed("iterations");
        JsonNode manager = run.site("djl_ndmanager", SourceLines.frame(DjlWorkloads.class, "dropping", "NDManager.newBaseManager("));
        assertThat(manager.get("live_count").asLong()).isEqualTo(iterations);
        String createLine = SourceLines.frame(DjlWorkloads.class, "dropping", "manager.create(");
        JsonNode input = run.site("djl_ndarray", createLine);
        assertThat(input.get("live_count").asLong()).isEqualTo(iterations);
        assertThat(input.get("freed_count").asLong()).isZero();
        JsonNode data = run.site("direct_buffer", createLine);
        assertThat(data.get("live_bytes").asLong()).as("what nothing will free").isEqualTo(iterations * INPUT_BYTES);
        List<Long> values = run.sampled(data.get("id").asText());
        assertThat(values).as(data.get("id").asText() + " in the samples").hasSizeGreaterThanOrEqualTo(3).isSorted();
        assertThat(values.get(values.size() - 1)).isGreaterThan(values.get(0));
    }
}
