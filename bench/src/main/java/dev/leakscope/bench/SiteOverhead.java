package dev.leakscope.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the instrumented-path benchmarks with and without the agent, alternating forks so that both
 * see the same machine, and prints each score with its ratio (docs/benchmarks.md). Targets, with
 * default settings: {@code allocateDirect(4 KiB)} plus free at most 5% slower, an ONNX Runtime
 * inference loop at most 2% slower.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.leakscope.bench.SiteOverhead AGENT_JAR [ROUNDS] [AGENT_OPTIONS]
 * </pre>
 */
public final class SiteOverhead {

    private static final List<String> BENCHMARKS = List.of(AllocationBenchmark.class.getName(),
            OnnxInferenceBenchmark.class.getName());

    private SiteOverhead() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || !Files.isRegularFile(Path.of(args[0]))) {
            System.err.println("usage: SiteOverhead AGENT_JAR [ROUNDS] [AGENT_OPTIONS] (got " + Arrays.toString(args) + ")");
            System.exit(2);
        }
        Path jar = Path.of(args[0]).toAbsolutePath();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path out = Files.createTempDirectory("leakscope-bench").resolve("bench.jsonl");
        String agent = "-javaagent:" + jar + "=samples=off,out=" + out + (args.length > 2 ? "," + args[2] : "");
        Map<String, List<Double>> without = new LinkedHashMap<>();
        Map<String, List<Double>> with = new LinkedHashMap<>();
        for (int r = 0; r < rounds; r++) {
            record(new Runner(options(null).build()).run(), without);
            record(new Runner(options(agent).build()).run(), with);
        }
        System.out.println();
        System.out.println("== " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + ", "
                + Runtime.getRuntime().availableProcessors() + " cores, " + rounds + " rounds of one fork each");
        System.out.printf(Locale.ROOT, "%-50s %14s %14s %8s%n", "benchmark", "without", "with agent", "ratio");
        without.forEach((name, scores) -> {
            double a = mean(scores);
            double b = mean(with.get(name));
            System.out.printf(Locale.ROOT, "%-50s %14.3f %14.3f %8.3f%n", name, a, b, b / a);
        });
    }

    private static ChainedOptionsBuilder options(String agent) {
        ChainedOptionsBuilder o = new OptionsBuilder().forks(1).warmupIterations(5).warmupTime(TimeValue.seconds(1))
                .measurementIterations(5).measurementTime(TimeValue.seconds(1));
        BENCHMARKS.forEach(b -> o.include(b.replace(".", "\\.") + "\\."));
        return agent == null ? o : o.jvmArgsAppend(agent);
    }

    private static void record(Collection<RunResult> results, Map<String, List<Double>> into) {
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark().replaceFirst("^dev\\.leakscope\\.bench\\.", "")
                    + r.getParams().getParamsKeys().stream().map(k -> " " + k + "=" + r.getParams().getParam(k)).reduce("", String::concat)
                    + " (" + r.getPrimaryResult().getScoreUnit() + ")";
            into.computeIfAbsent(name, k -> new ArrayList<>()).add(r.getPrimaryResult().getScore());
        }
    }

    private static double mean(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}
