package dev.leakscope.junit;

import dev.leakscope.core.detect.WholeRunSlope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The settled readings of each signal, taken after warm-up and at checkpoints of the measured runs. */
final class Recording {

    private final List<LeakSignal> signals;
    /** Measured runs done at each reading. */
    private final double[] iterations;
    /** values[signal][reading] */
    private final double[][] values;
    private int readings;

    Recording(List<LeakSignal> signals, int capacity) {
        this.signals = List.copyOf(signals);
        this.iterations = new double[capacity];
        this.values = new double[signals.size()][capacity];
    }

    /** One reading of every signal, in the order given at construction, after {@code done} measured runs. */
    void add(int done, long[] reading) {
        iterations[readings] = done;
        for (int s = 0; s < signals.size(); s++) {
            values[s][readings] = reading[s];
        }
        readings++;
    }

    /** Each signal's growth, judged against its bound in {@code bounds}. */
    List<Growth> growths(Map<LeakSignal, Long> bounds) {
        double[] x = Arrays.copyOf(iterations, readings);
        List<Growth> out = new ArrayList<>();
        for (int s = 0; s < signals.size(); s++) {
            double[] y = Arrays.copyOf(values[s], readings);
            long total = (long) (y[readings - 1] - y[0]);
            out.add(new Growth(signals.get(s), WholeRunSlope.slope(x, y), total, bounds.get(signals.get(s))));
        }
        return out;
    }
}
