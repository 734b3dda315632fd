package dev.leakscope.core.report;

/** A series' points to draw, in time order: {@code t[i]} seconds, {@code v[i]} bytes (or a count). */
record Points(double[] t, double[] v) {

    int size() {
        return t.length;
    }

    double min() {
        double min = Double.POSITIVE_INFINITY;
        for (double value : v) {
            min = Math.min(min, value);
        }
        return min;
    }

    double max() {
        double max = Double.NEGATIVE_INFINITY;
        for (double value : v) {
            max = Math.max(max, value);
        }
        return max;
    }
}
