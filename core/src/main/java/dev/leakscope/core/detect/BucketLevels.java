package dev.leakscope.core.detect;

/**
 * A signal's history at several resolutions, in fixed memory: each level keeps the last
 * {@code capacity} buckets of {@code width} seconds, each bucket its minimum, mean and count. A
 * sample updates every level in O(1); the detector reads a window from the finest level that still
 * covers it. Samples must come in time order. Not thread-safe.
 */
final class BucketLevels {

    /** One resolution. */
    static final class Level {
        final double width;
        final int capacity;
        final long[] index;
        final double[] min;
        final double[] sum;
        final int[] count;
        /** Number of buckets ever closed. */
        long closed;
        long openIndex = Long.MIN_VALUE;
        /** The open bucket's time span, so that most samples need no division to find their bucket. */
        double openStart = Double.POSITIVE_INFINITY;
        double openEnd = Double.NEGATIVE_INFINITY;
        double openMin;
        double openSum;
        int openCount;

        Level(double width, int capacity) {
            this.width = width;
            this.capacity = capacity;
            this.index = new long[capacity];
            this.min = new double[capacity];
            this.sum = new double[capacity];
            this.count = new int[capacity];
        }

        /** Adds a sample; returns true when it closed the open bucket. */
        boolean add(double t, double v) {
            boolean closedOne = false;
            if (t >= openEnd || t < openStart) {
                long i = (long) Math.floor(t / width);
                openStart = i * width;
                openEnd = openStart + width;
                if (openCount > 0) {
                    int slot = (int) (closed % capacity);
                    index[slot] = openIndex;
                    min[slot] = openMin;
                    sum[slot] = openSum;
                    count[slot] = openCount;
                    closed++;
                    closedOne = true;
                }
                openIndex = i;
                openMin = v;
                openSum = 0;
                openCount = 0;
            }
            openMin = Math.min(openMin, v);
            openSum += v;
            openCount++;
            return closedOne;
        }

        /** Seconds of history this level holds when full. */
        double span() {
            return width * capacity;
        }

        /** Start time of the oldest bucket still held, or +inf when empty. */
        double oldestStart() {
            if (closed == 0) {
                return openCount > 0 ? openIndex * width : Double.POSITIVE_INFINITY;
            }
            long oldest = Math.max(0, closed - capacity);
            return index[(int) (oldest % capacity)] * width;
        }

        /**
         * Copies the closed buckets that start at or after {@code from}, plus the open one, into the
         * arrays (bucket mid time, min, mean); returns how many.
         */
        int copy(double from, double[] t, double[] mins, double[] means) {
            int n = 0;
            long first = Math.max(0, closed - capacity);
            for (long k = first; k < closed; k++) {
                int slot = (int) (k % capacity);
                double start = index[slot] * width;
                if (start >= from) {
                    t[n] = start + width / 2;
                    mins[n] = min[slot];
                    means[n] = sum[slot] / count[slot];
                    n++;
                }
            }
            if (openCount > 0 && openIndex * width >= from) {
                t[n] = openIndex * width + width / 2;
                mins[n] = openMin;
                means[n] = openSum / openCount;
                n++;
            }
            return n;
        }
    }

    /**
     * Least-squares slope of the means of the last {@code buckets} closed buckets of {@code level}
     * (per second), or NaN with fewer than three: an O(k) first look between evaluations.
     */
    double recentSlope(int level, int buckets) {
        Level l = levels[level];
        int k = (int) Math.min(buckets, Math.min(l.closed, l.capacity));
        if (k < 3) {
            return Double.NaN;
        }
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (long c = l.closed - k; c < l.closed; c++) {
            int slot = (int) (c % l.capacity);
            double x = l.index[slot] * l.width;
            double y = l.sum[slot] / l.count[slot];
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        double den = k * sxx - sx * sx;
        return den == 0 ? Double.NaN : (k * sxy - sx * sy) / den;
    }

    private final Level[] levels;

    BucketLevels(double[] widths, int[] capacities) {
        levels = new Level[widths.length];
        for (int i = 0; i < widths.length; i++) {
            levels[i] = new Level(widths[i], capacities[i]);
        }
    }

    /** Adds a sample to every level; returns true when the second level closed a bucket. */
    boolean add(double t, double v) {
        levels[0].add(t, v);
        boolean closed = levels[1].add(t, v);
        for (int i = 2; i < levels.length; i++) {
            levels[i].add(t, v);
        }
        return closed;
    }

    /**
     * The finest level that holds {@code seconds} of history back from {@code now} in at most
     * {@code maxBuckets} buckets, or the coarsest level when none does.
     */
    Level levelFor(double seconds, double now, int maxBuckets) {
        for (Level l : levels) {
            if (seconds / l.width <= maxBuckets && l.oldestStart() <= now - seconds + l.width) {
                return l;
            }
        }
        for (Level l : levels) {
            if (seconds / l.width <= maxBuckets) {
                return l; // not enough history anywhere: the finest level that fits, for what it holds
            }
        }
        return levels[levels.length - 1];
    }

    /** The largest bucket count any window read can return. */
    int maxBuckets() {
        int max = 0;
        for (Level l : levels) {
            max = Math.max(max, l.capacity + 1);
        }
        return max;
    }

    /** The earliest time any level still covers. */
    double oldest() {
        double oldest = Double.POSITIVE_INFINITY;
        for (Level l : levels) {
            oldest = Math.min(oldest, l.oldestStart());
        }
        return oldest;
    }
}
