package dev.leakscope.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leakscope.agent.it.workload.NettyWorkloads;
import dev.leakscope.agent.it.workload.OnnxWorkloads;
import dev.leakscope.testkit.JavaProcess;
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
 * Allocation sites in real JVMs running ONNX Runtime 1.29.0 on a model built in code: an inference
 * loop that forgets to close its input tensor and its {@code Result} (a leak reported in the
 * onnxruntime issue tracker), the same loop closing both, sessions dropped unclosed, and the leak
 * under JDK 25. Every allocation is tracked ({@code stacks=all}) except in the run that checks the
 * default sampling.
 */
class SitesIT {

    private static final Path JDK25 = JavaProcess.JDK25;
    private static final String SECONDS = "10s";
    private static final String FEATURES = "64";

    @TempDir
    static Path dir;

    private static final Map<String, AgentHost.Run> RUNS = new LinkedHashMap<>();

    @BeforeAll
    static void runAll() throws Exception {
        Map<String, AgentHost> hosts = new LinkedHashMap<>();
        hosts.put("leak", AgentHost.start(dir, "leak", List.of(AgentHost.ONNX_MAIN_STACK), options("leak", "stacks=all"), "onnx-leak", SECONDS, FEATURES));
        hosts.put("closed", AgentHost.start(dir, "closed", List.of(AgentHost.ONNX_MAIN_STACK), options("closed", "stacks=all"), "onnx-closed", SECONDS, FEATURES));
        hosts.put("sampled", AgentHost.start(dir, "sampled", List.of(AgentHost.ONNX_MAIN_STACK), options("sampled", "stacks=sampled"), "onnx-leak", SECONDS, FEATURES));
        hosts.put("sessions", AgentHost.start(dir, "sessions", List.of(AgentHost.ONNX_MAIN_STACK), options("sessions", "stacks=sampled"), "onnx-sessions", "8", "leak"));
        hosts.put("netty-leak", AgentHost.start(dir, "netty-leak", List.of(), options("netty-leak", "stacks=all"),
                "netty", "6s", "pooled", "leak"));
        hosts.put("netty-released", AgentHost.start(dir, "netty-released", List.of(), options("netty-released", "stacks=all"),
                "netty", "6s", "adaptive", "release"));
        hosts.put("netty-unpooled", AgentHost.start(dir, "netty-unpooled", List.of(), options("netty-unpooled", "stacks=all"),
                "netty", "6s", "unpooled", "release"));
        if (Files.isExecutable(JDK25.resolve("bin/java"))) {
            hosts.put("leak25", AgentHost.start(JDK25.resolve("bin/java"), dir, "leak25", List.of(AgentHost.ONNX_MAIN_STACK),
                    options("leak25", "stacks=all"), "onnx-leak", SECONDS, FEATURES));
        }
        RUNS.putAll(AgentHost.awaitAll(hosts, Duration.ofSeconds(120)));
    }

    @Test
    void tensorsAndResultsDroppedUnclosedAreSiteLeaksAtTheLinesThatMadeThem() throws Exception {
        assertSiteLeaks("leak");
    }

    @Test
    void aJdk25HostFindsTheSameSiteLeaks() throws Exception {
        Assumptions.assumeTrue(RUNS.containsKey("leak25"), "no JDK 25 at " + JDK25);
        assertSiteLeaks("leak25");
    }

    @Test
    void theLoopThatClosesEverythingHasNoSiteLeakAndFreesAllItAllocated() throws Exception {
        List<JsonNode> events = events("closed");
        assertThat(AgentHost.ofType(events, "site_leak")).isEmpty();
        JsonNode allocations = AgentHost.summary(events).get("allocations");
        for (String kind : List.of("onnx_tensor", "onnx_result", "onnx_session")) {
            JsonNode k = allocations.get(kind);
            assertThat(k.get("allocated_count").asLong()).as(kind).isPositive();
            assertThat(k.get("freed_count").asLong()).as(kind + " all freed").isEqualTo(k.get("allocated_count").asLong());
            assertThat(k.get("freed_bytes").asLong()).as(kind + " bytes").isEqualTo(k.get("allocated_bytes").asLong());
        }
        // 64 floats in and out per iteration, 256 bytes each: the output's are ONNX Runtime's; the
        // input's are a direct buffer's, counted there and not again in the tensor: the one
        // createTensor copies a heap row into (at its line), or, every other iteration, the caller's own
        long tensors = allocations.get("onnx_tensor").get("allocated_count").asLong();
        assertThat(allocations.get("onnx_tensor").get("allocated_bytes").asLong()).isEqualTo(256 * tensors / 2);
        JsonNode copies = AgentHost.site(events, "direct_buffer", frame("runClosing", "OnnxTensor.createTensor("));
        JsonNode callers = AgentHost.site(events, "direct_buffer", frame("directCopy", "ByteBuffer.allocateDirect("));
        assertThat(copies.get("allocated_count").asLong()).isPositive();
        assertThat(callers.get("allocated_count").asLong()).isPositive();
        assertThat(copies.get("allocated_count").asLong() + callers.get("allocated_count").asLong()).isEqualTo(tensors / 2);
        assertThat(copies.get("allocated_bytes").asLong() + callers.get("allocated_bytes").asLong()).isEqualTo(256 * tensors / 2);
        assertThat(AgentHost.summary(events).get("sites")).allSatisfy(s -> assertThat(s.get("live_count").asLong()).isZero());
    }

