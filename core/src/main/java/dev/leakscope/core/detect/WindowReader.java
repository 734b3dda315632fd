package dev.leakscope.core.detect;

/**
 * Reads trailing windows of a signal's floor out of its bucketed history: picks the level, builds
 * the floor, and averages it into {@value #POINTS} equal time slices. Reuses its buffers; not
 * thread-safe.
 */
final class WindowReader {

    /** Points a window is reduced to before fitting: 10 per third. */
    static final int POINTS = 30;
    /** The most buckets one window reads; its level is chosen to stay under this. */
    private static final int MAX_WINDOW_BUCKETS = 400;
    /** The floor window is this many oscillation periods; the floor is averaged over one. */
    static final double FLOOR_PERIODS = 1.5;

    private final BucketLevels history;
    private final TheilSen theilSen;
    private final double[] bt;
    private final double[] bmin;
    private final double[] bmean;
    private final double[] floor;
    private final double[] scratch;
    private final int[] deque;
    private final double[] px = new double[POINTS];
    private final double[] py = new double[POINTS];

    WindowReader(BucketLevels history, TheilSen theilSen) {
        this.history = history;
        this.theilSen = theilSen;
        int max = history.maxBuckets();
        bt = new double[max];
        bmin = new double[max];
        bmean = new double[max];
        floor = new double[max];
        scratch = new double[max];
        deque = new int[max];
    }

    /** The trailing {@code length} seconds before {@code t}, floored over {@code floorWindow}. */
    Window read(double t, double length, double floorWindow) {
        BucketLevels.Level level = history.levelFor(length + floorWindow, t, MAX_WINDOW_BUCKETS);
        int n = level.copy(t - length - floorWindow, bt, bmin, bmean);
        computeFloor(n, floorWindow);
        int m = reduce(n, t - length, t);
        return new Window(length, px, py, m, theilSen);
    }

    /**
     * The floor: bucket means; or, when oscillating, the rolling minimum over {@code floorWindow}
     * (one and a half periods, so each window holds a trough), averaged over one period. The
     * minimum alone is a staircase with a step per period; the average turns it back into the
     * slope it follows, so that thirds of a window need not hold several troughs each.
     */
    private void computeFloor(int n, double floorWindow) {
        if (floorWindow <= 0) {
            System.arraycopy(bmean, 0, floor, 0, n);
            return;
        }
        rollingMin(n, floorWindow);
        rollingMean(n, floorWindow / FLOOR_PERIODS);
    }

    /** floor[i] = min of bmin over buckets within {@code window} before bt[i]; a monotonic deque keeps it O(n). */
    private void rollingMin(int n, double window) {
        int head = 0;
        int tail = 0;
        for (int i = 0; i < n; i++) {
            while (tail > head && bmin[deque[tail - 1]] >= bmin[i]) {
                tail--;
            }
            deque[tail++] = i;
            while (bt[deque[head]] < bt[i] - window) {
                head++;
            }
            floor[i] = bmin[deque[head]];
        }
    }

    /** Replaces floor[i] by the mean of floor over buckets within {@code window} before bt[i]. */
    private void rollingMean(int n, double window) {
        int start = 0;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += floor[i];
            scratch[i] = floor[i];
            while (bt[start] < bt[i] - window) {
                sum -= scratch[start++];
            }
            floor[i] = sum / (i - start + 1);
        }
    }

    /** Averages the floor of buckets inside [from, to] into at most {@value #POINTS} equal time slices. */
    private int reduce(int n, double from, double to) {
        double slice = (to - from) / POINTS;
        int m = 0;
        int i = 0;
        while (i < n && bt[i] < from) {
            i++;
        }
        for (int s = 0; s < POINTS && i < n; s++) {
            double end = from + (s + 1) * slice;
            double sumT = 0;
            double sumY = 0;
            int count = 0;
            while (i < n && (bt[i] < end || s == POINTS - 1)) {
                sumT += bt[i];
                sumY += floor[i];
                count++;
                i++;
            }
            if (count > 0) {
                px[m] = sumT / count;
                py[m] = sumY / count;
                m++;
            }
        }
        return m;
    }
}
