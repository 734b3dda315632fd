package dev.leakscope.agent.it.workload;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.leakscope.api.Cleanup;
import dev.leakscope.api.LeakScope;
import dev.leakscope.testkit.TinyOnnxModel;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An ONNX Runtime service that switches models (seed 002: memory per model switch), marked with
 * leakscope-api: each switch loads a session, runs one batch, and is a cleanup block expected to
 * free the batch's output, ONNX Runtime's own native memory. The leaky variant keeps every
 * replaced model and its result unclosed in a registry that is never trimmed.
 */
public final class ModelSwitches {

    private static final long MODEL_SEED = 7;
    private static final String LABEL = "model switch";

    private final List<AutoCloseable> registry = new ArrayList<>();
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    /** One input batch, reused: the tensors wrap it, so that the only memory a switch frees is ONNX Runtime's. */
    private final FloatBuffer batchData;

    private ModelSwitches(int batch, int features) {
        batchData = ByteBuffer.allocateDirect(batch * features * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
        for (int i = 0; i < batchData.capacity(); i++) {
            batchData.put(i, (float) Math.sin(i));
        }
    }

    /** The bytes of one switch's output: what each cleanup block expects to free. */
    public static long outputBytes(int batch, int features) {
        return (long) batch * features * Float.BYTES;
    }

    /** {@code switches} switches, {@code pauseMillis} apart, then prints {@code switches done count=N}. */
    static void run(boolean close, int switches, int batch, int features, long pauseMillis) throws Exception {
        ModelSwitches service = new ModelSwitches(batch, features);
        byte[] model = TinyOnnxModel.matMulAddRelu(features, features, MODEL_SEED);
        LeakScope.phase("before switches");
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            for (int i = 0; i < switches; i++) {
                try (Cleanup check = LeakScope.expectFreed(LABEL, outputBytes(batch, features))) {
                    if (close) {
                        service.switchClosing(model, options, batch, features);
                    } else {
                        service.switchLeaky(model, options, batch, features);
                    }
                }
                LeakScope.iteration();
                Thread.sleep(pauseMillis);
            }
        }
        LeakScope.phase("after switches");
        System.out.println("switches done count=" + switches + " kept=" + service.registry.size());
    }

    private void switchClosing(byte[] model, OrtSession.SessionOptions options, int batch, int features) throws OrtException {
        try (OrtSession session = env.createSession(model, options);
             OnnxTensor input = input(batch, features);
             OrtSession.Result result = session.run(Map.of("x", input))) {
            result.get(0);
        }
    }

    /** The forgotten close: the old model, its input and its result stay open in the registry. */
    private void switchLeaky(byte[] model, OrtSession.SessionOptions options, int batch, int features) throws OrtException {
        OrtSession session = env.createSession(model, options);
        OnnxTensor input = input(batch, features);
        OrtSession.Result result = session.run(Map.of("x", input));
        registry.add(result);
        registry.add(input);
        registry.add(session);
    }

    private OnnxTensor input(int batch, int features) throws OrtException {
        return OnnxTensor.createTensor(env, batchData, new long[] {batch, features});
    }
}
