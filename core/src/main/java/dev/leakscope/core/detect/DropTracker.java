package dev.leakscope.core.detect;

/**
 * Finds the sharp drops of a sawtooth (a collection, an allocator giving memory back) and the
 * period between them, so that the detector can work on the floor of the signal. A drop is a
 * decrease over three samples that lies far below the usual three-sample change: more than six
 * robust standard deviations (1.4826 x MAD), and at least 0.2% of the level and 1 MiB, so that
 * noise and 2 MiB huge-page quantisation never count.
 */
final class DropTracker {

    private static final int STATS_WINDOW = 64;
    private static final int LAG = 3;
    private static final double SIGMAS = 6;
    private static final double MIN_RELATIVE = 0.002;
    private static final double MIN_ABSOLUTE = 1 << 20;
    /** Drops needed before the signal counts as oscillating. */
    static final int MIN_DROPS = 3;
    private static final int KEPT = 8;

    private final double[] recent = new double[LAG];
    private int slot;
    private long seen;
    private final double[] diffs = new double[STATS_WINDOW];
    private final double[] scratch = new double[STATS_WINDOW];
    private int diffSlot;
    private double diffMedian;
    private double threshold = Double.NaN;
    private final double[] dropTimes = new double[KEPT];
    private long drops;
    private long refractoryUntil;

    void add(double t, double v) {
        if (seen >= LAG) {
            double d = v - recent[slot];
            diffs[diffSlot] = d;
            if (++diffSlot == STATS_WINDOW) {
                diffSlot = 0;
                recomputeThreshold(v);
            }
            if (!Double.isNaN(threshold) && seen >= refractoryUntil && d < diffMedian - threshold) {
                dropTimes[(int) (drops % KEPT)] = t;
                drops++;
                refractoryUntil = seen + LAG; // one drop spans several samples: count it once
            }
        }
        recent[slot] = v;
        if (++slot == LAG) {
            slot = 0;
        }
        seen++;
    }

    private void recomputeThreshold(double level) {
        System.arraycopy(diffs, 0, scratch, 0, STATS_WINDOW);
        diffMedian = Select.kth(scratch, 0, STATS_WINDOW, STATS_WINDOW / 2);
        for (int i = 0; i < STATS_WINDOW; i++) {
            scratch[i] = Math.abs(diffs[i] - diffMedian);
        }
        double mad = Select.kth(scratch, 0, STATS_WINDOW, STATS_WINDOW / 2);
        threshold = Math.max(SIGMAS * 1.4826 * mad, Math.max(MIN_RELATIVE * Math.abs(level), MIN_ABSOLUTE));
    }

    /**
     * The oscillation period, or NaN when the signal is not oscillating now: at least
     * {@value #MIN_DROPS} drops, the last one no longer ago than three periods. The period is the
     * longest of the last intervals, so that jitter never makes the floor window too short.
     */
    double period(double now) {
        if (drops < MIN_DROPS) {
            return Double.NaN;
        }
        int intervals = (int) Math.min(drops - 1, 3);
        double longest = 0;
        for (int k = 0; k < intervals; k++) {
            double later = dropTimes[(int) ((drops - 1 - k) % KEPT)];
            double earlier = dropTimes[(int) ((drops - 2 - k) % KEPT)];
            longest = Math.max(longest, later - earlier);
        }
        double last = dropTimes[(int) ((drops - 1) % KEPT)];
        return now - last <= 3 * longest ? longest : Double.NaN;
    }

    long drops() {
        return drops;
    }
}
