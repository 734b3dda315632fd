package dev.leakscope.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leakscope.testkit.JavaProcess;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Never harm the host: each fault against a host that prints to stdout and exits with code 7. The
 * host's exit code and stdout must equal those of a run without the agent, and the agent may add
 * one line of its own to stderr, no more.
 */
class FaultsIT {

    private static final Path JDK25 = JavaProcess.JDK25;

    @TempDir
    Path dir;

    @Test
    void faultsTurnTheAgentOffInOneLineAndLeaveTheHostAlone() throws Exception {
        AgentHost.Run alone = host(JavaProcess.javaBin(), "alone", null);
        assertThat(alone.exitCode()).isEqualTo(7);
        assertThat(alone.stdout().lines()).hasSize(3);
        String[][] faults = {
            {"interval=0ms", "leakscope: bad option: interval=0ms: 0ms (expected: > 0); the agent stays off"},
            {"intervall=1s", "leakscope: bad option: unknown option intervall from the agent string (expected: one of "},
            {"out=/nonexistent/dir/x.jsonl", "leakscope: cannot write /nonexistent/dir/x.jsonl: /nonexistent/dir is not a directory; the agent stays off"},
            {"@" + dir.resolve("missing.opts"), "leakscope: bad option: @" + dir.resolve("missing.opts") + " (expected: a readable file of key=value lines;"},
            {"signals=rss+resident", "leakscope: bad option: signals=rss+resident: unknown signal resident"},
        };
        for (String[] fault : faults) {
            AgentHost.Run run = host(JavaProcess.javaBin(), "fault", fault[0]);
            assertThat(run.exitCode()).as(fault[0]).isEqualTo(alone.exitCode());
            assertThat(run.stdout()).as(fault[0]).isEqualTo(alone.stdout());
            assertThat(run.agentLines()).as(fault[0]).singleElement().asString().startsWith(fault[1]);
            assertThat(run.stderr().lines()).as(fault[0] + ": nothing but the agent's line").hasSize(1);
        }
    }