    @Test
    void bySamplingResultsAreStillCaughtAndTheMessageNamesTheOptionForEveryStack() throws Exception {
        List<JsonNode> leaks = AgentHost.ofType(events("sampled"), "site_leak");
        JsonNode result = leaks.stream().filter(l -> l.get("kind").asText().equals("onnx_result")).findFirst()
                .orElseThrow(() -> new AssertionError("no onnx_result site_leak in " + leaks));
        assertThat(result.get("site").asText()).isEqualTo(frame("runLeaky", "session.run("));
        assertThat(result.get("estimated").asBoolean()).isTrue();
        assertThat(result.get("message").asText()).contains("stacks=all");
    }

    @Test
    void sessionsDroppedUnclosedAreSiteLeaks() throws Exception {
        List<JsonNode> leaks = AgentHost.ofType(events("sessions"), "site_leak");
        assertThat(leaks).anySatisfy(l -> {
            assertThat(l.get("kind").asText()).isEqualTo("onnx_session");
            assertThat(l.get("site").asText()).isEqualTo(frame("sessionLeaky", "env.createSession("));
        });
        long unclosed = leaks.stream().filter(l -> l.get("kind").asText().equals("onnx_session"))
                .mapToLong(l -> l.get("count").asLong()).sum();
        assertThat(unclosed).as("every session is tracked").isBetween(1L, 8L);
    }

    @Test
    void nettyBuffersCollectedUnreleasedAreSiteLeaksAtTheLineThatTookThem() throws Exception {
        List<JsonNode> events = events("netty-leak");
        assertThat(events.get(0).get("modules").get("netty").asText()).isEqualTo("on");
        assertThat(AgentHost.ofType(events, "site_leak")).anySatisfy(l -> {
            assertThat(l.get("kind").asText()).isEqualTo("netty_bytebuf");
            assertThat(l.get("site").asText()).isEqualTo(SourceLines.frame(NettyWorkloads.class, "take", "directBuffer("));
            assertThat(l.get("bytes").asLong()).isEqualTo(4096 * l.get("count").asLong());
        });
        assertThat(AgentHost.summary(events).get("allocations").get("netty_bytebuf").get("freed_count").asLong()).isZero();
    }

    @Test
    void nettyBuffersReleasedAreAllFreedAndTheirPoolsChunksAreTheirs() throws Exception {
        for (String name : List.of("netty-released", "netty-unpooled")) {
            List<JsonNode> events = events(name);
            assertThat(AgentHost.ofType(events, "site_leak")).as(name).isEmpty();
            JsonNode netty = AgentHost.summary(events).get("allocations").get("netty_bytebuf");
            assertThat(netty.get("allocated_count").asLong()).as(name).isGreaterThan(1000);
            assertThat(netty.get("freed_count").asLong()).as(name).isEqualTo(netty.get("allocated_count").asLong());
            assertThat(netty.get("allocated_bytes").asLong()).as(name).isEqualTo(4096 * netty.get("allocated_count").asLong());
        }
    }

    @Test
    void theHostsRunAsWithoutTheAgent() {
        RUNS.forEach((name, run) -> {
            assertThat(run.exitCode()).as(name + ": " + run.stderr()).isZero();
            assertThat(run.agentLines()).as(name + " stderr").isEmpty();
            assertThat(run.stdout()).as(name).containsAnyOf("infer done", "sessions done", "netty done");
        });
    }

    private static void assertSiteLeaks(String name) throws Exception {
        List<JsonNode> events = events(name);
        assertThat(events.get(0).get("modules").get("onnxruntime").asText()).isEqualTo("on");
        List<JsonNode> leaks = AgentHost.ofType(events, "site_leak");
        assertThat(leaks).as("input tensors").anySatisfy(l -> {
            assertThat(l.get("kind").asText()).isEqualTo("onnx_tensor");
            assertThat(l.get("site").asText()).isEqualTo(frame("runLeaky", "OnnxTensor.createTensor("));
            assertThat(l.get("estimated").asBoolean()).isFalse();
            assertThat(l.get("stack").toString()).contains("OnnxWorkloads.infer(");
        });
        assertThat(leaks).as("results").anySatisfy(l -> {
            assertThat(l.get("kind").asText()).isEqualTo("onnx_result");
            assertThat(l.get("site").asText()).isEqualTo(frame("runLeaky", "session.run("));
        });
        JsonNode summary = AgentHost.summary(events);
        assertThat(summary.get("sites")).anySatisfy(s -> {
            assertThat(s.get("kind").asText()).isEqualTo("onnx_tensor");
            assertThat(s.get("unclosed_gc_count").asLong()).isPositive();
            assertThat(s.get("live_bytes").asLong()).as("what nothing will free").isPositive();
        });
        assertThat(summary.get("allocations").get("onnx_tensor").get("freed_count").asLong()).as("nothing closed").isZero();
    }

    private static String frame(String method, String call) throws IOException {
        return SourceLines.frame(OnnxWorkloads.class, method, call);
    }

    private static List<JsonNode> events(String name) throws IOException {
        return AgentHost.events(dir.resolve(name + ".jsonl"));
    }

    private static String options(String name, String stacks) {
        return "interval=200ms,samples=off,out=" + name + ".jsonl," + stacks;
    }
}
