package dev.leakscope.core.report;

import dev.leakscope.core.analyze.Series;
import java.util.Arrays;

/**
 * Downsampling for drawing: a day at 1 Hz is 86,400 values, a chart is about 1,000 pixels wide.
 * Each pixel column keeps its lowest and its highest value, in the order they occurred, so a
 * sawtooth faster than a column stays visible as its full swing, and a spike or a drop is never
 * averaged away (the M4 idea, without first and last: lines between columns still join the
 * extremes, which is what the eye reads at this width).
 */
final class MinMaxColumns {

    private MinMaxColumns() {
    }

    /**
     * At most two points per column of {@code columns} equal slices of [t0, t1]; a series that
     * already fits is kept whole. Values before t0 or after t1 count in the first or last column.
     */
    static Points of(Series series, double t0, double t1, int columns) {
        if (columns < 1) {
            throw new IllegalArgumentException("columns: " + columns + " (expected: >= 1)");
        }
        if (series.size() <= 2 * columns) {
            return new Points(series.times(), series.values());
        }
        int[] minAt = new int[columns];
        int[] maxAt = new int[columns];
        Arrays.fill(minAt, -1);
        double perColumn = t1 > t0 ? (t1 - t0) / columns : Double.POSITIVE_INFINITY;
        for (int i = 0; i < series.size(); i++) {
            int c = (int) Math.max(0, Math.min(columns - 1, Math.floor((series.t(i) - t0) / perColumn)));
            keepExtremes(series, i, c, minAt, maxAt);
        }
        return inOrder(series, minAt, maxAt);
    }

    private static void keepExtremes(Series series, int i, int c, int[] minAt, int[] maxAt) {
        if (minAt[c] < 0) {
            minAt[c] = i;
            maxAt[c] = i;
        } else if (series.value(i) < series.value(minAt[c])) {
            minAt[c] = i;
        } else if (series.value(i) > series.value(maxAt[c])) {
            maxAt[c] = i;
        }
    }

    private static Points inOrder(Series series, int[] minAt, int[] maxAt) {
        double[] t = new double[2 * minAt.length];
        double[] v = new double[2 * minAt.length];
        int n = 0;
        for (int c = 0; c < minAt.length; c++) {
            if (minAt[c] < 0) {
                continue;
            }
            int first = Math.min(minAt[c], maxAt[c]);
            int second = Math.max(minAt[c], maxAt[c]);
            t[n] = series.t(first);
            v[n++] = series.value(first);
            if (second != first) {
                t[n] = series.t(second);
                v[n++] = series.value(second);
            }
        }
        return new Points(Arrays.copyOf(t, n), Arrays.copyOf(v, n));
    }
}
