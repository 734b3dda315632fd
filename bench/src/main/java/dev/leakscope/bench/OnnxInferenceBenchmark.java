package dev.leakscope.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.leakscope.testkit.TinyOnnxModel;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The cost of the {@code onnxruntime} module on an inference loop: create the input tensor, run
 * the model (MatMul, Add, Relu, built in code), close the result and the tensor. A small model is
 * the worst case for overhead: the instrumented calls weigh the most against the inference.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class OnnxInferenceBenchmark {

    @Param({"64", "512"})
    public int features;

    private OrtEnvironment env;
    private OrtSession.SessionOptions options;
    private OrtSession session;
    private float[] row;

    @Setup
    public void setUp() throws OrtException {
        env = OrtEnvironment.getEnvironment();
        options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(1);
        session = env.createSession(TinyOnnxModel.matMulAddRelu(features, features, 42), options);
        row = new float[features];
        for (int i = 0; i < features; i++) {
            row[i] = (i % 7) - 3;
        }
    }

    @Benchmark
    public float inferAndClose() throws OrtException {
        try (OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(row), new long[] {1, features});
             OrtSession.Result result = session.run(Map.of("x", input))) {
            return ((float[][]) result.get(0).getValue())[0][0];
        }
    }

    @TearDown
    public void tearDown() throws OrtException {
        session.close();
        options.close();
    }
}
