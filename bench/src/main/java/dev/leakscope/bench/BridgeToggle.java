package dev.leakscope.bench;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.Locale;

/**
 * The agent's bridge switched on and off in alternate blocks of one ONNX Runtime inference loop
 * ({@link InferenceLoop}), in one JVM started with the agent: a diagnostic for the bridge's own
 * cost, free of the differences between two forks (vCPU, JIT decisions, the VM's speed of the
 * moment), which are several times the effect on this machine. Off is the bridge without its sink,
 * as before the agent installs it: the advice stays inlined into the library and returns at once,
 * so the ratio is the bridge's own work and its sampling, not the advice's presence.
 *
 * <pre>
 * java -javaagent:agent/target/leakscope-agent.jar=samples=off -cp bench/target/benchmarks.jar \
 *     dev.leakscope.bench.BridgeToggle [FEATURES] [BLOCKS] [BLOCK_MILLIS]
 * </pre>
 * Prints the median and quartiles of the per-pair ratios (on / off), blocks in ABBA order.
 */
public final class BridgeToggle {

    private static final String RECORDER = "dev.leakscope.agent.bootstrap.Recorder";

    private BridgeToggle() {
    }

    public static void main(String[] args) throws Exception {
        int features = args.length > 0 ? positive(args[0], "FEATURES") : 64;
        int blocks = args.length > 1 ? positive(args[1], "BLOCKS") : 200;
        int millis = args.length > 2 ? positive(args[2], "BLOCK_MILLIS") : 100;
        Field sink = awaitSink();
        Object installed = sink.get(null);
        try (InferenceLoop loop = new InferenceLoop(features)) {
            int perBlock = calibrate(loop, millis);
            for (int i = 0; i < blocks / 4; i++) { // warm-up: both states compiled
                sink.set(null, i % 2 == 0 ? installed : null);
                block(loop, perBlock);
            }
            double[] ratios = new double[blocks / 2];
            for (int pair = 0; pair < ratios.length; pair++) {
                boolean onFirst = pair % 2 == 0;
                sink.set(null, onFirst ? installed : null);
                double first = block(loop, perBlock);
                sink.set(null, onFirst ? null : installed);
                double second = block(loop, perBlock);
                ratios[pair] = onFirst ? first / second : second / first;
            }
            sink.set(null, installed);
            report(features, perBlock, ratios);
        }
    }

    /**
     * The bridge's sink field, once the agent, starting on a background thread, has defined the
     * bridge in the bootstrap loader and installed its sink (the agent jar's own copy of the class,
     * on the class path, is never used).
     */
    private static Field awaitSink() throws Exception {
        for (int i = 0; i < 300; i++) {
            try {
                Field f = Class.forName(RECORDER, false, null).getDeclaredField("sink");
                f.setAccessible(true);
                if (f.get(null) != null) {
                    return f;
                }
            } catch (ClassNotFoundException | NoClassDefFoundError e) {
                // not defined yet, or its Sink interface not yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the bridge got no sink in 30 s: start this JVM with -javaagent:leakscope-agent.jar");
    }

    /** Inferences that take about {@code millis}, measured with the sink as installed. */
    private static int calibrate(InferenceLoop loop, int millis) throws Exception {
        double ns = block(loop, 20_000); // also the loop's first warm-up
        return Math.max(1, (int) (millis * 1e6 / ns));
    }

    /** Nanoseconds per inference over {@code n} of them. */
    private static double block(InferenceLoop loop, int n) throws Exception {
        float sum = 0;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            sum += loop.inferAndClose();
        }
        long ns = System.nanoTime() - start;
        if (Float.isNaN(sum)) {
            System.out.print(""); // keeps the results used
        }
        return (double) ns / n;
    }

    private static void report(int features, int perBlock, double[] ratios) {
        Arrays.sort(ratios);
        System.out.printf(Locale.ROOT, "features=%d, %d pairs of %d inferences: on/off median %.4f, quartiles %.4f %.4f%n",
                features, ratios.length, perBlock, quantile(ratios, 0.5), quantile(ratios, 0.25), quantile(ratios, 0.75));
    }

    private static double quantile(double[] sorted, double q) {
        double i = q * (sorted.length - 1);
        int lo = (int) Math.floor(i);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (i - lo);
    }

    private static int positive(String value, String name) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // told below
        }
        throw new IllegalArgumentException(name + ": '" + value + "' (expected: a positive integer)");
    }
}
