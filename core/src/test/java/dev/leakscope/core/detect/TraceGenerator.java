package dev.leakscope.core.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Draws the labelled corpus of docs/detection.md from a fixed seed: 1 Hz traces of the growth
 * patterns a memory-leak detector meets in ML services, half of them leaks and half not.
 * Sizes are decimal (MB = 10^6 bytes).
 */
final class TraceGenerator {

    private static final double MB = 1e6;
    private static final double GB = 1e9;
    private static final double MIN = 60;

    private final Random random;

    TraceGenerator(long seed) {
        this.random = new Random(seed);
    }

    /** {@code perKind} traces of every family, gated and report-only. */
    List<LabelledTrace> corpus(int perKind) {
        List<LabelledTrace> all = new ArrayList<>();
        for (int i = 0; i < perKind; i++) {
            all.add(linearLeak(i));
            all.add(leakAfterWarmup(i));
            all.add(staircaseLeak(i));
            all.add(leakUnderSawtooth(i));
            all.add(leakAfterPlateau(i));
            all.add(plateau(i, 1, 30, false));
            all.add(sawtooth(i));
            all.add(steps(i));
            all.add(highWaterMark(i));
            all.add(arenaSteps(i));
            all.add(thpQuantised(i));
            all.add(fileBackedWarmup(i));
            all.add(noiseWithGaps(i));
            all.add(plateau(i, 30, 120, true));
            all.add(logGrowth(i));
        }
        return all;
    }

    // ---- must detect -------------------------------------------------------------------------

    LabelledTrace linearLeak(int i) {
        double rate = leakRate();
        double base = uniform(0.5, 4) * GB;
        double onset = uniform(0, 10) * MIN;
        Series s = new Series(onset + 180 * MIN, base).noise(this);
        s.linear(onset, rate);
        return s.leak("linear leak #" + i, "linear leak", rate, onset, limitFor(s, onset, rate));
    }

    LabelledTrace leakAfterWarmup(int i) {
        double rate = leakRate();
        double base = uniform(0.5, 3) * GB;
        double warmup = uniform(0.1, 2) * GB;
        double tau = uniform(1, 10) * MIN;
        // the leak starts as the warm-up ends: what is left of the warm-up then grows at a tenth of
        // the leak's rate or less (unlike a leak after a plateau, it has not levelled off yet)
        double onset = Math.max(uniform(0, 15) * MIN, tau * Math.log(warmup / tau / (0.1 * rate)));
        Series s = new Series(onset + 180 * MIN, base).noise(this);
        s.exponential(0, warmup, tau);
        s.linear(onset, rate);
        return s.leak("leak after warm-up #" + i, "leak after warm-up", rate, onset, limitAbove(s, onset, rate, base, warmup));
    }

    LabelledTrace staircaseLeak(int i) {
        double rate = leakRate();
        double every = uniform(1, 10) * MIN;
        double base = uniform(0.5, 4) * GB;
        Series s = new Series(200 * MIN, base).noise(this);
        s.staircase(0, every, rate * every);
        // a staircase can be told from one-time steps only after six to eight steps (two or more in
        // each third of a window), and the window is 60% of the time to the limit: the limit is
        // at least thirty steps away
        Long limit = limitFor(s, 0, rate);
        limit = limit == null ? null : Math.max(limit, Math.round(base + 30 * rate * every));
        return s.leak("staircase leak #" + i, "staircase leak", rate, 0, limit);
    }

    LabelledTrace leakUnderSawtooth(int i) {
        double rate = leakRate();
        double base = uniform(1, 4) * GB;
        double amplitude = uniform(0.1, 1) * GB;
        double period = logUniform(10, 600);
        Series s = new Series(200 * MIN, base).noise(this);
        s.sawtooth(period, amplitude, this);
        s.linear(0, rate);
        return s.leak("leak under sawtooth #" + i, "leak under sawtooth", rate, 0, null);
    }

    LabelledTrace leakAfterPlateau(int i) {
        double rate = leakRate();
        double base = uniform(0.5, 3) * GB;
        double tau = uniform(1, 30) * MIN;
        double warmup = uniform(0.1, 3) * GB;
        // the plateau is reached before the leak starts: what is left of the warm-up then grows at
        // under 5% of the leak's rate
        double reached = tau * Math.log(warmup / tau / (0.05 * rate));
        double onset = Math.max(uniform(60, 120) * MIN, reached);
        Series s = new Series(onset + 180 * MIN, base).noise(this);
        s.exponential(0, warmup, tau);
        s.linear(onset, rate);
        return s.leak("leak after plateau #" + i, "leak after plateau", rate, onset, limitAbove(s, onset, rate, base, warmup));
    }

    // ---- must not alarm ----------------------------------------------------------------------

