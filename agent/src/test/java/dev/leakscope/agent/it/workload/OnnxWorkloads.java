package dev.leakscope.agent.it.workload;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.leakscope.testkit.TinyOnnxModel;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Map;

/**
 * ONNX Runtime services for a forked test JVM, each with a variant that closes what it opens and one
 * that forgets to. ONNX Runtime frees its native objects only in close(): none of its classes has a
 * Cleaner or a finalizer, so a tensor, result or session that is collected unclosed leaks them. (A
 * heap input is copied into a direct ByteBuffer, which the JDK does free on collection; the native
 * tensor around it, and the output ONNX Runtime allocated, stay.)
 * <p>
 * The leaky and closing variants live in separate methods, with the allocating call alone on its
 * line, so that the stack frame recorded for each allocation names a distinct file and line.
 */
public final class OnnxWorkloads {

    /** 100 iterations a second. */
    private static final long PERIOD_NANOS = 10_000_000L;
    /** Iterations between collections: once a second. */
    private static final long GC_EVERY = 100;
    private static final long MODEL_SEED = 42;

    private OnnxWorkloads() {
    }

    /**
     * Runs the tiny model on one row about 100 times a second for {@code seconds}, closing or
     * forgetting each input tensor and result, then prints {@code infer done iterations=N checksum=X}.
     */
    public static void infer(boolean close, double seconds, int features) throws OrtException, InterruptedException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        byte[] model = TinyOnnxModel.matMulAddRelu(features, features, MODEL_SEED);
        long iterations = 0;
        double checksum = 0;
        try (OrtSession.SessionOptions options = singleThreaded();
             OrtSession session = env.createSession(model, options)) {
            long start = System.nanoTime();
            long end = start + Math.round(seconds * 1e9);
            while (System.nanoTime() < end) {
                float[] row = row(features, iterations);
                checksum += close ? runClosing(env, session, row, iterations % 2 == 1) : runLeaky(env, session, row);
                iterations++;
                if (iterations % GC_EVERY == 0) {
                    System.gc(); // so that dropped objects are collected within a short test
                }
                sleepUntil(Math.min(start + iterations * PERIOD_NANOS, end));
            }
        }
        System.out.println("infer done iterations=" + iterations + " checksum=" + checksum);
    }

    /**
     * Opens {@code count} sessions one after another, running one inference on each, and closes or
     * drops each; then collects, waits, and prints {@code sessions done count=N}.
     */
    public static void sessions(boolean close, int count, int features) throws OrtException, InterruptedException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        byte[] model = TinyOnnxModel.matMulAddRelu(features, features, MODEL_SEED);
        // the options are copied into each session, so closing them leaves the sessions usable
        try (OrtSession.SessionOptions options = singleThreaded()) {
            for (int i = 0; i < count; i++) {
                float[] row = row(features, i);
                if (close) {
                    sessionClosing(env, model, options, row);
                } else {
                    sessionLeaky(env, model, options, row);
                }
            }
        }
        System.gc(); // so that dropped sessions are collected within a short test
        Thread.sleep(500); // and reference processing has run before the process is inspected
        System.out.println("sessions done count=" + count);
    }

    /** Forgets to close the input tensor and the result: both are unreachable once this returns. */
    private static float runLeaky(OrtEnvironment env, OrtSession session, float[] row) throws OrtException {
        OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(row), new long[] {1, row.length});

        OrtSession.Result result = session.run(Map.of("x", input));

        return outputSum(result);
    }

    /**
     * Closes the result (and with it the output tensor it owns) and then the input tensor. The
     * input's data is the heap row, which createTensor copies into a direct buffer of its own, or
     * with {@code callersBuffer} a direct buffer of the caller's, which ONNX Runtime uses in place.
     */
    private static float runClosing(OrtEnvironment env, OrtSession session, float[] row, boolean callersBuffer)
            throws OrtException {
        FloatBuffer data = callersBuffer ? directCopy(row) : FloatBuffer.wrap(row);
        try (OnnxTensor input = OnnxTensor.createTensor(env, data, new long[] {1, row.length});

             OrtSession.Result result = session.run(Map.of("x", input))) {
            return outputSum(result);
        }
    }

    /** The row in a direct buffer in native order, as a service that fills its input buffers itself has it. */
    private static FloatBuffer directCopy(float[] row) {
        FloatBuffer direct = ByteBuffer.allocateDirect(row.length * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
        direct.put(row).rewind();
        return direct;
    }

    /** Forgets to close the session: it is unreachable once this returns. Its inference is closed properly. */
    private static float sessionLeaky(OrtEnvironment env, byte[] model, OrtSession.SessionOptions options, float[] row)
            throws OrtException {
        OrtSession session = env.createSession(model, options);

        return runClosing(env, session, row, false);
    }

    private static float sessionClosing(OrtEnvironment env, byte[] model, OrtSession.SessionOptions options,
            float[] row) throws OrtException {
        try (OrtSession session = env.createSession(model, options)) {
            return runClosing(env, session, row, false);
        }
    }

    /**
     * One intra-op thread. By default each session starts a pool with a spinning thread per core,
     * which would load the machine during a test and leave threads behind with each leaked session.
     * Explicit options also avoid createSession(byte[]), which makes a SessionOptions and never
     * closes it, so that even the closing variants would leak a little.
     */
    private static OrtSession.SessionOptions singleThreaded() throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(1);
        return options;
    }

    /**
     * The sum of the output row, so the result is used; a single element could be clipped to 0 by
     * Relu on every row. getValue copies the output into Java arrays.
     */
    private static float outputSum(OrtSession.Result result) throws OrtException {
        float[] y = ((float[][]) result.get(0).getValue())[0];
        float sum = 0;
        for (float v : y) {
            sum += v;
        }
        return sum;
    }

    /** A row in [-1, 1] that changes with each iteration, half of it negative so Relu matters. */
    private static float[] row(int features, long iteration) {
        float[] row = new float[features];
        for (int j = 0; j < features; j++) {
            row[j] = (float) Math.sin(0.1 * iteration + j);
        }
        return row;
    }

    /** Sleeps to a deadline, not for a period, so that the time each iteration took does not add up. */
    private static void sleepUntil(long deadline) throws InterruptedException {
        long sleep = deadline - System.nanoTime();
        if (sleep > 0) {
            Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
        }
    }
}
