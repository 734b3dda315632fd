package dev.leakscope.mlit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leakscope.mlit.workload.MlWorkloads;
import dev.leakscope.mlit.workload.TensorFlowWorkloads;
import dev.leakscope.testkit.SourceLines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tensorflow module in JVMs running TensorFlow Java 1.1.0 (TensorFlow 2.18): a session loop
 * that closes its input tensors and results, the same loop dropping them (JavaCPP deletes a
 * collected tensor: no leak), and the closing loop under JDK 25. Every allocation is tracked.
 */
class TensorFlowIT {

    private static final String SECONDS = "2";
    private static final String OPTIONS = "interval=200ms,stacks=all";
    private static final long TENSOR_BYTES = TensorFlowWorkloads.FLOATS * 4L;

    @TempDir
    static Path dir;

    private static final Map<String, MlHost.Run> RUNS = new LinkedHashMap<>();

    @BeforeAll
    static void runAll() throws Exception {
        Map<String, MlHost> hosts = new LinkedHashMap<>();
        hosts.put("closing", MlHost.start(dir, "closing", OPTIONS, "tf", "closing", SECONDS));
        hosts.put("dropping", MlHost.start(dir, "dropping", OPTIONS, "tf", "dropping", SECONDS));
        if (Files.isExecutable(MlHost.JDK25)) {
            hosts.put("closing25", MlHost.start(MlHost.JDK25, dir, "closing25", OPTIONS, "tf", "closing", SECONDS));
        }
        RUNS.putAll(MlHost.awaitAll(hosts, Duration.ofSeconds(180)));
    }

    @Test
    void theClosingLoopFreesEveryTensorAtTheLinesThatMadeThem() throws IOException {
        assertClosingLoop(RUNS.get("closing"));
    }

    @Test
    void aJdk25HostCountsTheSame() throws IOException {
        Assumptions.assumeTrue(RUNS.containsKey("closing25"), "no JDK 25 at " + MlHost.JDK25);
        assertClosingLoop(RUNS.get("closing25"));
    }

    @Test
    void droppedTensorsAreDeletedAfterCollectionAndAreNoLeak() throws IOException {
        MlHost.Run run = RUNS.get("dropping");
        long iterations = run.printed("iterations");
        assertThat(run.ofType("site_leak")).isEmpty();
        for (String call : new String[] {"TFloat32.tensorOf(", "session.runner()"}) {
            JsonNode site = run.site("tf_tensor", frame("dropping", call));
            assertThat(site.get("allocated_count").asLong()).as(call).isEqualTo(iterations);
            assertThat(site.get("freed_count").asLong()).as(call + " deleted after collection").isPositive();
            assertThat(site.get("live_count").asLong()).as(call + " live: at most what a collection missed")
                    .isLessThanOrEqualTo(2 * MlWorkloads.GC_EVERY);
            assertThat(site.get("unclosed_gc_count").asLong()).as(call).isZero();
        }
    }

    @Test
    void aTensorsJavaCppHandleIsNotCountedAgain() throws IOException {
        MlHost.Run run = RUNS.get("closing");
        String input = frame("closing", "TFloat32.tensorOf(");
        // the one pointer there may be TensorFlow's static deallocator, made with the first tensor
        long pointers = run.findSite("javacpp_pointer", input).map(s -> s.get("allocated_count").asLong()).orElse(0L);
        assertThat(pointers).as("JavaCPP pointers at the line that made " + run.printed("iterations") + " tensors")
                .isLessThanOrEqualTo(1);
        assertThat(run.allocations("javacpp_pointer").get("allocated_bytes").asLong())
                .as("JavaCPP's own allocations are Session.run's small argument arrays")
                .isLessThan(run.allocations("tf_tensor").get("allocated_bytes").asLong() / 100);
    }

    @Test
    void theHostsRunAsWithoutTheAgent() {
        RUNS.values().forEach(run -> run.assertRanAsWithoutTheAgent("tf done"));
    }

    private static void assertClosingLoop(MlHost.Run run) throws IOException {
        assertThat(run.events().get(0).get("modules").get("tensorflow").asText()).isEqualTo("on");
        long iterations = run.printed("iterations");
        assertThat(iterations).isPositive();
        JsonNode tensors = run.allocations("tf_tensor");
        assertThat(tensors.get("allocated_count").asLong()).as("an input and an output each time").isEqualTo(2 * iterations);
        assertThat(tensors.get("allocated_bytes").asLong()).isEqualTo(2 * iterations * TENSOR_BYTES);
        assertThat(tensors.get("freed_count").asLong()).as("all closed").isEqualTo(tensors.get("allocated_count").asLong());
        assertThat(tensors.get("freed_bytes").asLong()).isEqualTo(tensors.get("allocated_bytes").asLong());
        for (String call : new String[] {"TFloat32.tensorOf(", "session.runner()"}) {
            JsonNode site = run.site("tf_tensor", frame("closing", call));
            assertThat(site.get("allocated_count").asLong()).as(call).isEqualTo(iterations);
            assertThat(site.get("freed_count").asLong()).as(call).isEqualTo(iterations);
            assertThat(site.get("live_bytes").asLong()).as(call).isZero();
            assertThat(site.get("estimated").asBoolean()).isFalse();
        }
        assertThat(run.ofType("site_leak")).isEmpty();
    }

    private static String frame(String method, String call) throws IOException {
        return SourceLines.frame(TensorFlowWorkloads.class, method, call);
    }
}
