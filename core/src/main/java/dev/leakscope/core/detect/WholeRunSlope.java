package dev.leakscope.core.detect;

import java.util.Optional;

/**
 * The growth rate of a whole recorded series, for runs too short for the online detector's first
 * window (a CI job of a minute): the Theil–Sen slope with its 95% interval, widened for
 * autocorrelation, over at most {@value #MAX_POINTS} evenly spaced points (the fit is quadratic in
 * its points).
 */
public final class WholeRunSlope {

    /** Bytes per second, and the interval's bounds (infinite when unbounded). */
    public record Rate(double slope, double low, double high) {
    }

    static final int MAX_POINTS = 240;
    /** Fewer points than this say nothing about a trend. */
    static final int MIN_POINTS = 5;
    private static final double Z_95 = 1.96;

    private WholeRunSlope() {
    }

    /**
     * The slope alone, of {@code y} against {@code x} (as many of each, at least two, {@code x}
     * increasing): for a handful of readings, where a bound needs no interval (leakscope-junit).
     */
    public static double slope(double[] x, double[] y) {
        if (x.length != y.length || x.length < 2) {
            throw new IllegalArgumentException(x.length + " x and " + y.length + " y values (expected: as many of each, at least 2)");
        }
        return new TheilSen().fit(x, y, 0, x.length, Z_95).slope();
    }

    /** Fits {@code values} against {@code times} ({@code n} points, times non-decreasing); empty when too few. */
    public static Optional<Rate> of(double[] times, double[] values, int n) {
        if (n < MIN_POINTS || times[n - 1] <= times[0]) {
            return Optional.empty();
        }
        int points = Math.min(n, MAX_POINTS);
        double[] x = new double[points];
        double[] y = new double[points];
        for (int i = 0; i < points; i++) {
            int from = (int) Math.round((double) i * (n - 1) / Math.max(1, points - 1));
            x[i] = times[from];
            y[i] = values[from];
        }
        TheilSen.Fit fit = new TheilSen().fit(x, y, 0, points, Z_95);
        return Optional.of(new Rate(fit.slope(), fit.low(), fit.high()));
    }
}