    LabelledTrace plateau(int i, double tauMinLo, double tauMinHi, boolean reportOnly) {
        double base = uniform(0.5, 4) * GB;
        double amplitude = uniform(0.1, 3) * GB;
        double tau = uniform(tauMinLo, tauMinHi) * MIN;
        Series s = new Series(Math.max(240 * MIN, 6 * tau), base).noise(this);
        s.exponential(0, amplitude, tau);
        Long limit = random.nextBoolean() ? null : Math.round(base + amplitude * uniform(1.1, 3));
        String kind = reportOnly ? "plateau, tau 30-120 min" : "plateau";
        LabelledTrace t = s.noLeak(kind + " #" + i, kind, limit, reportOnly);
        return new LabelledTrace(t.name(), t.kind(), t.signal(), false, 0, 0, limit, t.values(), reportOnly, tau);
    }

    LabelledTrace sawtooth(int i) {
        double base = uniform(1, 4) * GB;
        double amplitude = uniform(0.1, 1) * GB;
        Series s = new Series(240 * MIN, base).noise(this);
        s.sawtooth(logUniform(10, 600), amplitude, this);
        Long limit = random.nextBoolean() ? null : Math.round(base + amplitude * uniform(4, 8));
        return s.noLeak("sawtooth #" + i, "sawtooth", limit, false);
    }

    LabelledTrace steps(int i) {
        double base = uniform(0.5, 4) * GB;
        Series s = new Series(240 * MIN, base).noise(this);
        int count = 1 + random.nextInt(3);
        for (int k = 0; k < count; k++) {
            s.step(uniform(5, 200) * MIN, logUniform(0.1, 16) * GB);
        }
        return s.noLeak("steps #" + i, "one-time steps", null, false);
    }

    LabelledTrace highWaterMark(int i) {
        double base = uniform(0.5, 4) * GB;
        Series s = new Series(240 * MIN, base).noise(this);
        double at = uniform(0.5, 2) * MIN;
        double size = uniform(20, 500) * MB;
        int count = 4 + random.nextInt(5);
        for (int k = 0; k < count && at < 240 * MIN; k++) {
            s.step(at, size);
            at *= 2;
            size *= uniform(0.5, 1);
        }
        return s.noLeak("high-water-mark pool #" + i, "high-water-mark pool", null, false);
    }

    LabelledTrace arenaSteps(int i) {
        double base = uniform(0.5, 4) * GB;
        Series s = new Series(240 * MIN, base).noise(this);
        int arenas = 2 + random.nextInt(15);
        double until = uniform(10, 30) * MIN;
        for (int k = 0; k < arenas; k++) {
            s.step(uniform(0, until), 64 * 1024 * 1024);
        }
        return s.noLeak("malloc arena steps #" + i, "malloc arena steps", null, false);
    }

    LabelledTrace thpQuantised(int i) {
        double base = uniform(0.5, 4) * GB;
        Series s = new Series(240 * MIN, base).noise(this);
        s.exponential(0, uniform(0.1, 1) * GB, uniform(1, 20) * MIN);
        s.quantise(2 * 1024 * 1024);
        return s.noLeak("THP quantised plateau #" + i, "THP quantisation", null, false);
    }

    LabelledTrace fileBackedWarmup(int i) {
        // page cache filling while a dataset is read: linear for an hour, then full; never alarmed on
        double base = uniform(0.1, 1) * GB;
        Series s = new Series(240 * MIN, base).noise(this);
        double until = uniform(30, 90) * MIN;
        s.linear(0, uniform(5, 100) * MB / MIN, until);
        LabelledTrace t = s.noLeak("file-backed warm-up #" + i, "file-backed warm-up", null, false);
        return new LabelledTrace(t.name(), t.kind(), "rss_file", false, 0, 0, null, t.values(), false, Double.NaN);
    }

    LabelledTrace noiseWithGaps(int i) {
        double base = uniform(0.5, 4) * GB;
        Series s = new Series(240 * MIN, base);
        s.ar1(uniform(2, 8) * MB, uniform(0.5, 0.95), this);
        s.gaps(0.05, 1 + random.nextInt(3), this);
        return s.noLeak("AR(1) noise with gaps #" + i, "AR(1) noise and gaps", null, false);
    }

    LabelledTrace logGrowth(int i) {
        double base = uniform(0.5, 4) * GB;
        Series s = new Series(360 * MIN, base).noise(this);
        s.logarithmic(uniform(0.1, 1) * GB, uniform(2, 20) * MIN);
        return s.noLeak("logarithmic growth #" + i, "logarithmic growth", null, true);
    }

    // ---- parameters --------------------------------------------------------------------------

    /** 1 to 100 MB/min, log-uniform, in bytes/s. */
    private double leakRate() {
        return logUniform(1, 100) * MB / MIN;
    }

