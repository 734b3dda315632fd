package dev.leakscope.core.event;

/**
 * What a run saw of one signal: first and last value, extremes and count. O(1) memory, whatever the
 * run's length. Not thread-safe.
 */
public final class SignalStats {
    private long first;
    private long last;
    private long min = Long.MAX_VALUE;
    private long max = Long.MIN_VALUE;
    private long count;
    private double firstT;
    private double lastT;

    public void add(double t, long value) {
        if (count == 0) {
            first = value;
            firstT = t;
        }
        last = value;
        lastT = t;
        min = Math.min(min, value);
        max = Math.max(max, value);
        count++;
    }

    public long first() {
        return first;
    }

    public long last() {
        return last;
    }

    public long min() {
        return min;
    }

    public long max() {
        return max;
    }

    public long count() {
        return count;
    }

    public double firstT() {
        return firstT;
    }

    public double lastT() {
        return lastT;
    }

    public long change() {
        return last - first;
    }
}
