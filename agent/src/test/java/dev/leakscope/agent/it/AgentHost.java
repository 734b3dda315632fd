package dev.leakscope.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leakscope.agent.it.workload.Workloads;
import dev.leakscope.testkit.EventSchema;
import dev.leakscope.testkit.JavaProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A host JVM running a {@link Workloads} workload, with or without the agent, its output captured. */
final class AgentHost {

    /** How a host run ended: its exit code, stdout, stderr. */
    record Run(int exitCode, String stdout, String stderr) {
        /** The stderr lines that are not the JVM's own warnings. */
        List<String> agentLines() {
            return stderr.lines().filter(l -> l.startsWith("leakscope:")).toList();
        }
    }

    /**
     * ONNX Runtime 1.29 overflows the default 1 MiB main-thread stack inside
     * {@code OrtEnvironment.createHandle} (about 12,000 native frames, seen with gdb on a core) when
     * the command line is long, as a test's class path is (here from about 4 KB on); with or
     * without the agent. Every host that runs ONNX Runtime gets this.
     */
    static final String ONNX_MAIN_STACK = "-Xss16m";

    private final Process process;
    private final Path dir;
    private final String name;

    private AgentHost(Process process, Path dir, String name) {
        this.process = process;
        this.dir = dir;
        this.name = name;
    }

    /**
     * Starts {@code java [jvmArgs] [-javaagent:jar=agentOptions] Workloads args} in {@code dir}.
     *
     * @param agentOptions null for no agent
     */
    static AgentHost start(Path java, Path dir, String name, List<String> jvmArgs, String agentOptions, String... args)
            throws IOException {
        return start(java, dir, name, hostClassPath(), jvmArgs, agentOptions, args);
    }

    /** Like the others, with an explicit class path. */
    static AgentHost start(Path java, Path dir, String name, String classPath, List<String> jvmArgs, String agentOptions,
                           String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmArgs);
        if (agentOptions != null) {
            command.add("-javaagent:" + AgentJar.path() + (agentOptions.isEmpty() ? "" : "=" + agentOptions));
        }
        command.add("-cp");
        command.add(classPath);
        command.add(Workloads.class.getName());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve(name + ".stdout").toFile())
                .redirectError(dir.resolve(name + ".stderr").toFile()).start();
        return new AgentHost(p, dir, name);
    }

    static AgentHost start(Path dir, String name, List<String> jvmArgs, String agentOptions, String... args) throws IOException {
        return start(JavaProcess.javaBin(), dir, name, jvmArgs, agentOptions, args);
    }

    /**
     * The test class path without the agent module's own classes: a host has the workloads and
     * their libraries (Jackson, Logback, JNA among them), never leakscope's classes outside its jar.
     */
    static String hostClassPath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> !Path.of(entry).endsWith(Path.of("agent", "target", "classes"))
                        && !Path.of(entry).getFileName().toString().startsWith("leakscope-agent"))
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    long pid() {
        return process.pid();
    }

    /** Waits for each of {@code hosts} in turn (they run at once); their runs under the same names. */
    static Map<String, Run> awaitAll(Map<String, AgentHost> hosts, Duration timeout) throws IOException, InterruptedException {
        return JavaProcess.awaitAll(hosts, timeout, AgentHost::await);
    }

    Run await(Duration timeout) throws IOException, InterruptedException {
        JavaProcess.awaitExit(process, name, timeout);
        return new Run(process.exitValue(), Files.readString(dir.resolve(name + ".stdout"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve(name + ".stderr"), StandardCharsets.UTF_8));
    }

    Process process() {
        return process;
    }

    void kill() {
        process.destroyForcibly();
    }

    /** The events of a stream the agent wrote, checked against the published schema. */
    static List<JsonNode> events(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        EventSchema.assertConforms(lines);
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        for (String l : lines) {
            out.add(json.readTree(l));
        }
        return out;
    }

    /** The last event, which must be the summary. */
    static JsonNode summary(List<JsonNode> events) {
        JsonNode last = events.get(events.size() - 1);
        assertThat(last.get("type").asText()).isEqualTo("summary");
        return last;
    }

    /** The summary's site of {@code kind} at {@code frame}. */
    static JsonNode site(List<JsonNode> events, String kind, String frame) {
        for (JsonNode s : summary(events).get("sites")) {
            if (s.get("kind").asText().equals(kind) && s.get("site").asText().equals(frame)) {
                return s;
            }
        }
        throw new AssertionError("no " + kind + " site at " + frame + " in " + summary(events).get("sites"));
    }

    static List<JsonNode> ofType(List<JsonNode> events, String type) {
        return events.stream().filter(e -> e.get("type").asText().equals(type)).toList();
    }
}
