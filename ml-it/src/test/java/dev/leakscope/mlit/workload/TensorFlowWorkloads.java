package dev.leakscope.mlit.workload;

import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.math.Square;
import org.tensorflow.types.TFloat32;

/**
 * A TensorFlow service: one graph and session, and per iteration a new 64 KiB input tensor fed
 * to one op ({@code Square}), whose output comes back in a {@code Result}. The closing variant
 * closes both; the dropping one leaves them to the collector, which TensorFlow Java allows: JavaCPP
 * deletes a collected tensor, so dropping is no leak.
 * <p>
 * The variants allocate on lines of their own in methods of their own, so that each site is a
 * distinct file and line.
 */
public final class TensorFlowWorkloads {

    /** Floats per tensor: 64 KiB. */
    public static final int FLOATS = 16 * 1024;
    private static final Shape SHAPE = Shape.of(FLOATS);

    private TensorFlowWorkloads() {
    }

    static void run(MlWorkloads.Mode mode, double seconds) throws InterruptedException {
        if (mode == MlWorkloads.Mode.KEEPING) {
            throw new IllegalArgumentException("tf " + mode + " (expected: closing or dropping)");
        }
        MlWorkloads.Paced done;
        try (Graph graph = new Graph(); Session session = new Session(graph)) {
            Ops tf = Ops.create(graph);
            Placeholder<TFloat32> x = tf.placeholder(TFloat32.class);
            Square<TFloat32> y = tf.math.square(x);
            done = MlWorkloads.paced(seconds, i -> {
                float value = (float) Math.sin(i);
                return mode == MlWorkloads.Mode.CLOSING ? closing(session, x, y, value) : dropping(session, x, y, value);
            });
        }
        System.out.println("tf done iterations=" + done.iterations() + " checksum=" + done.checksum());
    }

    private static float closing(Session session, Placeholder<TFloat32> x, Square<TFloat32> y, float value) {
        try (TFloat32 input = TFloat32.tensorOf(SHAPE)) {
            input.setFloat(value, FLOATS - 1);

            try (Result result = session.runner().feed(x, input).fetch(y).run()) {
                return ((TFloat32) result.get(0)).getFloat(FLOATS - 1);
            }
        }
    }

    private static float dropping(Session session, Placeholder<TFloat32> x, Square<TFloat32> y, float value) {
        TFloat32 input = TFloat32.tensorOf(SHAPE);
        input.setFloat(value, FLOATS - 1);

        Result result = session.runner().feed(x, input).fetch(y).run();
        return ((TFloat32) result.get(0)).getFloat(FLOATS - 1);
    }
}
