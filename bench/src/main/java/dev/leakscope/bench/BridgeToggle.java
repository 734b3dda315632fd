package dev.leakscope.bench;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A part of the agent switched on and off in alternate blocks of one ONNX Runtime inference loop
 * ({@link InferenceLoop}), in one JVM started with the agent: a diagnostic for that part's own
 * cost, free of the differences between two forks (vCPU, JIT decisions, the VM's speed of the
 * moment), which are several times the effect on this machine. What is switched (MODE):
 * <ul>
 * <li>{@code sink}: the bridge's sink removed, as before the agent installs it. The advice stays
 * inlined into the library and returns at once, so the ratio is the bridge's own work and its
 * sampling, not the advice's presence.</li>
 * <li>{@code advice:onnxruntime}, {@code advice:direct-buffers}: that module's advice taken out of
 * its classes by retransformation ({@link AdviceSwitch}; needs the benchmark jar as a second agent).
 * Each block first runs as long untimed, so that the JIT has compiled the new code again.</li>
 * </ul>
 * {@code advice:CLASS[,CLASS...]} switches the advice in the classes named. A fifth argument,
 * {@code without-sink}, removes the sink for the whole run: the advice's presence alone.
 * Every block checks that the switch took: the kind the mode concerns is counted while on and
 * not while off, or, where classes are named or the sink is removed, {@link AdviceSwitch} saw each
 * class get its original code back.
 *
 * <pre>
 * java -javaagent:agent/target/leakscope-agent.jar=samples=off [-javaagent:bench/target/benchmarks.jar] \
 *     -cp bench/target/benchmarks.jar dev.leakscope.bench.BridgeToggle [FEATURES] [BLOCKS] [BLOCK_MILLIS] [MODE] [without-sink]
 * </pre>
 * Prints the median and quartiles of the per-pair ratios (on / off), blocks in ABBA order.
 */
public final class BridgeToggle {

    /** Turns a part of the agent on or off between blocks. */
    interface Switch {
        void set(boolean on);
    }

    private static final String RECORDER = "dev.leakscope.agent.bootstrap.Recorder";
    /** The last class the agent's {@code Bridge} defines. */
    private static final String LAST_BRIDGE_CLASS = "dev.leakscope.agent.bootstrap.Marks$Listener";
    /** {@code Recorder.DIRECT_BUFFER} and {@code Recorder.ONNX_TENSOR}. */
    private static final int DIRECT_BUFFER = 0;
    private static final int ONNX_TENSOR = 2;
    /** Where blocks leave the sum of their results, so that the JIT cannot drop the inferences. */
    private static volatile float consumed;

    private BridgeToggle() {
    }

    public static void main(String[] args) throws Exception {
        int features = args.length > 0 ? positive(args[0], "FEATURES") : 64;
        int blocks = args.length > 1 ? positive(args[1], "BLOCKS") : 200;
        int millis = args.length > 2 ? positive(args[2], "BLOCK_MILLIS") : 100;
        String mode = args.length > 3 ? args[3] : "sink";
        boolean withoutSink = args.length > 4 && args[4].equals("without-sink");
        if (withoutSink && mode.equals("sink")) {
            throw new IllegalArgumentException("without-sink: with MODE 'sink' there would be nothing to switch"
                    + " (expected: an advice:... MODE)");
        }
        Field sink = awaitSink();
        try (InferenceLoop loop = new InferenceLoop(features)) {
            warmUpInstrumented(loop);
            Switch part = switchFor(mode, sink);
            Object installed = sink.get(null);
            if (withoutSink) {
                sink.set(null, null); // the advice's presence alone: each call returns at once
            }
            Toggle toggle = new Toggle(loop, part, withoutSink ? -1 : checkedKind(mode), mode.equals("sink") ? 0 : millis, millis);
            for (int i = 0; i < blocks / 4; i++) { // warm-up: both states compiled
                toggle.run(i % 2 == 0);
            }
            double[] ratios = new double[blocks / 2];
            for (int pair = 0; pair < ratios.length; pair++) {
                boolean onFirst = pair % 2 == 0;
                double first = toggle.run(onFirst);
                double second = toggle.run(!onFirst);
                ratios[pair] = onFirst ? first / second : second / first;
            }
            part.set(true);
            sink.set(null, installed);
            report(features, mode + (withoutSink ? ", without sink" : ""), toggle, ratios);
        }
    }

