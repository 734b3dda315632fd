package dev.leakscope.core.detect;

/**
 * One assessment of a trailing window of a signal's floor: the overall slope, the slopes of its
 * three thirds and of its last two thirds, and whether one jump explains the growth. A leak's rate
 * is taken from the last two thirds: a leak that began inside the window, or the tail of a warm-up
 * before it, bends the first third.
 */
record Window(double length, TheilSen.Fit all, TheilSen.Fit first, TheilSen.Fit middle, TheilSen.Fit last,
              TheilSen.Fit lastTwoThirds, boolean stepDominated, int points) {

    /** Fewer points than this and a window says nothing. */
    static final int MIN_POINTS = 9;

    boolean usable() {
        return points >= MIN_POINTS;
    }

    /** Significant growth whose rate is known to within a factor of four. */
    boolean growing(double precision) {
        return usable() && all.low() > 0 && all.low() >= precision * all.slope();
    }

    /**
     * Growth that ends with a much faster last third is the start of something new (a leak after a
     * plateau), not one steady rate: the window's slope would not be its rate.
     */
    static final double ACCELERATION_RATIO = 0.5;

    /**
     * The persistence test that rules out saturating warm-up: precisely measured growth in every
     * third, the last third not much slower than the first or the middle, nor much faster.
     */
    boolean persistent(double ratio, double precision, boolean urgent) {
        // when the limit is near, a rise that will saturate below it slows only a little within the
        // window (to 67%): the last third must then clear the ratio with its whole interval
        double lastRate = urgent ? last.low() : last.slope();
        return precise(first, precision) && precise(middle, precision) && precise(last, precision)
                && lastRate >= ratio * Math.max(first.slope(), middle.slope())
                && Math.min(first.slope(), middle.slope()) >= ACCELERATION_RATIO * last.slope();
    }

    /** Significantly positive, with a 95% interval no wider than {@code 1 - precision} of the slope either side. */
    private static boolean precise(TheilSen.Fit fit, double precision) {
        return fit.low() > 0 && fit.low() >= precision * fit.slope();
    }
}
