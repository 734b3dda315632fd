package dev.leakscope.agent.options;

import dev.leakscope.core.detect.Limits;
import dev.leakscope.core.gpu.NvmlSource;
import dev.leakscope.core.sample.Signals;
import dev.leakscope.core.unit.Units;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The agent's options, checked and typed (docs/options.md). Built from the sources in order of
 * precedence: defaults, the environment, system properties, then the agent string (which is also
 * what {@code leakscope attach} passes, so that its flags win over the target's own settings).
 * Every problem is an {@link IllegalArgumentException} that names the key, the value and what
 * was expected.
 */
public record AgentConfig(String out, Duration interval, int sampleEvery, Set<String> signals,
                          Map<String, Long> limits, String logLevel, String logDestination, long maxOut,
                          int maxOutFiles, Duration smapsInterval, double cpuBudget, NvmlSource.Mode nvml,
                          Sites sites, List<MethodMarker> markers, InetSocketAddress http, String command,
                          Map<String, Object> asWritten) {

    /**
     * Allocation-site tracking (docs/sites.md).
     *
     * @param modules     the instrumentation modules to install; empty turns tracking off
     * @param sampleBytes about one allocation is sampled per this many bytes; 1 with stacks=all
     * @param maxSites    sites kept apart before the rest count as one "other" site
     */
    public record Sites(Set<String> modules, long sampleBytes, int maxSites) {
        /** Every module, in the order the {@code start} event lists them. */
        public static final List<String> MODULES = List.of("direct-buffers", "unsafe", "onnxruntime", "djl",
                "tensorflow", "javacpp", "netty");
    }

    /** Every key, with its default; docs/options.md describes each. */
    public static final Map<String, String> DEFAULTS = defaults();

    public static final String STDOUT = "stdout";
    public static final String STDERR = "stderr";

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("out", "leakscope-<pid>.jsonl");
        d.put("interval", "1s");
        d.put("samples", "1");
        d.put("signals", "all");
        d.put("limit", "");
        d.put("log", "warn:stderr");
        d.put("max_out", "100MB");
        d.put("max_out_files", "2");
        d.put("smaps_interval", "30s");
        d.put("cpu_budget", "2%");
        d.put("nvml", "auto");
        d.put("modules", "all");
        d.put("stacks", "sampled");
        d.put("sample_bytes", "512KiB");
        d.put("max_sites", "4096");
        d.put("iteration", "");
        d.put("phase", "");
        d.put("cleanup", "");
        d.put("http", "off");
        d.put("command", "start");
        return d;
    }

    /** Merges {@code sources} (lowest precedence first) over the defaults and checks every value. */
    public static AgentConfig from(List<RawOptions> sources) {
        Map<String, String> single = new LinkedHashMap<>(DEFAULTS);
        Map<String, Long> limits = new LinkedHashMap<>();
        List<MethodMarker> markers = new ArrayList<>();
        for (RawOptions raw : sources) {
            raw.values().forEach((key, values) -> {
                if (!DEFAULTS.containsKey(key)) {
                    throw new IllegalArgumentException("unknown option " + key + " from the " + raw.source()
                            + " (expected: one of " + String.join(", ", DEFAULTS.keySet()) + ")");
                }
                MethodMarker.Kind marker = markerKind(key);
                if (key.equals("limit")) {
                    values.forEach(v -> parseLimits(v, limits));
                } else if (marker != null) {
                    values.forEach(v -> markers.add(MethodMarker.parse(marker, v)));
                } else if (values.size() > 1) {
                    throw new IllegalArgumentException(key + " given " + values.size() + " times in the " + raw.source()
                            + ": " + values + " (expected: once; only limit, iteration, phase and cleanup repeat)");
                } else {
                    single.put(key, values.get(0));
                }
            });
        }
        return build(single, limits, markers);
    }

    /** The marker kind an option key declares, or {@code null} for other keys. */
    private static MethodMarker.Kind markerKind(String key) {
        for (MethodMarker.Kind kind : MethodMarker.Kind.values()) {
            if (kind.key().equals(key)) {
                return kind;
            }
        }
        return null;
    }

    private static AgentConfig build(Map<String, String> v, Map<String, Long> limits, List<MethodMarker> markers) {
        String[] log = v.get("log").split(":", 2);
        Map<String, Object> written = new LinkedHashMap<>(v);
        written.put("limit", limits);
        for (MethodMarker.Kind kind : MethodMarker.Kind.values()) {
            written.put(kind.key(), markers.stream().filter(m -> m.kind() == kind).map(MethodMarker::asWritten).toList());
        }
        written.remove("command");
        return new AgentConfig(v.get("out"), positive("interval", v.get("interval")), sampleEvery(v.get("samples")),
                signals(v.get("signals")), limits, level(log[0]), logDestination(v.get("log"), log),
                size("max_out", v.get("max_out")), count("max_out_files", v.get("max_out_files")),
                positive("smaps_interval", v.get("smaps_interval")), percent("cpu_budget", v.get("cpu_budget")),
                nvml(v.get("nvml")), sites(v), List.copyOf(markers), http(v.get("http")), command(v.get("command")), written);
    }

    /** The output file for process {@code pid}, relative paths against {@code workingDirectory}. */
    public Path outPath(long pid, Path workingDirectory) {
        return workingDirectory.resolve(out.replace("<pid>", Long.toString(pid)));
    }

    public boolean outIsStream() {
        return out.equals(STDOUT) || out.equals(STDERR);
    }

    private static void parseLimits(String value, Map<String, Long> into) {
        for (String one : value.split("\\+")) {
            Map.Entry<String, Long> e = keyed("limit", value, v -> Limits.parseOverride(one.trim()));
            into.put(e.getKey(), e.getValue());
        }
    }

    private static Duration positive(String key, String value) {
        return keyed(key, value, Units::positive);
    }

    private static long size(String key, String value) {
        return keyed(key, value, v -> {
            long bytes = Units.parseSize(v);
            if (bytes < 64 * 1024) {
                throw new IllegalArgumentException(v + " (expected: at least 64KiB)");
            }
            return bytes;
        });
    }

    /** {@code parse(value)}, its problem prefixed with {@code key=value: } so that the line names the option. */
    private static <T> T keyed(String key, String value, Function<String, T> parse) {
        try {
            return parse.apply(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + "=" + value + ": " + e.getMessage());
        }
    }

    private static int count(String key, String value) {
        return wholeNumber(key, value, 0, 100);
    }

    private static int wholeNumber(String key, String value, int min, int max) {
        return wholeNumber(key, value, min, max, value);
    }

    /** The whole number in {@code digits}, part of {@code value}, which the message names. */
    private static int wholeNumber(String key, String value, int min, int max, String digits) {
        try {
            int n = Integer.parseInt(digits.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(key + "=" + value + " (expected: a whole number from " + min + " to " + max + ")");
    }

    /** {@code samples}: write a sample event every Nth tick, or {@code off} (findings and summary only). */
    private static int sampleEvery(String value) {
        if (value.trim().equalsIgnoreCase("off")) {
            return 0;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("samples=" + value + " (expected: a whole number >= 1, or off)");
    }

    private static Set<String> signals(String value) {
        Set<String> out = new LinkedHashSet<>();
        if (value.trim().equals("all")) {
            out.addAll(Signals.ALL);
            return out;
        }
        for (String s : value.split("\\+")) {
            String name = s.trim();
            if (!Signals.ALL.contains(name)) {
                throw new IllegalArgumentException("signals=" + value + ": unknown signal " + name
                        + " (expected: all, or signals joined by +, e.g. rss_anon+direct_buffers; known: "
                        + String.join(", ", Signals.ALL) + ")");
            }
            out.add(name);
        }
        return out;
    }

    private static String level(String value) {
        String level = value.trim().toLowerCase(Locale.ROOT);
        if (List.of("error", "warn", "info", "debug", "off").contains(level)) {
            return level;
        }
        throw new IllegalArgumentException("log=" + value + " (expected: error, warn, info, debug or off, "
                + "optionally :stderr or :<file>, e.g. log=debug:/tmp/leakscope.log)");
    }

    /** stderr or a file; never stdout, which belongs to the host. */
    private static String logDestination(String value, String[] parts) {
        String destination = parts.length > 1 ? parts[1].trim() : STDERR;
        if (destination.isEmpty() || destination.equals(STDOUT)) {
            throw new IllegalArgumentException("log=" + value + " (expected: a level, then optionally :stderr or :<file>; "
                    + "stdout belongs to the host)");
        }
        return destination;
    }

    private static double percent(String key, String value) {
        String v = value.trim().endsWith("%") ? value.trim().substring(0, value.trim().length() - 1) : value.trim();
        try {
            double p = Double.parseDouble(v) / 100;
            if (p > 0 && p <= 1) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(key + "=" + value + " (expected: a share of one core, e.g. 2%, from 0% exclusive to 100%)");
    }

    private static Sites sites(Map<String, String> v) {
        boolean all = stacks(v.get("stacks"));
        long sampleBytes = keyed("sample_bytes", v.get("sample_bytes"), b -> {
            long bytes = Units.parseSize(b);
            if (bytes < 1) {
                throw new IllegalArgumentException(b + " (expected: at least 1 byte, e.g. 512KiB)");
            }
            return bytes;
        });
        return new Sites(modules(v.get("modules")), all ? 1 : sampleBytes, wholeNumber("max_sites", v.get("max_sites"), 1, 1_000_000));
    }

    private static boolean stacks(String value) {
        switch (value.trim()) {
            case "sampled":
                return false;
            case "all":
                return true;
            default:
                throw new IllegalArgumentException("stacks=" + value + " (expected: sampled, or all to track every allocation)");
        }
    }

    private static Set<String> modules(String value) {
        String v = value.trim();
        if (v.equals("all")) {
            return new LinkedHashSet<>(Sites.MODULES);
        }
        Set<String> out = new LinkedHashSet<>();
        if (v.equals("none")) {
            return out;
        }
        for (String m : v.split("\\+")) {
            if (!Sites.MODULES.contains(m.trim())) {
                throw new IllegalArgumentException("modules=" + value + ": unknown module " + m.trim()
                        + " (expected: all, none, or modules joined by +, e.g. direct-buffers+onnxruntime; known: "
                        + String.join(", ", Sites.MODULES) + ")");
            }
            out.add(m.trim());
        }
        return out;
    }

    private static NvmlSource.Mode nvml(String value) {
        try {
            return NvmlSource.Mode.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("nvml=" + value + " (expected: auto, on or off)");
        }
    }

    /**
     * {@code http}: where the metrics endpoint listens, or {@code null} for none ({@code off}).
     * A port alone binds to loopback: another address must be named on purpose.
     */
    private static InetSocketAddress http(String value) {
        String v = value.trim();
        if (v.isEmpty() || v.equals("off")) {
            return null;
        }
        int colon = v.lastIndexOf(':');
        String host = colon < 0 ? "127.0.0.1" : v.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = wholeNumber("http", v, 0, 65535, colon < 0 ? v : v.substring(colon + 1));
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (host.isEmpty() || address.isUnresolved()) {
            throw new IllegalArgumentException("http=" + value + ": cannot resolve host '" + host
                    + "' (expected: off, a port such as 9464 for 127.0.0.1, or HOST:PORT)");
        }
        return address;
    }

    private static String command(String value) {
        if (value.equals("start") || value.equals("stop")) {
            return value;
        }
        throw new IllegalArgumentException("command=" + value + " (expected: start or stop)");
    }

    /** The keys in the order docs/options.md lists them, for messages and help. */
    public static List<String> keys() {
        return new ArrayList<>(DEFAULTS.keySet());
    }
}
