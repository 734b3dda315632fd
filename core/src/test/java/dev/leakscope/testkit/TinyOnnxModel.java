package dev.leakscope.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A one-layer ONNX model, {@code y = relu(x W + B)}, built in memory because tests can download no
 * model file. The ModelProto is written in protobuf's wire format by hand, so that tests need no
 * protobuf library; field numbers are those of onnx.proto.
 */
public final class TinyOnnxModel {

    /** IR version 8 (ONNX 1.10): old enough for any recent ONNX Runtime, new enough for opset 13. */
    private static final long IR_VERSION = 8;
    /** Opset 13 of the default domain has MatMul, Add and Relu with the semantics computed below. */
    private static final long OPSET = 13;
    /** TensorProto.DataType.FLOAT. */
    private static final long FLOAT = 1;

    private TinyOnnxModel() {
    }

    /**
     * The model's bytes: input "x" float [batch, in], initializers "W" [in, out] and "B" [out] drawn
     * from {@code seed}, nodes MatMul(x, W) -> xw, Add(xw, B) -> xwb, Relu(xwb) -> y, output "y"
     * float [batch, out].
     */
    public static byte[] matMulAddRelu(int in, int out, long seed) {
        float[] params = parameters(in, out, seed);
        ProtoWriter model = new ProtoWriter()
                .varint(1, IR_VERSION) // ModelProto.ir_version
                .string(2, "leakscope-tests") // ModelProto.producer_name
                .message(7, graph(in, out, params)) // ModelProto.graph
                // OperatorSetIdProto.version; its domain is left out, meaning the default, ai.onnx
                .message(8, new ProtoWriter().varint(2, OPSET)); // ModelProto.opset_import
        return model.toByteArray();
    }

    /** What the model computes for one row {@code x}, in plain Java, for tests to compare with. */
    public static float[] expected(float[] x, int in, int out, long seed) {
        if (x.length != in) {
            throw new IllegalArgumentException("row of " + x.length + " features, model takes " + in);
        }
        float[] params = parameters(in, out, seed);
        float[] y = new float[out];
        for (int j = 0; j < out; j++) {
            double sum = params[in * out + j]; // B[j]; summed in double, so only the final rounding differs
            for (int i = 0; i < in; i++) {
                sum += x[i] * (double) params[i * out + j]; // W is row-major [in, out]
            }
            y[j] = (float) Math.max(0, sum);
        }
        return y;
    }

    /**
     * W row-major [in, out] followed by B [out]. W is scaled by 1/sqrt(in) so that outputs stay near 1
     * whatever the width, keeping float rounding far below the tests' tolerance.
     */
    private static float[] parameters(int in, int out, long seed) {
        SplittableRandom random = new SplittableRandom(seed); // its sequence is fixed by its spec
        float[] params = new float[in * out + out];
        double scale = 1 / Math.sqrt(in);
        for (int k = 0; k < in * out; k++) {
            params[k] = (float) (random.nextDouble(-1, 1) * scale);
        }
        for (int k = in * out; k < params.length; k++) {
            params[k] = (float) random.nextDouble(-0.5, 0.5);
        }
        return params;
    }

    private static ProtoWriter graph(int in, int out, float[] params) {
        float[] w = Arrays.copyOfRange(params, 0, in * out);
        float[] b = Arrays.copyOfRange(params, in * out, params.length);
        return new ProtoWriter()
                .message(1, node("MatMul", "xw", "x", "W")) // GraphProto.node, in topological order
                .message(1, node("Add", "xwb", "xw", "B"))
                .message(1, node("Relu", "y", "xwb"))
                .string(2, "matmul_add_relu") // GraphProto.name
                .message(5, tensor("W", w, in, out)) // GraphProto.initializer
                .message(5, tensor("B", b, out))
                .message(11, floatMatrix("x", in)) // GraphProto.input; initializers need not be listed (IR >= 4)
                .message(12, floatMatrix("y", out)); // GraphProto.output
    }

    private static ProtoWriter node(String opType, String output, String... inputs) {
        ProtoWriter node = new ProtoWriter();
        for (String input : inputs) {
            node.string(1, input); // NodeProto.input, in the operator's positional order
        }
        return node.string(2, output) // NodeProto.output
                .string(3, opType.toLowerCase(Locale.ROOT)) // NodeProto.name: unique, one node per op type here
                .string(4, opType); // NodeProto.op_type
    }

    private static ProtoWriter tensor(String name, float[] values, long... dims) {
        ProtoWriter tensor = new ProtoWriter();
        for (long dim : dims) {
            tensor.varint(1, dim); // TensorProto.dims, unpacked as proto2 writes it (parsers take both)
        }
        ByteBuffer raw = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(values); // raw_data is little-endian whatever the host's order
        return tensor.varint(2, FLOAT) // TensorProto.data_type
                .string(8, name) // TensorProto.name
                .bytes(9, raw.array()); // TensorProto.raw_data
    }

    /** A ValueInfoProto for a float tensor of shape [batch, width], batch being symbolic. */
    private static ProtoWriter floatMatrix(String name, int width) {
        ProtoWriter shape = new ProtoWriter()
                .message(1, new ProtoWriter().string(2, "batch")) // TensorShapeProto.dim, Dimension.dim_param
                .message(1, new ProtoWriter().varint(1, width)); // Dimension.dim_value
        ProtoWriter tensorType = new ProtoWriter()
                .varint(1, FLOAT) // TypeProto.Tensor.elem_type
                .message(2, shape); // TypeProto.Tensor.shape
        return new ProtoWriter()
                .string(1, name) // ValueInfoProto.name
                .message(2, new ProtoWriter().message(1, tensorType)); // ValueInfoProto.type, TypeProto.tensor_type
    }

    /** Just enough of protobuf's wire format: varint fields (wire type 0) and length-delimited ones (2). */
    private static final class ProtoWriter {

        private static final int VARINT = 0;
        private static final int LENGTH_DELIMITED = 2;

        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        /** For int32, int64 and enum fields; only non-negative values are written here. */
        ProtoWriter varint(int field, long value) {
            tag(field, VARINT);
            rawVarint(value);
            return this;
        }

        ProtoWriter string(int field, String value) {
            return bytes(field, value.getBytes(StandardCharsets.UTF_8));
        }

        ProtoWriter bytes(int field, byte[] value) {
            tag(field, LENGTH_DELIMITED);
            rawVarint(value.length);
            out.writeBytes(value);
            return this;
        }

        /** An embedded message is a length-delimited field holding the message's own bytes. */
        ProtoWriter message(int field, ProtoWriter message) {
            return bytes(field, message.toByteArray());
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }

        private void tag(int field, int wireType) {
            rawVarint((long) field << 3 | wireType);
        }

        /** Seven bits at a time, least significant first, the high bit saying that more follow. */
        private void rawVarint(long value) {
            long rest = value;
            while ((rest & ~0x7FL) != 0) {
                out.write((int) (rest & 0x7F) | 0x80);
                rest >>>= 7;
            }
            out.write((int) rest);
        }
    }
}