    @Test
    void aLibraryClassThatCannotBeInstrumentedRunsAsWrittenAndANoticeSaysSo() throws Exception {
        Path fake = Files.createDirectories(dir.resolve("fake/ai/onnxruntime"));
        Files.writeString(fake.resolve("OnnxTensor.java"), "package ai.onnxruntime;\n"
                + "public class OnnxTensor {\n"
                + "    private int closes;\n"
                + "    public void close() { closes++; }\n"
                + "    @Override public String toString() { return \"closed \" + closes + \" time(s)\"; }\n"
                + "}\n");
        assertThat(ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", dir.resolve("fake").toString(),
                fake.resolve("OnnxTensor.java").toString())).isZero();
        String classPath = dir.resolve("fake") + File.pathSeparator + Arrays.stream(AgentHost.hostClassPath().split(File.pathSeparator))
                .filter(e -> !e.contains("onnxruntime")).collect(Collectors.joining(File.pathSeparator));
        AgentHost.Run run = AgentHost.start(JavaProcess.javaBin(), dir, "fake-onnx", classPath, List.of(),
                "interval=100ms,out=fake.jsonl", "fake-onnx").await(Duration.ofSeconds(60));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).contains("fake tensor: closed 1 time(s)");
        assertThat(run.agentLines()).isEmpty();
        List<JsonNode> events = AgentHost.events(dir.resolve("fake.jsonl"));
        assertThat(AgentHost.ofType(events, "notice")).anySatisfy(n -> {
            assertThat(n.get("level").asText()).isEqualTo("warn");
            assertThat(n.get("message").asText()).startsWith("onnxruntime: cannot instrument ai.onnxruntime.OnnxTensor: ")
                    .endsWith("its allocations are not tracked, the application runs on unchanged");
        });
        assertThat(events.get(events.size() - 1).get("type").asText()).isEqualTo("summary");
    }

    @Test
    void withoutNvmlTheAgentRunsQuietlyAndSaysWhyInTheStream() throws Exception {
        AgentHost.Run alone = host(JavaProcess.javaBin(), "alone", null);
        AgentHost.Run run = host(JavaProcess.javaBin(), "nvml", "interval=100ms,out=nvml.jsonl");
        assertThat(run.exitCode()).isEqualTo(alone.exitCode());
        assertThat(run.stdout()).isEqualTo(alone.stdout());
        assertThat(run.stderr()).isEmpty();
        List<JsonNode> events = AgentHost.events(dir.resolve("nvml.jsonl"));
        assertThat(events.get(0).get("unavailable").get("vram_process").asText()).isNotBlank();
        assertThat(events.get(events.size() - 1).get("type").asText()).isEqualTo("summary");
    }

    @Test
    void aJdk25HostIsLeftAloneByABadOption() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(JDK25.resolve("bin/java")), "no JDK 25 at " + JDK25);
        Path java25 = JDK25.resolve("bin/java");
        AgentHost.Run alone = host(java25, "alone25", null);
        AgentHost.Run run = host(java25, "fault25", "interval=0ms");
        assertThat(run.exitCode()).isEqualTo(alone.exitCode()).isEqualTo(7);
        assertThat(run.stdout()).isEqualTo(alone.stdout());
        assertThat(run.agentLines()).singleElement().asString().startsWith("leakscope: bad option: interval=0ms");
    }

    @Test
    void aHostWithItsOwnJna517KeepsItAndStillGetsProcSamples() throws Exception {
        Path jna = Path.of(System.getProperty("leakscope.host.jna"));
        String classPath = jna + File.pathSeparator + Arrays.stream(AgentHost.hostClassPath().split(File.pathSeparator))
                .filter(e -> !Path.of(e).getFileName().toString().startsWith("jna-"))
                .collect(Collectors.joining(File.pathSeparator));
        // nvml=on makes the agent load its own JNA (5.19, isolated) beside the host's 5.17
        AgentHost host = AgentHost.start(JavaProcess.javaBin(), dir, "jna", classPath, List.of(),
                "interval=100ms,out=jna.jsonl,nvml=on", "jna");
        AgentHost.Run run = host.await(Duration.ofSeconds(60));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        assertThat(run.stdout()).startsWith("jna 5.17.0 getpid " + host.pid());
        List<JsonNode> events = AgentHost.events(dir.resolve("jna.jsonl"));
        assertThat(AgentHost.ofType(events, "sample")).isNotEmpty()
                .allSatisfy(s -> assertThat(s.get("values").get("rss_anon").asLong()).isPositive());
        assertThat(AgentHost.ofType(events, "notice")).anySatisfy(n -> assertThat(n.get("message").asText())
                .contains("NVML"));
    }

    @Test
    void aHostLoggingToStdoutThroughItsOwnLogbackKeepsExactlyThatOutput() throws Exception {
        Path config = Files.createDirectories(dir.resolve("logback-config"));
        Files.writeString(config.resolve("logback.xml"), """
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>host %level %logger: %msg%n</pattern></encoder>
                  </appender>
                  <root level="INFO"><appender-ref ref="OUT"/></root>
                </configuration>
                """);
        String classPath = config + File.pathSeparator + AgentHost.hostClassPath();
        AgentHost.Run alone = AgentHost.start(JavaProcess.javaBin(), dir, "logback-alone", classPath, List.of(), null,
                "logback").await(Duration.ofSeconds(60));
        // log=debug: the agent's own (shaded) Logback is busy too
        AgentHost.Run run = AgentHost.start(JavaProcess.javaBin(), dir, "logback", classPath, List.of(),
                "interval=100ms,out=logback.jsonl,log=debug", "logback").await(Duration.ofSeconds(60));
        assertThat(alone.stdout()).isEqualTo("host INFO host.Service: starting\nhost WARN host.Service: working\n"
                + "host INFO host.Service: done\n");
        assertThat(run.stdout()).isEqualTo(alone.stdout());
        assertThat(run.exitCode()).isEqualTo(alone.exitCode());
        assertThat(run.stderr()).as("the agent's own log goes to stderr").contains("leakscope INFO Agent: observing pid");
    }

    private AgentHost.Run host(Path java, String name, String agentOptions) throws Exception {
        return AgentHost.start(java, dir, name, List.of(), agentOptions, "host", "7").await(Duration.ofSeconds(60));
    }
}
