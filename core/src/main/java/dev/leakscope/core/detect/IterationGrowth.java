package dev.leakscope.core.detect;

import dev.leakscope.core.sample.Signals;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Growth per iteration (a training step, a request, a model switch: whatever the iteration
 * markers count, docs/phases.md): for each signal, the Theil–Sen slope of its value against the
 * iteration count, with its 95% interval, over the latest {@value #POINTS} ticks on which the count
 * had moved on ({@value #FIT_POINTS} of them, evenly spaced). Against iterations rather than seconds, a leak of a fixed size per step reads the
 * same whether the service is busy or idle. Not thread-safe: one thread feeds it.
 */
public final class IterationGrowth {

    /** Bytes a signal grows by per iteration, and the bounds of its 95% interval (infinite when unbounded). */
    public record PerIteration(double bytes, double low, double high, int points) {
    }

    /** The count of iterations so far, and how many a second since the first tick that saw one. */
    public record Count(long iterations, double perSecond) {
    }

    /**
     * Ticks kept per signal. The fit is quadratic in its points; 240 is 4 minutes at 1 Hz, and a
     * sliding window lets a warm-up pass out of the fit.
     */
    static final int POINTS = 240;
    /**
     * At most this many of them, evenly spaced, enter a fit: its cost is quadratic in its points,
     * and the metrics endpoint fits every signal on every tick.
     */
    static final int FIT_POINTS = 60;
    /** Fewer ticks than this say nothing about growth per iteration. */
    static final int MIN_POINTS = 5;
    private static final double Z_95 = 1.96;

    private final Map<String, Series> bySignal = new LinkedHashMap<>();
    private final TheilSen fitter = new TheilSen();
    private long firstCount = -1;
    private double firstT;
    private long lastCount;
    private double lastT;

    /** Feeds one tick: {@code values} holds the {@code iterations} count when markers have fired. */
    public void add(double t, Map<String, Long> values) {
        Long count = values.get(Signals.ITERATIONS);
        if (count == null) {
            return;
        }
        if (firstCount < 0) {
            firstCount = count;
            firstT = t;
        }
        lastCount = count;
        lastT = t;
        values.forEach((signal, value) -> {
            if (Signals.detected(signal)) {
                bySignal.computeIfAbsent(signal, s -> new Series()).add(count, value);
            }
        });
    }

    /** The count so far, or empty before any tick carried one. */
    public Optional<Count> count() {
        if (firstCount < 0) {
            return Optional.empty();
        }
        double seconds = lastT - firstT;
        return Optional.of(new Count(lastCount, seconds > 0 ? (lastCount - firstCount) / seconds : Double.NaN));
    }

    /** The growth of {@code signal} per iteration, or empty while too few iterations have passed. */
    public Optional<PerIteration> of(String signal) {
        Series s = bySignal.get(signal);
        if (s == null || s.size < MIN_POINTS) {
            return Optional.empty();
        }
        int n = Math.min(s.size, FIT_POINTS);
        double[] x = new double[n];
        double[] y = new double[n];
        s.copyEvenlySpaced(x, y);
        TheilSen.Fit fit = fitter.fit(x, y, 0, n, Z_95);
        return Optional.of(new PerIteration(fit.slope(), fit.low(), fit.high(), s.size));
    }

    /** One signal's (iterations, value) pairs, in a ring; a tick is kept only when the count moved on. */
    private static final class Series {
        final double[] iterations = new double[POINTS];
        final double[] values = new double[POINTS];
        int next;
        int size;
        long lastCount = -1;

        void add(long count, long value) {
            if (count <= lastCount) {
                return; // no iteration since the last tick: nothing to measure against
            }
            lastCount = count;
            iterations[next] = count;
            values[next] = value;
            next = (next + 1) % POINTS;
            size = Math.min(size + 1, POINTS);
        }

        /** {@code x.length} of the kept points, evenly spaced from the oldest to the newest, in order. */
        void copyEvenlySpaced(double[] x, double[] y) {
            int first = size < POINTS ? 0 : next;
            int n = x.length;
            for (int i = 0; i < n; i++) {
                int k = n == 1 ? 0 : (int) Math.round((double) i * (size - 1) / (n - 1));
                x[i] = iterations[(first + k) % POINTS];
                y[i] = values[(first + k) % POINTS];
            }
        }
    }
}