    /**
     * Half the leaks get a limit 0.5 to 4 GB (log-uniform) above where the leak starts, as a
     * container limit or -XX:MaxDirectMemorySize would be: fast leaks then reach it in 5 to 40
     * minutes, which exercises the urgent path, and slow ones in hours.
     */
    private Long limitFor(Series s, double onset, double rate) {
        if (random.nextBoolean()) {
            return null;
        }
        return Math.round(s.valueAt(onset) + logUniform(0.5, 4) * GB);
    }

    /**
     * Like {@link #limitFor}, for a leak that follows a warm-up: as for the plateau family, the
     * warm-up alone levels off at most at 1/1.1 of the way from its base to the limit, so that it
     * never takes the process to the limit by itself.
     */
    private Long limitAbove(Series s, double onset, double rate, double base, double warmup) {
        Long limit = limitFor(s, onset, rate);
        return limit == null ? null : Math.max(limit, Math.round(base + 1.1 * warmup));
    }

    double uniform(double lo, double hi) {
        return lo + (hi - lo) * random.nextDouble();
    }

    double logUniform(double lo, double hi) {
        return Math.exp(uniform(Math.log(lo), Math.log(hi)));
    }

    double gaussian() {
        return random.nextGaussian();
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    /** A trace under construction: 1 Hz, components added on top of a base level. */
    static final class Series {
        final double[] v;

        Series(double seconds, double base) {
            v = new double[(int) seconds];
            java.util.Arrays.fill(v, base);
        }

        /** AR(1) noise typical of a service's resident memory: sigma 1-8 MB, phi 0.3-0.9. */
        Series noise(TraceGenerator g) {
            return ar1(g.uniform(1, 8) * MB, g.uniform(0.3, 0.9), g);
        }

        Series ar1(double sigma, double phi, TraceGenerator g) {
            double e = 0;
            double innovation = sigma * Math.sqrt(1 - phi * phi);
            for (int t = 0; t < v.length; t++) {
                e = phi * e + innovation * g.gaussian();
                v[t] += e;
            }
            return this;
        }

        void linear(double from, double rate) {
            linear(from, rate, v.length);
        }

        void linear(double from, double rate, double until) {
            for (int t = (int) Math.ceil(from); t < v.length; t++) {
                v[t] += rate * (Math.min(t, until) - from);
            }
        }

        void exponential(double from, double amplitude, double tau) {
            for (int t = (int) Math.ceil(from); t < v.length; t++) {
                v[t] += amplitude * (1 - Math.exp(-(t - from) / tau));
            }
        }

        void logarithmic(double scale, double c) {
            for (int t = 0; t < v.length; t++) {
                v[t] += scale * Math.log(1 + t / c);
            }
        }

        void step(double at, double size) {
            for (int t = (int) Math.ceil(at); t < v.length; t++) {
                v[t] += size;
            }
        }

        void staircase(double from, double every, double size) {
            for (double at = from + every; at < v.length; at += every) {
                step(at, size);
            }
        }

        /** Linear rises over each period, then a drop to the floor; periods jitter by up to 20%. */
        void sawtooth(double period, double amplitude, TraceGenerator g) {
            double start = 0;
            while (start < v.length) {
                double p = period * g.uniform(0.8, 1.2);
                for (int t = (int) Math.ceil(start); t < Math.min(v.length, start + p); t++) {
                    v[t] += amplitude * (t - start) / p;
                }
                start += p;
            }
        }

        void quantise(double quantum) {
            for (int t = 0; t < v.length; t++) {
                v[t] = Math.floor(v[t] / quantum) * quantum;
            }
        }

        /** Drops a share of samples at random, plus a few gaps of 1-10 minutes. */
        void gaps(double share, int longGaps, TraceGenerator g) {
            for (int t = 0; t < v.length; t++) {
                if (g.chance(share)) {
                    v[t] = Double.NaN;
                }
            }
            for (int k = 0; k < longGaps; k++) {
                int at = (int) g.uniform(0, v.length);
                int length = (int) g.uniform(60, 600);
                for (int t = at; t < Math.min(v.length, at + length); t++) {
                    v[t] = Double.NaN;
                }
            }
        }

        double valueAt(double t) {
            return v[(int) Math.min(v.length - 1, Math.max(0, t))];
        }

        /** The trace, cut where it reaches {@code limit}: a process that hits its limit is killed. */
        LabelledTrace leak(String name, String kind, double rate, double onset, Long limit) {
            return new LabelledTrace(name, kind, "rss_anon", true, rate, onset, limit, cut(limit), false, Double.NaN);
        }

        LabelledTrace noLeak(String name, String kind, Long limit, boolean reportOnly) {
            return new LabelledTrace(name, kind, "rss_anon", false, 0, 0, limit, cut(limit), reportOnly, Double.NaN);
        }

        private double[] cut(Long limit) {
            if (limit == null) {
                return v;
            }
            for (int t = 0; t < v.length; t++) {
                if (v[t] >= limit) {
                    return java.util.Arrays.copyOf(v, t);
                }
            }
            return v;
        }
    }
}
