package dev.leakscope.core.detect;

import java.util.Arrays;

/**
 * One trailing window of a signal's floor, reduced to at most 30 points, with its fits computed
 * when first asked for: the overall Theil–Sen slope, the slopes of its three thirds and of its last
 * two thirds, and whether one jump explains the growth. A leak's rate is taken from the last two
 * thirds: a leak that began inside the window, or the tail of a warm-up before it, bends the first
 * third. Not thread-safe (it shares the detector's {@link TheilSen}).
 */
final class Window {

    /** Fewer points than this and a window says nothing. */
    static final int MIN_POINTS = 9;
    /**
     * Growth that ends with a much faster last third is the start of something new (a leak after a
     * plateau), not one steady rate: the window's slope would not be its rate.
     */
    static final double ACCELERATION_RATIO = 0.5;
    /** z for the 95% two-sided intervals of the slopes. */
    private static final double Z = 1.96;
    /** A jump this large a share of the window's growth makes it a step. */
    private static final double STEP_SHARE = 0.6;
    /** A step's jump stands this many robust standard deviations above the other changes. */
    private static final double STEP_SIGMAS = 8;

    private final double length;
    private final double[] x;
    private final double[] y;
    private final int n;
    private final TheilSen theilSen;
    private TheilSen.Fit all;
    private TheilSen.Fit first;
    private TheilSen.Fit middle;
    private TheilSen.Fit last;
    private TheilSen.Fit lastTwoThirds;

    Window(double length, double[] x, double[] y, int n, TheilSen theilSen) {
        this.length = length;
        this.x = Arrays.copyOf(x, n);
        this.y = Arrays.copyOf(y, n);
        this.n = n;
        this.theilSen = theilSen;
    }

    double length() {
        return length;
    }

    boolean usable() {
        return n >= MIN_POINTS;
    }

    TheilSen.Fit all() {
        if (all == null) {
            all = theilSen.fit(x, y, 0, n, Z);
        }
        return all;
    }

    TheilSen.Fit first() {
        if (first == null) {
            first = theilSen.fit(x, y, 0, n / 3, Z);
        }
        return first;
    }

    TheilSen.Fit middle() {
        if (middle == null) {
            middle = theilSen.fit(x, y, n / 3, 2 * n / 3, Z);
        }
        return middle;
    }

    TheilSen.Fit last() {
        if (last == null) {
            last = theilSen.fit(x, y, 2 * n / 3, n, Z);
        }
        return last;
    }

    TheilSen.Fit lastTwoThirds() {
        if (lastTwoThirds == null) {
            lastTwoThirds = theilSen.fit(x, y, n / 3, n, Z);
        }
        return lastTwoThirds;
    }

    /** Significant growth whose rate is known to within {@code 1 - precision} either side. */
    boolean growing(double precision) {
        return usable() && precise(all(), precision);
    }

    /**
     * The persistence test that rules out saturating warm-up: precisely measured growth in every
     * third, the last third not much slower than the first or the middle, nor much faster.
     *
     * @param urgent when the limit is near, a rise that will saturate below it slows only a little
     *               within the window (to 67%): the last third must then clear the ratio with its
     *               whole interval
     */
    boolean persistent(double ratio, double precision, boolean urgent) {
        if (!precise(first(), precision) || !precise(middle(), precision) || !precise(last(), precision)) {
            return false;
        }
        double lastRate = urgent ? last().low() : last().slope();
        return lastRate >= ratio * Math.max(first().slope(), middle().slope())
                && Math.min(first().slope(), middle().slope()) >= ACCELERATION_RATIO * last().slope();
    }

    /**
     * Whether the window holds a one-time upward step: one jump between consecutive points that
     * explains most of the window's change and towers over the other point-to-point changes (more
     * than {@value #STEP_SIGMAS} robust standard deviations). A clean step leaves the slope's
     * interval wide, so it needs this test of its own.
     */
    boolean hasStep() {
        if (!usable() || !stepDominated()) {
            return false;
        }
        double[] diffs = new double[n - 1];
        int largest = 0;
        for (int i = 1; i < n; i++) {
            diffs[i - 1] = y[i] - y[i - 1];
            if (diffs[i - 1] > diffs[largest]) {
                largest = i - 1;
            }
        }
        double jump = diffs[largest];
        diffs[largest] = diffs[n - 2];
        double median = Select.kth(diffs, 0, n - 2, (n - 2) / 2);
        for (int i = 0; i < n - 2; i++) {
            diffs[i] = Math.abs(diffs[i] - median);
        }
        double mad = Select.kth(diffs, 0, n - 2, (n - 2) / 2);
        return jump - median > STEP_SIGMAS * 1.4826 * mad;
    }

    /** Whether one jump between consecutive points explains most of the window's growth. */
    boolean stepDominated() {
        double jump = 0;
        for (int i = 1; i < n; i++) {
            jump = Math.max(jump, y[i] - y[i - 1]);
        }
        double total = y[n - 1] - y[0];
        return total > 0 && jump >= STEP_SHARE * total;
    }

    /** Significantly positive, with a 95% interval no lower than {@code precision} of the slope. */
    private static boolean precise(TheilSen.Fit fit, double precision) {
        return fit.low() > 0 && fit.low() >= precision * fit.slope();
    }
}
