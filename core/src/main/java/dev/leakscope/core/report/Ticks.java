package dev.leakscope.core.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;

/**
 * Round axis marks: time in steps a person counts in (10 s, 5 min, 1 h), bytes in 1, 2 or 5 times
 * a power of ten of the binary unit that fits (100 MiB, 500 MiB), so each label reads cleanly.
 */
final class Ticks {

    private static final double[] TIME_STEPS = {0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800,
            3600, 7200, 10800, 21600, 43200, 86400};

    private Ticks() {
    }

    static double timeStep(double t0, double t1, int target) {
        double raw = (t1 - t0) / Math.max(1, target);
        for (double step : TIME_STEPS) {
            if (step >= raw) {
                return step;
            }
        }
        return 86400 * roundUp(raw / 86400);
    }

    /** The step for an amount axis over [lo, hi]: bytes in their binary unit, counts in whole numbers. */
    static double amountStep(double lo, double hi, boolean count, int target) {
        double unit = count ? 1 : binaryUnit(Math.max(Math.abs(lo), Math.abs(hi)));
        double step = roundUp((hi - lo) / Math.max(1, target) / unit) * unit;
        return count ? Math.max(1, step) : step;
    }

    /** Marks at each multiple of {@code step} within [lo, hi]. */
    static List<Tick> at(double lo, double hi, double step, DoubleFunction<String> label) {
        List<Tick> ticks = new ArrayList<>();
        for (long k = (long) Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++) {
            ticks.add(new Tick(k * step, label.apply(k * step)));
        }
        return ticks;
    }

    /** The smallest of 1, 2 or 5 times a power of ten that is at least {@code raw}. */
    static double roundUp(double raw) {
        if (!(raw > 0) || Double.isInfinite(raw)) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * power >= raw * (1 - 1e-12)) {
                return m * power;
            }
        }
        return 10 * power;
    }

    private static double binaryUnit(double magnitude) {
        double unit = 1;
        while (unit * 1024 <= magnitude) {
            unit *= 1024;
        }
        return unit;
    }
}
