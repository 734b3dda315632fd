package dev.leakscope.mlit.workload;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * DJL on its PyTorch engine, as an inference loop uses it: per iteration a manager, an input
 * array made from Java data (64 KiB of floats), and the array an operation makes. The manager is
 * closed, which closes its arrays, or dropped unclosed: DJL frees nothing on GC, so the manager
 * and its arrays are leaked when it is collected.
 * <p>
 * Each variant allocates on lines of its own in a method of its own, so that each site is a
 * distinct file and line.
 */
public final class DjlWorkloads {

    /** Floats per input array: 64 KiB. */
    public static final int FLOATS = 16 * 1024;
    private static final float[] DATA = new float[FLOATS];

    private DjlWorkloads() {
    }

    static void run(MlWorkloads.Mode mode, double seconds) throws InterruptedException {
        // loads PyTorch and makes the engine's own manager here, not in the first iteration
        Engine.getInstance().newBaseManager().close();
        MlWorkloads.Paced done = MlWorkloads.paced(seconds, i -> mode == MlWorkloads.Mode.CLOSING ? closing() : dropping());
        System.out.println("djl done iterations=" + done.iterations() + " checksum=" + done.checksum());
    }

    private static float closing() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray input = manager.create(DATA, new Shape(1, FLOATS));
            return infer(input);
        }
    }

    /** Forgets to close its manager: the manager and both arrays are leaked once it is collected. */
    private static float dropping() {
        NDManager manager = NDManager.newBaseManager();
        NDArray input = manager.create(DATA, new Shape(1, FLOATS));
        return infer(input);
    }

    /** An operation: PyTorch makes a new array, which the input's manager holds. */
    private static float infer(NDArray input) {
        NDArray output = input.add(1f);
        return output.getFloat(0, 0);
    }
}
