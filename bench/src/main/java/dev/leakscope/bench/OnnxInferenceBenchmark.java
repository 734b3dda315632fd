package dev.leakscope.bench;

import ai.onnxruntime.OrtException;
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
 * The cost of the {@code onnxruntime} module on an inference loop ({@link InferenceLoop}: create the
 * input tensor, run the model, close the result and the tensor). A small model is the worst case
 * for overhead: the instrumented calls weigh the most against the inference.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class OnnxInferenceBenchmark {

    @Param({"64", "512"})
    public int features;

    private InferenceLoop loop;

    @Setup
    public void setUp() throws OrtException {
        loop = new InferenceLoop(features);
    }

    @Benchmark
    public float inferAndClose() throws OrtException {
        return loop.inferAndClose();
    }

    @TearDown
    public void tearDown() throws OrtException {
        loop.close();
    }
}
