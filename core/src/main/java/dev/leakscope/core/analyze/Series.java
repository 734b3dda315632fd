package dev.leakscope.core.analyze;

import java.util.Arrays;

/** One signal's values over a run, in time order: columns of primitives, for day-long streams. */
public final class Series {

    private final String signal;
    private double[] times = new double[64];
    private double[] values = new double[64];
    private int size;

    public Series(String signal) {
        this.signal = signal;
    }

    public String signal() {
        return signal;
    }

    public void add(double t, double value) {
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        times[size] = t;
        values[size] = value;
        size++;
    }

    public int size() {
        return size;
    }

    public double t(int i) {
        return times[i];
    }

    public double value(int i) {
        return values[i];
    }

    /** A copy of the times, {@link #size()} of them. */
    public double[] times() {
        return Arrays.copyOf(times, size);
    }

    /** A copy of the values, {@link #size()} of them. */
    public double[] values() {
        return Arrays.copyOf(values, size);
    }

    /** The last value minus the first; 0 for fewer than two values. */
    public double change() {
        return size < 2 ? 0 : values[size - 1] - values[0];
    }
}
