package dev.leakscope.agent.it.workload;

import dev.leakscope.core.unit.Units;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The services the agent is tested against, one per first argument. Each runs for a fixed time at
 * a fixed rate, in ticks of 100 ms, so that tests are short and their expectations exact.
 * <pre>
 *   leak RATE SECONDS            direct buffers cached in a static map that never evicts
 *   lru RATE BOUND SECONDS       the same cache with an LRU bound that frees what it evicts
 *   warmup TOTAL TAU SECONDS     a warm-up that saturates: TOTAL reached with time constant TAU
 *   churn RATE SECONDS           a steady allocate/free loop
 *   heapleak RATE SECONDS        a heap leak among ten times as much short-lived garbage
 *   host EXIT                    prints three lines and exits with code EXIT (fault tests)
 *   idle SECONDS                 does nothing, then prints the heap used after a full collection
 *   jna                          prints the JNA version it runs with and its pid through JNA
 *   logback                      logs three lines through its own Logback (to stdout, by its logback.xml)
 *   onnx-leak SECONDS FEATURES   ONNX Runtime inference that forgets to close its input tensor and Result
 *   onnx-closed SECONDS FEATURES the same loop, closing both
 *   onnx-sessions N close|leak   N sessions created one after another, closed or dropped
 *   netty SECONDS ALLOCATOR release|leak  Netty direct buffers (pooled, unpooled, adaptive), released or forgotten
 *   fake-onnx                    loads a class named ai.onnxruntime.OnnxTensor from its class path and closes one
 *   on-signal N DIR              once DIR/go exists, allocates N direct buffers of 4 KiB, keeps them, creates DIR/done
 *   properties SECONDS           sets and removes a system property without pause, as hosts may do
 *   train leak|clean STEP_BYTES EPOCHS STEPS_PER_EPOCH STEP_MS   a training loop (Trainer), marked by options only
 *   model-switch close|leak N BATCH FEATURES PAUSE_MS  ONNX Runtime model switches marked with leakscope-api
 * </pre>
 */
public final class Workloads {

    private static final Duration TICK = Duration.ofMillis(100);
    /** The seeds' cache that never evicts. */
    static final Map<Integer, ByteBuffer> CACHE = new HashMap<>();
    static final List<byte[]> RETAINED = new ArrayList<>();

