package dev.leakscope.core.detect;

/**
 * The Theil–Sen slope (the median of all pairwise slopes) with Sen's rank confidence interval,
 * widened for lag-1 autocorrelation of the residuals. Robust to outliers and to a minority of
 * steps, and cheap for the 30-odd points the detector fits: order statistics are found by
 * selection, not by sorting. Not thread-safe: it reuses its buffers.
 */
final class TheilSen {

    /** A fitted slope: {@code low}..{@code high} is the two-sided interval at the requested z. */
    record Fit(double slope, double low, double high, double intercept, double rho, int n) {
    }

    /** Residuals are clamped to this lag-1 autocorrelation: beyond it the interval would be meaningless. */
    private static final double MAX_RHO = 0.9;

    private double[] slopes = new double[512];
    private double[] residuals = new double[64];

    /**
     * Fits {@code y[from..to)} against {@code x[from..to)}.
     *
     * @param z two-sided normal quantile of the interval, e.g. 1.96 for 95%
     */
    Fit fit(double[] x, double[] y, int from, int to, double z) {
        int n = to - from;
        int pairs = pairwiseSlopes(x, y, from, to);
        if (pairs == 0) {
            return new Fit(0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, n > 0 ? y[from] : 0, 0, n);
        }
        double slope = median(slopes, pairs);
        int mid = pairs / 2; // median() left slopes partitioned around this rank
        double intercept = intercept(x, y, from, to, slope);
        double rho = lag1Autocorrelation(x, y, from, to, slope, intercept);
        // Sen (1968): the variance of Kendall's S under no trend, widened by sqrt((1+rho)/(1-rho))
        // so that autocorrelated noise does not pass for a trend.
        double varS = n * (n - 1.0) * (2.0 * n + 5.0) / 18.0;
        double c = z * Math.sqrt(varS) * Math.sqrt((1 + rho) / (1 - rho));
        // Sen's limits are the M1-th and (M2+1)-th smallest slopes (1-based), M1 = (N - C)/2 and
        // M2 = (N + C)/2; as 0-based indices, M1 - 1 and M2
        int lowRank = (int) Math.floor((pairs - c) / 2.0) - 1;
        int highRank = (int) Math.ceil((pairs + c) / 2.0);
        // the ranks lie either side of the median, so each is selected from its own half; a rank
        // that the widening pushes past the ends takes the extreme slope: smooth growth whose tiny
        // residuals are strongly autocorrelated still has a finite, and narrow, interval
        double low = mid == 0 ? slopes[mid] : Select.kth(slopes, 0, mid, clamp(lowRank, 0, mid - 1));
        double high = mid + 1 >= pairs ? slopes[mid]
                : Select.kth(slopes, mid + 1, pairs, clamp(highRank - mid - 1, 0, pairs - mid - 2));
        return new Fit(slope, low, high, intercept, rho, n);
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private int pairwiseSlopes(double[] x, double[] y, int from, int to) {
        int n = to - from;
        if (slopes.length < n * (n - 1) / 2) {
            slopes = new double[n * (n - 1) / 2];
        }
        int pairs = 0;
        for (int i = from; i < to; i++) {
            for (int j = i + 1; j < to; j++) {
                double dx = x[j] - x[i];
                if (dx > 0) {
                    slopes[pairs++] = (y[j] - y[i]) / dx;
                }
            }
        }
        return pairs;
    }

    private static double median(double[] values, int n) {
        double upper = Select.kth(values, 0, n, n / 2);
        if ((n & 1) == 1) {
            return upper;
        }
        // after selecting rank n/2, every value below it lies in [0, n/2): the lower middle is their maximum
        double lower = values[0];
        for (int i = 1; i < n / 2; i++) {
            lower = Math.max(lower, values[i]);
        }
        return (lower + upper) / 2;
    }

    /** The median of {@code y - slope * x}, the usual Theil–Sen intercept. */
    private double intercept(double[] x, double[] y, int from, int to, double slope) {
        int n = to - from;
        if (residuals.length < n) {
            residuals = new double[n];
        }
        for (int i = from; i < to; i++) {
            residuals[i - from] = y[i] - slope * x[i];
        }
        return median(residuals, n);
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
        return den == 0 ? 0 : Math.max(0, Math.min(MAX_RHO, num / den));
    }
}
