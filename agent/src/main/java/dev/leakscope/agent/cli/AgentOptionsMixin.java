package dev.leakscope.agent.cli;

import dev.leakscope.agent.options.AgentConfig;
import dev.leakscope.agent.options.RawOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The agent's options as {@code leakscope attach} flags: the same keys as the agent string
 * (docs/options.md), {@code --key value}, with {@code -} or {@code _} between words.
 */
public final class AgentOptionsMixin {

    @Option(names = "--out", paramLabel = "FILE", description = "Where the agent writes: a file (relative to this directory), stdout or stderr (default: leakscope-<pid>.jsonl in the target's working directory).")
    String out;

    @Option(names = "--interval", paramLabel = "DURATION", description = "Time between samples (default: 1s).")
    String interval;

    @Option(names = "--samples", paramLabel = "N|off", description = "Write a sample event every Nth tick, or off (default: 1).")
    String samples;

    @Option(names = "--signals", paramLabel = "LIST", description = "Signals to read, joined by +, or all (default: all).")
    String signals;

    @Option(names = "--limit", paramLabel = "SIGNAL=SIZE", description = "A signal's limit, e.g. rss_anon=2GB. Repeatable.")
    List<String> limits;

    @Option(names = "--log", paramLabel = "LEVEL[:DEST]", description = "The agent's own log: error, warn, info, debug or off, and stderr or a file (default: warn:stderr).")
    String log;

    @Option(names = {"--max-out", "--max_out"}, paramLabel = "SIZE", description = "Rotate the output file at this size (default: 100MB).")
    String maxOut;

    @Option(names = {"--max-out-files", "--max_out_files"}, paramLabel = "N", description = "Rotated files kept (default: 2).")
    String maxOutFiles;

    @Option(names = {"--smaps-interval", "--smaps_interval"}, paramLabel = "DURATION", description = "Time between smaps_rollup reads (default: 30s).")
    String smapsInterval;

    @Option(names = {"--cpu-budget", "--cpu_budget"}, paramLabel = "PERCENT", description = "Most of one core sampling may use before it slows down (default: 2%).")
    String cpuBudget;

    @Option(names = "--nvml", paramLabel = "auto|on|off", description = "Read GPU memory where a driver is seen (auto), always (on), or never (off) (default: auto).")
    String nvml;

    @Option(names = "--modules", paramLabel = "LIST", description = "Instrumentation modules joined by +, all, or none (default: all).")
    String modules;

    @Option(names = "--stacks", paramLabel = "sampled|all", description = "Track a byte-weighted sample of allocations, or every one (default: sampled).")
    String stacks;

    @Option(names = {"--sample-bytes", "--sample_bytes"}, paramLabel = "SIZE", description = "About one allocation is tracked per this many bytes (default: 512KiB).")
    String sampleBytes;

    @Option(names = {"--max-sites", "--max_sites"}, paramLabel = "N", description = "Sites kept apart; the rest count as one other site (default: 4096).")
    String maxSites;

    @Option(names = "--http", paramLabel = "[HOST:]PORT|off", description = "Serve metrics for Prometheus at /metrics; a port alone listens on 127.0.0.1 (default: off).")
    String http;

    @Option(names = "--iteration", paramLabel = "CLASS#METHOD", description = "Count an iteration each time this method returns. Repeatable.")
    List<String> iterations;

    @Option(names = "--phase", paramLabel = "CLASS#METHOD[:LABEL]", description = "Write a phase event each time this method returns. Repeatable.")
    List<String> phases;

    @Option(names = "--cleanup", paramLabel = "CLASS#METHOD:SIZE[:LABEL]", description = "Check that each call of this method frees about SIZE. Repeatable.")
    List<String> cleanups;

    /** The flags given, as agent options; a relative {@code --out} is made absolute against {@code cwd}. */
    Map<String, List<String>> given(Path cwd) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        if (out != null) {
            boolean stream = out.equals(AgentConfig.STDOUT) || out.equals(AgentConfig.STDERR);
            m.put("out", List.of(stream ? out : cwd.resolve(out).toAbsolutePath().normalize().toString()));
        }
        put(m, "interval", interval);
        put(m, "samples", samples);
        put(m, "signals", signals);
        putAll(m, "limit", limits);
        put(m, "log", log == null ? null : absoluteLogFile(log, cwd));
        put(m, "max_out", maxOut);
        put(m, "max_out_files", maxOutFiles);
        put(m, "smaps_interval", smapsInterval);
        put(m, "cpu_budget", cpuBudget);
        put(m, "nvml", nvml);
        put(m, "modules", modules);
        put(m, "stacks", stacks);
        put(m, "sample_bytes", sampleBytes);
        put(m, "max_sites", maxSites);
        put(m, "http", http);
        putAll(m, "iteration", iterations);
        putAll(m, "phase", phases);
        putAll(m, "cleanup", cleanups);
        return m;
    }

    /** A relative log file resolves here, as {@code --out} does: the target's directory is not the user's. */
    private static String absoluteLogFile(String log, Path cwd) {
        int colon = log.indexOf(':');
        if (colon < 0 || log.substring(colon + 1).equals(AgentConfig.STDERR) || log.substring(colon + 1).equals(AgentConfig.STDOUT)) {
            return log;
        }
        return log.substring(0, colon + 1) + cwd.resolve(log.substring(colon + 1)).toAbsolutePath().normalize();
    }

    /** The agent string for {@code given}: key=value,key=value. */
    static String agentString(Map<String, List<String>> given) {
        List<String> elements = new ArrayList<>();
        given.forEach((key, values) -> values.forEach(v -> {
            if (v.contains(",")) {
                throw new IllegalArgumentException("--" + key.replace('_', '-') + ": " + v + " (expected: no comma; the agent "
                        + "string separates options with commas: pick another name, or load the agent with -javaagent and an @file)");
            }
            elements.add(key + "=" + v);
        }));
        return String.join(",", elements);
    }

    /** Checks the options as the agent will, so that bad input is reported here, exit code 2. */
    static void check(String agentString) {
        AgentConfig.from(List.of(RawOptions.agentString(agentString)));
    }

    /** A repeatable option: every value given, in order. */
    private static void putAll(Map<String, List<String>> m, String key, List<String> values) {
        if (values != null && !values.isEmpty()) {
            m.put(key, new ArrayList<>(values));
        }
    }

    private static void put(Map<String, List<String>> m, String key, String value) {
        if (value != null) {
            m.put(key, List.of(value));
        }
    }
}
