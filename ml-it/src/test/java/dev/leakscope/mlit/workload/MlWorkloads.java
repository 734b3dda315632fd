package dev.leakscope.mlit.workload;

/**
 * The ML services the agent is tested against in forked JVMs, one per first argument; each runs
 * about 100 iterations a second for SECONDS and then prints {@code <workload> done iterations=N}.
 * <pre>
 *   tf closing|dropping SECONDS                a TensorFlow session running one op on a new input tensor
 *   javacpp closing|keeping|dropping SECONDS   a new 64 KiB JavaCPP BytePointer per iteration
 *   djl closing|dropping SECONDS               a DJL (PyTorch) manager with an input array and an operation's result
 * </pre>
 * Their class path is the workloads and the libraries alone: no leakscope class, as in a real host.
 */
public final class MlWorkloads {

    /** 100 iterations a second. */
    static final long PERIOD_NANOS = 10_000_000L;
    /** Iterations between collections, twice a second, so that dropped objects are freed within a short test. */
    public static final long GC_EVERY = 50;

    private MlWorkloads() {
    }

    public static void main(String[] args) throws Exception {
        awaitAgent();
        double seconds = Double.parseDouble(args[2]);
        switch (args[0]) {
            case "tf" -> TensorFlowWorkloads.run(Mode.of(args[1]), seconds);
            case "javacpp" -> JavaCppWorkloads.run(Mode.of(args[1]), seconds);
            case "djl" -> DjlWorkloads.run(Mode.of(args[1]), seconds);
            default -> throw new IllegalArgumentException("workload " + args[0] + " (expected: tf, javacpp or djl)");
        }
    }

    /** What an iteration does with what it allocated. */
    enum Mode {
        CLOSING, KEEPING, DROPPING;

        static Mode of(String name) {
            return valueOf(name.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /**
     * Waits, at most 20 s, until the agent runs (it sets {@code leakscope.agent.out} once its
     * instrumentation is in): the tests count every allocation and release, so none may come before.
     */
    static void awaitAgent() throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.getProperty("leakscope.agent.out") == null && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /** Sleeps to a deadline, not for a period, so that the time each iteration took does not add up. */
    private static void sleepUntil(long deadline) throws InterruptedException {
        long sleep = deadline - System.nanoTime();
        if (sleep > 0) {
            Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
        }
    }

    /** One iteration of a workload: returns a number to add to the checksum, so that its work cannot be skipped. */
    @FunctionalInterface
    interface Iteration {
        double run(long iteration);
    }

    /** What a paced loop did. */
    record Paced(long iterations, double checksum) {
    }

    /**
     * Runs {@code iteration} about 100 times a second for {@code seconds}, collecting every
     * {@link #GC_EVERY} iterations and once at the end, so that dropped objects are freed within a
     * short test.
     */
    static Paced paced(double seconds, Iteration iteration) throws InterruptedException {
        long iterations = 0;
        double checksum = 0;
        long start = System.nanoTime();
        long end = start + Math.round(seconds * 1e9);
        while (System.nanoTime() < end) {
            checksum += iteration.run(iterations);
            iterations++;
            if (iterations % GC_EVERY == 0) {
                collect();
            }
            sleepUntil(Math.min(start + iterations * PERIOD_NANOS, end));
        }
        collect();
        return new Paced(iterations, checksum);
    }

    /** Collects and gives JavaCPP's deallocator thread time to free what was dropped. */
    private static void collect() throws InterruptedException {
        System.gc();
        Thread.sleep(100);
    }
}
