package dev.leakscope.core.detect;

import java.util.Arrays;

/**
 * The Theil–Sen slope (the median of all pairwise slopes) with Sen's rank confidence interval,
 * widened for lag-1 autocorrelation of the residuals. Robust to outliers and to a minority of
 * steps, and cheap for the 30-odd points the detector fits. Not thread-safe: it reuses a buffer.
 */
final class TheilSen {

    /** A fitted slope: {@code low}..{@code high} is the two-sided interval at the requested z. */
    record Fit(double slope, double low, double high, double intercept, double rho, int n) {
        boolean significantlyPositive() {
            return low > 0;
        }
    }

    private double[] slopes = new double[64];

    /**
     * Fits {@code y[from..to)} against {@code x[from..to)}.
     *
     * @param z two-sided normal quantile of the interval, e.g. 1.96 for 95%
     */
    Fit fit(double[] x, double[] y, int from, int to, double z) {
        int n = to - from;
        int pairs = 0;
        ensure(n * (n - 1) / 2);
        for (int i = from; i < to; i++) {
            for (int j = i + 1; j < to; j++) {
                double dx = x[j] - x[i];
                if (dx > 0) {
                    slopes[pairs++] = (y[j] - y[i]) / dx;
                }
            }
        }
        if (pairs == 0) {
            return new Fit(0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, n > 0 ? y[from] : 0, 0, n);
        }
        Arrays.sort(slopes, 0, pairs);
        double slope = median(slopes, pairs);
        double intercept = interceptFor(x, y, from, to, slope);
        double rho = lag1Autocorrelation(x, y, from, to, slope, intercept);
        // Sen (1968): the variance of Kendall's S under no trend, widened by sqrt((1+rho)/(1-rho))
        // so that autocorrelated noise does not pass for a trend.
        double varS = n * (n - 1.0) * (2.0 * n + 5.0) / 18.0;
        double widen = Math.sqrt((1 + rho) / (1 - rho));
        double c = z * Math.sqrt(varS) * widen;
        int lowRank = (int) Math.floor((pairs - c) / 2.0);
        int highRank = (int) Math.ceil((pairs + c) / 2.0);
        double low = lowRank < 0 ? Double.NEGATIVE_INFINITY : slopes[lowRank];
        double high = highRank >= pairs ? Double.POSITIVE_INFINITY : slopes[highRank];
        return new Fit(slope, low, high, intercept, rho, n);
    }

    private void ensure(int size) {
        if (slopes.length < size) {
            slopes = new double[Math.max(size, slopes.length * 2)];
        }
    }

    private static double median(double[] sorted, int n) {
        return (n & 1) == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The median of {@code y - slope * x}, the usual Theil–Sen intercept. */
    private static double interceptFor(double[] x, double[] y, int from, int to, double slope) {
        double[] residual = new double[to - from];
        for (int i = from; i < to; i++) {
            residual[i - from] = y[i] - slope * x[i];
        }
        Arrays.sort(residual);
        return median(residual, residual.length);
    }

    /** Lag-1 autocorrelation of the residuals, clamped to [0, 0.9]: negative values never narrow the interval. */
    private static double lag1Autocorrelation(double[] x, double[] y, int from, int to, double slope, double intercept) {
        int n = to - from;
        if (n < 4) {
            return 0;
        }
        double mean = 0;
        for (int i = from; i < to; i++) {
            mean += y[i] - intercept - slope * x[i];
        }
        mean /= n;
        double num = 0;
        double den = 0;
        double prev = y[from] - intercept - slope * x[from] - mean;
        den += prev * prev;
        for (int i = from + 1; i < to; i++) {
            double r = y[i] - intercept - slope * x[i] - mean;
            num += r * prev;
            den += r * r;
            prev = r;
        }
        if (den == 0) {
            return 0;
        }
        return Math.max(0, Math.min(0.9, num / den));
    }
}