    private static Switch switchFor(String mode, Field sink) throws Exception {
        if (mode.equals("sink")) {
            Object installed = sink.get(null);
            return on -> {
                try {
                    sink.set(null, on ? installed : null);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            };
        }
        if (!mode.startsWith("advice:") || mode.length() == "advice:".length()) {
            throw new IllegalArgumentException("MODE: '" + mode + "' (expected: sink, advice:onnxruntime,"
                    + " advice:direct-buffers or advice:CLASS[,CLASS...])");
        }
        String which = mode.substring("advice:".length());
        // the classes the agent's OnnxRuntimeModule and DirectBuffersModule name (not reachable from here)
        List<String> classes = switch (which) {
            case "onnxruntime" -> List.of("ai.onnxruntime.OnnxTensor", "ai.onnxruntime.OrtSession$Result", "ai.onnxruntime.OrtSession");
            case "direct-buffers" -> List.of("java.nio.DirectByteBuffer", "java.nio.DirectByteBuffer$Deallocator");
            default -> List.of(which.split(","));
        };
        return new AdviceSwitch(BenchAgent.instrumentation(), classes);
    }

    /**
     * The kind whose count tells whether the switch took, block by block: -1 where classes were named
     * one by one (then {@link AdviceSwitch} checks that each got its original code back).
     */
    private static int checkedKind(String mode) {
        return switch (mode) {
            case "sink", "advice:onnxruntime" -> ONNX_TENSOR;
            case "advice:direct-buffers" -> DIRECT_BUFFER;
            default -> -1;
        };
    }

    /** Runs blocks in one state, and checks that the state took. */
    private static final class Toggle {
        private final InferenceLoop loop;
        private final Switch part;
        private final int kind;
        private final int settleMillis;
        private final int millis;
        private long inferences;
        private int blocks;

        Toggle(InferenceLoop loop, Switch part, int kind, int settleMillis, int millis) {
            this.loop = loop;
            this.part = part;
            this.kind = kind;
            this.settleMillis = settleMillis;
            this.millis = millis;
        }

        /** Nanoseconds per inference in a block with the part on or off. */
        double run(boolean on) throws Exception {
            part.set(on);
            if (settleMillis > 0) {
                timedBlock(loop, settleMillis);
            }
            long before = counted(kind);
            double[] nsAndCount = timedBlock(loop, millis);
            long added = counted(kind) - before;
            if (kind >= 0 && on != (added > 0)) {
                throw new IllegalStateException("the switch did not take: " + added + " allocations of kind " + kind
                        + " counted in a block with the part " + (on ? "on" : "off"));
            }
            inferences += (long) nsAndCount[1];
            blocks++;
            return nsAndCount[0];
        }

        long meanPerBlock() {
            return blocks == 0 ? 0 : inferences / blocks;
        }
    }

    /**
     * The loop's first inferences, until the agent counts them: it has then transformed the loop's
     * classes (its sink is installed a moment before), so that a switch added now comes after it.
     */
    private static void warmUpInstrumented(InferenceLoop loop) throws Exception {
        long before = counted(ONNX_TENSOR);
        for (int i = 0; i < 30; i++) {
            block(loop, 20_000, 0);
            if (counted(ONNX_TENSOR) != before) {
                return;
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("the agent counted no tensor in 30 s of inferences: is its onnxruntime module on?");
    }

    /** Allocations of {@code kind} the agent has counted; 0 for kind -1. */
    private static long counted(int kind) throws ReflectiveOperationException {
        if (kind < 0) {
            return 0;
        }
        Method totals = Class.forName(RECORDER, false, null).getMethod("totals", int.class);
        return ((long[]) totals.invoke(null, kind))[0];
    }

    /**
     * The bridge's sink field, once the agent, starting on a background thread, has defined the
     * bridge in the bootstrap loader and installed its sink (the agent jar's own copy of the class,
     * on the class path, is never used).
     */
    private static Field awaitSink() throws Exception {
        for (int i = 0; i < 300; i++) {
            try {
                // not before the last bridge class is defined: the field's read initializes
                // Recorder, which would fail for good were its nested classes not there yet
                Class.forName(LAST_BRIDGE_CLASS, false, null);
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

    /** {nanoseconds per inference, inferences} over about {@code millis}. */
    private static double[] timedBlock(InferenceLoop loop, int millis) throws Exception {
        long budget = millis * 1_000_000L;
        long start = System.nanoTime();
        long elapsed;
        int n = 0;
        float sum = 0;
        do {
            sum = block(loop, 64, sum);
            n += 64;
            elapsed = System.nanoTime() - start;
        } while (elapsed < budget);
        consumed = sum;
        return new double[] {(double) elapsed / n, n};
    }

    /** {@code n} inferences, their results added to {@code sum}, so that they are used. */
    private static float block(InferenceLoop loop, int n, float sum) throws Exception {
        float total = sum;
        for (int i = 0; i < n; i++) {
            total += loop.inferAndClose();
        }
        return total;
    }

    private static void report(int features, String mode, Toggle toggle, double[] ratios) {
        Arrays.sort(ratios);
        System.out.printf(Locale.ROOT, "features=%d, %s: %d pairs of about %d inferences: on/off median %.4f, quartiles %.4f %.4f%n",
                features, mode, ratios.length, toggle.meanPerBlock(), quantile(ratios, 0.5), quantile(ratios, 0.25),
                quantile(ratios, 0.75));
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
