package dev.leakscope.agent.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakscope.core.gpu.NvmlSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentConfigTest {

    @TempDir
    Path dir;

    @Test
    void nothingGivenMeansTheDocumentedDefaults() {
        AgentConfig c = AgentConfig.from(List.of(RawOptions.agentString("")));
        assertThat(c.out()).isEqualTo("leakscope-<pid>.jsonl");
        assertThat(c.outPath(42, dir)).isEqualTo(dir.resolve("leakscope-42.jsonl"));
        assertThat(c.interval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.sampleEvery()).isEqualTo(1);
        assertThat(c.limits()).isEmpty();
        assertThat(c.logLevel()).isEqualTo("warn");
        assertThat(c.logDestination()).isEqualTo("stderr");
        assertThat(c.maxOut()).isEqualTo(100_000_000L);
        assertThat(c.maxOutFiles()).isEqualTo(2);
        assertThat(c.cpuBudget()).isEqualTo(0.02);
        assertThat(c.nvml()).isEqualTo(NvmlSource.Mode.AUTO);
        assertThat(c.command()).isEqualTo("start");
        assertThat(c.sites().modules()).containsExactly("direct-buffers", "unsafe", "onnxruntime", "djl",
                "tensorflow", "javacpp", "netty");
        assertThat(c.sites().sampleBytes()).isEqualTo(512 * 1024);
        assertThat(c.sites().maxSites()).isEqualTo(4096);
    }

    @Test
    void trackingOptionsChooseModulesAndHowManyAllocationsAreSampled() {
        AgentConfig some = AgentConfig.from(List.of(RawOptions.agentString("modules=onnxruntime+unsafe,sample_bytes=64KiB")));
        assertThat(some.sites().modules()).containsExactlyInAnyOrder("onnxruntime", "unsafe");
        assertThat(some.sites().sampleBytes()).isEqualTo(65536);
        AgentConfig all = AgentConfig.from(List.of(RawOptions.agentString("stacks=all,sample_bytes=64KiB,max_sites=10")));
        assertThat(all.sites().sampleBytes()).as("stacks=all tracks every allocation").isEqualTo(1);
        assertThat(all.sites().maxSites()).isEqualTo(10);
        assertThat(AgentConfig.from(List.of(RawOptions.agentString("modules=none"))).sites().modules()).isEmpty();
    }

    @Test
    void theAgentStringWinsOverPropertiesWhichWinOverTheEnvironment() {
        Properties props = new Properties();
        props.setProperty("leakscope.interval", "2s");
        props.setProperty("leakscope.samples", "5");
        props.setProperty("leakscope.agent.out", "ignored: the agent's own state");
        // LEAKSCOPE_JAR is scripts/leakscope's, not an option
        Map<String, String> env = Map.of("LEAKSCOPE_INTERVAL", "3s", "LEAKSCOPE_SAMPLES", "7", "LEAKSCOPE_NVML", "off",
                "LEAKSCOPE_JAR", "/opt/leakscope.jar");
        AgentConfig c = AgentConfig.from(List.of(RawOptions.environment(env), RawOptions.systemProperties(props),
                RawOptions.agentString("interval=100ms")));
        assertThat(c.interval()).isEqualTo(Duration.ofMillis(100));
        assertThat(c.sampleEvery()).isEqualTo(5);
        assertThat(c.nvml()).isEqualTo(NvmlSource.Mode.OFF);
    }

    @Test
    void limitsRepeatJoinWithPlusAndMergeAcrossSources() {
        Properties props = new Properties();
        props.setProperty("leakscope.limit", "rss_anon=1GB+uss=3GB");
        AgentConfig c = AgentConfig.from(List.of(RawOptions.systemProperties(props),
                RawOptions.agentString("limit=rss_anon=2GB,limit=direct_buffers=1GiB")));
        assertThat(c.limits()).containsEntry("rss_anon", 2_000_000_000L).containsEntry("uss", 3_000_000_000L)
                .containsEntry("direct_buffers", 1L << 30).hasSize(3);
    }

    @Test
    void listsUsePlusAndSamplesCanBeOff() {
        AgentConfig c = AgentConfig.from(List.of(RawOptions.agentString("signals=rss_anon+uss, samples=off")));
        assertThat(c.signals()).containsExactly("rss_anon", "uss");
        assertThat(c.sampleEvery()).isZero();
    }

    @Test
    void anOptionsFileCarriesValuesWithCommas() throws IOException {
        Path file = dir.resolve("agent.options");
        Files.writeString(file, "# written by the deploy script\nout=/tmp/a,b \"c\".jsonl\n\nlimit=uss=5GB\nmax-out=1MB\n");
        AgentConfig c = AgentConfig.from(List.of(RawOptions.agentString("@" + file + ",limit=rss_anon=1GB")));
        assertThat(c.out()).isEqualTo("/tmp/a,b \"c\".jsonl");
        assertThat(c.maxOut()).isEqualTo(1_000_000L);
        assertThat(c.limits()).containsEntry("uss", 5_000_000_000L).containsEntry("rss_anon", 1_000_000_000L);
    }

    @Test
    void markersRepeatAndKeepTheirLabels() {
        AgentConfig c = AgentConfig.from(List.of(RawOptions.agentString("iteration=com.acme.Trainer#trainStep,"
                + "phase=com.acme.Vlm#load:\"VLM load\",phase=com.acme.Vlm#unload,cleanup=com.acme.Vlm$Cache#clear:14GB:VLM cache,"
                + "iteration=com.acme.Server#handle")));
        assertThat(c.markers()).containsExactlyInAnyOrder(
                new MethodMarker(MethodMarker.Kind.ITERATION, "com.acme.Trainer", "trainStep", null, 0),
                new MethodMarker(MethodMarker.Kind.PHASE, "com.acme.Vlm", "load", "VLM load", 0),
                new MethodMarker(MethodMarker.Kind.PHASE, "com.acme.Vlm", "unload", "unload", 0),
                new MethodMarker(MethodMarker.Kind.CLEANUP, "com.acme.Vlm$Cache", "clear", "VLM cache", 14_000_000_000L),
                new MethodMarker(MethodMarker.Kind.ITERATION, "com.acme.Server", "handle", null, 0));
        assertThat(c.asWritten().get("phase")).isEqualTo(List.of("com.acme.Vlm#load:VLM load", "com.acme.Vlm#unload:unload"));
        assertThat(c.asWritten().get("cleanup")).isEqualTo(List.of("com.acme.Vlm$Cache#clear:14000000000:VLM cache"));
        assertThat(AgentConfig.from(List.of(RawOptions.agentString(""))).markers()).isEmpty();
    }

    @Test
    void badMarkersNameTheFormExpected() {
        assertThat(problem("iteration=com.acme.Trainer")).isEqualTo("iteration=com.acme.Trainer: expected CLASS#METHOD, "
                + "e.g. iteration=com.acme.Trainer#trainStep");
        assertThat(problem("iteration=com.acme.Trainer#step:x")).startsWith("iteration=com.acme.Trainer#step:x: an iteration takes no label;");
        assertThat(problem("phase=#load")).startsWith("phase=#load: expected CLASS#METHOD[:LABEL]");
        assertThat(problem("cleanup=com.acme.Vlm#unload")).isEqualTo("cleanup=com.acme.Vlm#unload: no SIZE; expected "
                + "CLASS#METHOD:SIZE[:LABEL], e.g. cleanup=com.acme.Vlm#unload:14GB:VLM");
        assertThat(problem("cleanup=com.acme.Vlm#unload:lots")).startsWith("cleanup=com.acme.Vlm#unload:lots: ");
    }

    @Test
    void aKeyGivenTwiceInOneSourceIsAnError() throws IOException {
        Path file = dir.resolve("agent.options");
        Files.writeString(file, "interval=1s\n");
        assertThatThrownBy(() -> AgentConfig.from(List.of(RawOptions.agentString("@" + file + ",interval=2s"))))
                .hasMessage("interval given 2 times in the agent string: [1s, 2s] (expected: once; only limit, iteration, phase and cleanup repeat)");
    }

    @Test
    void badValuesNameTheKeyTheValueAndWhatWasExpected() {
        assertThat(problem("intervl=1s")).startsWith("unknown option intervl from the agent string (expected: one of out, interval,");
        assertThat(problem("interval=0s")).startsWith("interval=0s: ").contains("expected");
        assertThat(problem("samples=0")).isEqualTo("samples=0 (expected: a whole number >= 1, or off)");
        assertThat(problem("signals=rsss+uss")).startsWith("signals=rsss+uss: unknown signal rsss (expected: all,");
        assertThat(problem("limit=rss=lots")).startsWith("limit=rss=lots: ");
        assertThat(problem("log=loud")).startsWith("log=loud (expected: error, warn, info, debug or off");
        assertThat(problem("max_out=1KB")).isEqualTo("max_out=1KB: 1KB (expected: at least 64KiB)");
        assertThat(problem("max_out_files=-1")).isEqualTo("max_out_files=-1 (expected: a whole number from 0 to 100)");
        assertThat(problem("cpu_budget=0%")).startsWith("cpu_budget=0% (expected: a share of one core");
        assertThat(problem("log=info:stdout")).startsWith("log=info:stdout (expected: a level, then optionally :stderr or :<file>;");
        assertThat(problem("nvml=maybe")).isEqualTo("nvml=maybe (expected: auto, on or off)");
        assertThat(problem("modules=nety")).startsWith("modules=nety: unknown module nety (expected: all, none, or modules");
        assertThat(problem("stacks=some")).isEqualTo("stacks=some (expected: sampled, or all to track every allocation)");
        assertThat(problem("sample_bytes=lots")).startsWith("sample_bytes=lots: ");
        assertThat(problem("max_sites=0")).isEqualTo("max_sites=0 (expected: a whole number from 1 to 1000000)");
        assertThat(problem("interval")).isEqualTo("interval in agent string (expected: key=value)");
        assertThat(problem("@" + dir.resolve("missing"))).startsWith("@" + dir.resolve("missing")
                + " (expected: a readable file of key=value lines; NoSuchFileException");
    }

    private static String problem(String agentString) {
        try {
            AgentConfig.from(List.of(RawOptions.agentString(agentString)));
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError(agentString + " was accepted");
    }
}
