package dev.leakscope.agent.it.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.leakscope.testkit.TinyOnnxModel;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hand-written model loads in ONNX Runtime and computes what {@link TinyOnnxModel#expected} says. */
class TinyOnnxModelTest {

    private static final int FEATURES = 8;
    private static final long SEED = 42;
    /** Mixed signs, so that some pre-activations are negative and Relu has something to clip. */
    private static final float[] ROW = {0.5f, -1.25f, 2f, -0.75f, 1f, -2f, 0.25f, 1.5f};

    @Test
    void oneRowMatchesPlainJava() throws OrtException {
        float[] expected = TinyOnnxModel.expected(ROW, FEATURES, FEATURES, SEED);

        float[][] y = run(new float[][] {ROW});

        assertThat(y).hasNumberOfRows(1);
        assertThat(y[0]).containsExactly(expected, within(1e-5f));
        // the comparison exercises both sides of Relu, so it would catch a missing or misplaced node
        assertThat(expected).contains(0f);
        assertThat(max(expected)).isGreaterThan(0.1f);
    }

    @Test
    void batchOfThreeRowsUsesTheSymbolicDimension() throws OrtException {
        float[][] rows = {ROW, negated(ROW), {1, 2, 3, 4, -4, -3, -2, -1}};

        float[][] y = run(rows);

        assertThat(y).hasNumberOfRows(3);
        for (int r = 0; r < rows.length; r++) {
            assertThat(y[r]).as("row %d", r)
                    .containsExactly(TinyOnnxModel.expected(rows[r], FEATURES, FEATURES, SEED), within(1e-5f));
        }
    }

    @Test
    void inputAndOutputDeclareASymbolicBatch() throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = env.createSession(TinyOnnxModel.matMulAddRelu(FEATURES, 3, SEED), options)) {
            TensorInfo x = (TensorInfo) session.getInputInfo().get("x").getInfo();
            TensorInfo y = (TensorInfo) session.getOutputInfo().get("y").getInfo();

            assertThat(x.getShape()).containsExactly(-1, FEATURES); // -1: a dimension known only at run time
            assertThat(x.getDimensionNames()[0]).isEqualTo("batch");
            assertThat(y.getShape()).containsExactly(-1, 3);
            assertThat(session.getInputNames()).containsExactly("x"); // the initializers are no inputs
        }
    }

    @Test
    void theSeedDecidesTheWeights() {
        assertThat(TinyOnnxModel.matMulAddRelu(FEATURES, FEATURES, SEED))
                .isEqualTo(TinyOnnxModel.matMulAddRelu(FEATURES, FEATURES, SEED))
                .isNotEqualTo(TinyOnnxModel.matMulAddRelu(FEATURES, FEATURES, SEED + 1));
    }

    private static float[][] run(float[][] rows) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        byte[] model = TinyOnnxModel.matMulAddRelu(FEATURES, FEATURES, SEED);
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = env.createSession(model, options);
             OnnxTensor x = OnnxTensor.createTensor(env, rows);
             OrtSession.Result result = session.run(Map.of("x", x))) {
            return (float[][]) result.get("y").orElseThrow().getValue();
        }
    }

    private static float max(float[] values) {
        float max = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            max = Math.max(max, v);
        }
        return max;
    }

    private static float[] negated(float[] row) {
        float[] negated = new float[row.length];
        for (int i = 0; i < row.length; i++) {
            negated[i] = -row[i];
        }
        return negated;
    }
}