    private Workloads() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "leak" -> leak(Units.parseRate(args[1]), seconds(args[2]));
            case "lru" -> lru(Units.parseRate(args[1]), Units.parseSize(args[2]), seconds(args[3]));
            case "warmup" -> warmup(Units.parseSize(args[1]), seconds(args[2]), seconds(args[3]));
            case "churn" -> churn(Units.parseRate(args[1]), seconds(args[2]));
            case "heapleak" -> heapLeak(Units.parseRate(args[1]), seconds(args[2]));
            case "host" -> host(Integer.parseInt(args[1]));
            case "idle" -> idle(seconds(args[1]));
            case "jna" -> jna();
            case "logback" -> logback();
            case "onnx-leak" -> {
                awaitAgent();
                OnnxWorkloads.infer(false, seconds(args[1]), Integer.parseInt(args[2]));
            }
            case "onnx-closed" -> {
                awaitAgent();
                OnnxWorkloads.infer(true, seconds(args[1]), Integer.parseInt(args[2]));
            }
            case "netty" -> {
                awaitAgent();
                NettyWorkloads.buffers(args[2], args[3].equals("release"), seconds(args[1]));
            }
            case "fake-onnx" -> fakeOnnx();
            case "on-signal" -> onSignal(Integer.parseInt(args[1]), Path.of(args[2]));
            case "properties" -> properties(seconds(args[1]));
            case "onnx-sessions" -> {
                awaitAgent();
                OnnxWorkloads.sessions(args[2].equals("close"), Integer.parseInt(args[1]), 64);
            }
            case "train" -> {
                awaitAgent();
                Trainer.run(args[1].equals("leak"), (int) Units.parseSize(args[2]), Integer.parseInt(args[3]),
                        Integer.parseInt(args[4]), Long.parseLong(args[5]));
            }
            case "model-switch" -> {
                awaitAgent();
                ModelSwitches.run(args[1].equals("close"), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                        Integer.parseInt(args[4]), Long.parseLong(args[5]));
            }
            default -> throw new IllegalArgumentException("workload " + args[0]);
        }
    }

    /**
     * Waits, at most 20 s, until the agent runs (it says where it writes, once its instrumentation
     * is in): the ONNX tests count every allocation and release, so none may come before.
     */
    static void awaitAgent() throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (System.getProperty("leakscope.agent.out") == null && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /**
     * A class of ONNX Runtime's name whose shape the onnxruntime module does not know (no
     * {@code closed} field): its instrumentation fails, and it must run as written.
     */
    static void fakeOnnx() throws Exception {
        awaitAgent();
        Class<?> tensor = Class.forName("ai.onnxruntime.OnnxTensor");
        Object t = tensor.getConstructor().newInstance();
        tensor.getMethod("close").invoke(t);
        System.out.println("fake tensor: " + t);
        Thread.sleep(1500); // the agent writes its notice meanwhile
    }

    /** Allocates when the test says so, so that it knows which agent run sees the allocations. */
    static void onSignal(int buffers, Path dir) throws Exception {
        while (!Files.exists(dir.resolve("go"))) {
            Thread.sleep(20);
        }
        for (int i = 0; i < buffers; i++) {
            CACHE.put(i, ByteBuffer.allocateDirect(4096));
        }
        Files.createFile(dir.resolve("done"));
        Thread.sleep(60_000); // until the test kills it
    }

    /** Removes a property while {@code attach} may be reading them all from outside. */
    static void properties(double seconds) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            System.setProperty("workload.toggled", "on");
            System.clearProperty("workload.toggled");
        }
    }

    static void leak(double rate, double seconds) throws InterruptedException {
        int batch = perTick(rate);
        int key = 0;
        for (long tick = 0; tick < ticks(seconds); tick++) {
            CACHE.put(key++, loaded(batch));
            pace(tick);
        }
    }

    static void lru(double rate, long bound, double seconds) throws Exception {
        int batch = perTick(rate);
        LinkedHashMap<Integer, ByteBuffer> cache = new LinkedHashMap<>(16, 0.75f, true);
        long held = 0;
        int key = 0;
        for (long tick = 0; tick < ticks(seconds); tick++) {
            cache.put(key++, loaded(batch));
            held += batch;
            while (held > bound) {
                Map.Entry<Integer, ByteBuffer> eldest = cache.entrySet().iterator().next();
                cache.remove(eldest.getKey());
                free(eldest.getValue());
                held -= batch;
            }
            pace(tick);
        }
    }

    static void warmup(long total, double tau, double seconds) throws InterruptedException {
        List<ByteBuffer> pool = new ArrayList<>();
        long held = 0;
        for (long tick = 0; tick < ticks(seconds); tick++) {
            double t = (tick + 1) * TICK.toMillis() / 1000.0;
            long target = Math.round(total * (1 - Math.exp(-t / tau)));
            if (target - held >= 4096) {
                pool.add(loaded((int) (target - held)));
                held = target;
            }
            pace(tick);
        }
        System.out.println("pool " + pool.size());
    }

    static void churn(double rate, double seconds) throws Exception {
        int batch = perTick(rate);
        ByteBuffer previous = null;
        for (long tick = 0; tick < ticks(seconds); tick++) {
            ByteBuffer current = loaded(batch);
            if (previous != null) {
                free(previous); // each batch lives one tick, as a request's buffers would
            }
            previous = current;
            pace(tick);
        }
        if (previous != null) {
            free(previous);
        }
    }

    /** Keeps {@code rate}, allocates ten times as much garbage, and collects fully once a second. */
    static void heapLeak(double rate, double seconds) throws InterruptedException {
        int kept = perTick(rate);
        long sink = 0;
        for (long tick = 0; tick < ticks(seconds); tick++) {
            RETAINED.add(new byte[kept]);
            for (int i = 0; i < 10; i++) {
                byte[] garbage = new byte[kept];
                sink += garbage.length;
            }
            if (tick % 10 == 9) {
                System.gc(); // a framework that collects between batches
            }
            pace(tick);
        }
        System.out.println("allocated " + sink);
    }

    static void host(int exit) throws InterruptedException {
        System.out.println("host: starting");
        Thread.sleep(1500); // the agent starts in the background meanwhile
        System.out.println("host: working");
        System.out.println("host: done, exit " + exit);
        System.exit(exit);
    }

    /** A host that uses its own JNA (DJL brings 5.17) while the agent runs. */
    static void jna() throws Exception {
        Thread.sleep(1500); // the agent starts meanwhile
        CLibrary libc = com.sun.jna.Native.load("c", CLibrary.class);
        // by reflection: Native.VERSION is a compile-time constant, inlined from the JNA we compiled with
        java.lang.reflect.Field field = com.sun.jna.Native.class.getField("VERSION");
        field.setAccessible(true); // declared in a package-private interface
        Object version = field.get(null);
        System.out.println("jna " + version + " getpid " + libc.getpid());
        System.out.println("pid " + ProcessHandle.current().pid());
    }

    /** The host's own libc mapping, with its own JNA. */
    public interface CLibrary extends com.sun.jna.Library {
        int getpid();
    }

    /** A host whose Logback, configured by its logback.xml, logs to stdout. */
    static void logback() throws InterruptedException {
        org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger("host.Service");
        log.info("starting");
        Thread.sleep(1500);
        log.warn("working");
        log.info("done");
    }

    static void idle(double seconds) throws InterruptedException {
        Thread.sleep(Math.round(seconds * 1000));
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        System.out.println("heap after gc " + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }

    static ByteBuffer loaded(int bytes) {
        ByteBuffer b = ByteBuffer.allocateDirect(bytes);
        for (int i = 0; i < bytes; i += 4096) {
            b.put(i, (byte) 1); // touch every page, as a real load would
        }
        return b;
    }

    /** Releases a direct buffer's memory now, as Netty and friends do, instead of waiting for a GC. */
    static void free(ByteBuffer buffer) throws Exception {
        Field f = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
        f.setAccessible(true);
        Object unsafe = f.get(null);
        Method invokeCleaner = unsafe.getClass().getMethod("invokeCleaner", ByteBuffer.class);
        invokeCleaner.invoke(unsafe, buffer);
    }

    private static int perTick(double rate) {
        return (int) Math.round(rate * TICK.toMillis() / 1000.0);
    }

    private static long ticks(double seconds) {
        return Math.round(seconds * 1000 / TICK.toMillis());
    }

    private static double seconds(String text) {
        return Units.parseDuration(text).toMillis() / 1000.0;
    }

    private static long start = System.nanoTime();

    /** Sleeps until tick {@code tick + 1} is due, so the rate holds whatever each tick cost. */
    private static void pace(long tick) throws InterruptedException {
        long due = start + (tick + 1) * TICK.toNanos();
        long sleep = due - System.nanoTime();
        if (sleep > 0) {
            Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
        }
    }
}
