package dev.leakscope.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.leakscope.testkit.TinyOnnxModel;
import java.nio.FloatBuffer;
import java.util.Map;

/**
 * One step of an ONNX Runtime inference loop as services write it: create the input tensor, run the
 * model (MatMul, Add, Relu on {@code features} inputs, built in code), close the result and the
 * tensor. Shared by {@link OnnxInferenceBenchmark} and {@link BridgeToggle}.
 */
final class InferenceLoop implements AutoCloseable {

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    private final OrtSession session;
    private final float[] row;

    InferenceLoop(int features) throws OrtException {
        options.setIntraOpNumThreads(1);
        session = env.createSession(TinyOnnxModel.matMulAddRelu(features, features, 42), options);
        row = new float[features];
        for (int i = 0; i < features; i++) {
            row[i] = (i % 7) - 3;
        }
    }

    float inferAndClose() throws OrtException {
        try (OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(row), new long[] {1, row.length});
             OrtSession.Result result = session.run(Map.of("x", input))) {
            return ((float[][]) result.get(0).getValue())[0][0];
        }
    }

    @Override
    public void close() throws OrtException {
        session.close();
        options.close();
    }
}
