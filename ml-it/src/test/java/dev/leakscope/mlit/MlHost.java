package dev.leakscope.mlit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leakscope.mlit.workload.MlWorkloads;
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
import java.util.Optional;

/**
 * A host JVM running an {@link MlWorkloads} workload under the agent jar, with the workloads and
 * the ML libraries alone on its class path (what failsafe passes as {@code leakscope.ml.host.classpath}).
 */
final class MlHost {

    static final Path JDK25 = JavaProcess.JDK25.resolve("bin/java");

    /** How a host run ended, and the events the agent wrote, checked against the published schema. */
    record Run(String name, int exitCode, String stdout, String stderr, List<JsonNode> events) {

        /** The agent's own lines on stderr; the JVM's and the libraries' warnings are not its. */
        List<String> agentLines() {
            return stderr.lines().filter(l -> l.startsWith("leakscope:")).toList();
        }

        List<JsonNode> ofType(String type) {
            return events.stream().filter(e -> e.get("type").asText().equals(type)).toList();
        }

        JsonNode summary() {
            JsonNode last = events.get(events.size() - 1);
            if (!last.get("type").asText().equals("summary")) {
                throw new AssertionError(name + ": the last event is not the summary: " + last);
            }
            return last;
        }

        /** {@code summary.allocations.<kind>}: exact totals. */
        JsonNode allocations(String kind) {
            JsonNode k = summary().get("allocations").get(kind);
            if (k == null) {
                throw new AssertionError(name + ": no " + kind + " in " + summary().get("allocations"));
            }
            return k;
        }

        /** The summary's site of {@code kind} at {@code frame}, if it has one. */
        Optional<JsonNode> findSite(String kind, String frame) {
            for (JsonNode s : summary().get("sites")) {
                if (s.get("kind").asText().equals(kind) && s.get("site").asText().equals(frame)) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }

        JsonNode site(String kind, String frame) {
            return findSite(kind, frame).orElseThrow(
                    () -> new AssertionError(name + ": no " + kind + " site at " + frame + " in " + summary().get("sites")));
        }

        /** The values of {@code signal} in the sample events, in order (ticks that did not read it left out). */
        List<Long> sampled(String signal) {
            return ofType("sample").stream().map(e -> e.get("values").get(signal)).filter(v -> v != null)
                    .map(JsonNode::asLong).toList();
        }

        /** The host ran to its end as it would without the agent: exit 0, its last line, no line of the agent's. */
        /** Every allocation of {@code kind} was released, count and bytes exactly. */
        void assertAllFreed(String kind) {
            JsonNode totals = allocations(kind);
            assertThat(totals.get("freed_count").asLong()).as(name + " " + kind).isEqualTo(totals.get("allocated_count").asLong());
            assertThat(totals.get("freed_bytes").asLong()).as(name + " " + kind).isEqualTo(totals.get("allocated_bytes").asLong());
        }

        void assertRanAsWithoutTheAgent(String doneLine) {
            assertThat(exitCode).as(name + ": " + stderr).isZero();
            assertThat(agentLines()).as(name + " stderr").isEmpty();
            assertThat(stdout).as(name).contains(doneLine);
        }

        /** The number after {@code key=} in the workload's last line, e.g. {@code iterations=300}. */
        long printed(String key) {
            for (String word : stdout.strip().split("\\s+")) {
                if (word.startsWith(key + "=")) {
                    return Long.parseLong(word.substring(key.length() + 1));
                }
            }
            throw new AssertionError(name + ": no " + key + "= in its output: " + stdout);
        }
    }

    private final Process process;
    private final Path dir;
    private final String name;

    private MlHost(Process process, Path dir, String name) {
        this.process = process;
        this.dir = dir;
        this.name = name;
    }

    /** Starts {@code java -javaagent:<jar>=out=<name>.jsonl,<options> MlWorkloads args} in {@code dir}. */
    static MlHost start(Path java, Path dir, String name, String options, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(java.toString()));
        String cacheDir = System.getProperty("leakscope.ml.javacpp.cachedir", "");
        if (!cacheDir.isBlank()) {
            command.add("-Dorg.bytedeco.javacpp.cachedir=" + cacheDir);
        }
        // DJL offline: its native jar is on the class path; this keeps it from calling home first
        command.addAll(List.of("-Dai.djl.offline=true", "-DOPT_OUT_TRACKING=true"));
        command.add("-javaagent:" + agentJar() + "=out=" + name + ".jsonl," + options);
        command.addAll(List.of("-cp", property("leakscope.ml.host.classpath"), MlWorkloads.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve(name + ".stdout").toFile())
                .redirectError(dir.resolve(name + ".stderr").toFile()).start();
        return new MlHost(p, dir, name);
    }

    static MlHost start(Path dir, String name, String options, String... args) throws IOException {
        return start(JavaProcess.javaBin(), dir, name, options, args);
    }

    /** Waits for each of {@code hosts} in turn (they run at once); their runs under the same names. */
    static Map<String, Run> awaitAll(Map<String, MlHost> hosts, Duration timeout) throws IOException, InterruptedException {
        return JavaProcess.awaitAll(hosts, timeout, MlHost::await);
    }

    Run await(Duration timeout) throws IOException, InterruptedException {
        JavaProcess.awaitExit(process, name, timeout);
        List<String> lines = Files.readAllLines(dir.resolve(name + ".jsonl"));
        EventSchema.assertConforms(lines);
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> events = new ArrayList<>();
        for (String l : lines) {
            events.add(json.readTree(l));
        }
        return new Run(name, process.exitValue(), Files.readString(dir.resolve(name + ".stdout"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve(name + ".stderr"), StandardCharsets.UTF_8), events);
    }

    private static Path agentJar() {
        Path jar = Path.of(property("leakscope.agent.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("leakscope.agent.jar is not the built jar (" + jar + "); run through 'mvn verify'");
        }
        return jar;
    }

    private static String property(String key) {
        String value = System.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(key + " is not set; run through 'mvn verify'");
        }
        return value;
    }
}
