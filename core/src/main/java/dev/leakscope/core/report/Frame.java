package dev.leakscope.core.report;

/**
 * A chart's plot area and its two scales: time across, the signal's amount up. The y range is
 * widened to round marks; it starts at zero unless the signal stays in its upper half, where a
 * zero baseline would flatten a sawtooth or a plateau into a line.
 */
final class Frame {

    static final int WIDTH = 1000;
    static final int HEIGHT = 200;
    static final int LEFT = 76;
    /** Room on the right for half the last time label. */
    static final int RIGHT = WIDTH - 28;
    static final int TOP = 10;
    static final int BOTTOM = HEIGHT - 22;
    /** Target number of marks on each axis. */
    private static final int MARKS = 5;

    final double t0;
    final double t1;
    final double v0;
    final double v1;
    private final double timeStep;
    private final double amountStep;
    private final boolean count;

    private Frame(double t0, double t1, double v0, double v1, double amountStep, boolean count) {
        this.t0 = t0;
        this.t1 = t1;
        this.v0 = v0;
        this.v1 = v1;
        this.timeStep = Ticks.timeStep(t0, t1, MARKS + 3);
        this.amountStep = amountStep;
        this.count = count;
    }

    /** Pixel columns of the plot: the resolution downsampling aims at. */
    static int columns() {
        return RIGHT - LEFT;
    }

    /** A frame over [t0, t1] that holds the amounts from {@code min} to {@code max}. */
    static Frame of(double t0, double t1, double min, double max, boolean count) {
        double end = t1 > t0 ? t1 : t0 + 1;
        double lo = min >= 0 && min <= max / 2 ? 0 : min;
        double hi = max > lo ? max : lo + Math.max(count ? 1 : 1024, Math.abs(lo) * 0.1);
        double step = Ticks.amountStep(lo, hi, count, MARKS - 1);
        return new Frame(t0, end, Math.floor(lo / step) * step, Math.ceil(hi / step) * step, step, count);
    }

    double x(double t) {
        return LEFT + (t - t0) / (t1 - t0) * (RIGHT - LEFT);
    }

    double y(double v) {
        return BOTTOM - (v - v0) / (v1 - v0) * (BOTTOM - TOP);
    }

    boolean holds(double v) {
        return v >= v0 && v <= v1;
    }

    /** Grid lines and their labels, under everything else. */
    void axes(Svg svg) {
        for (Tick tick : Ticks.at(v0, v1, amountStep, v -> Format.amount(v, count))) {
            double y = y(tick.value());
            svg.line("grid", LEFT, y, RIGHT, y, null).label("axis", LEFT - 6, y + 4, "end", tick.label());
        }
        for (Tick tick : Ticks.at(t0, t1, timeStep, Format::duration)) {
            double x = x(tick.value());
            svg.line("grid", x, TOP, x, BOTTOM, null).label("axis", x, HEIGHT - 6, "middle", tick.label());
        }
    }

    /** The attributes that let the page's script turn a pointer position back into a time and an amount. */
    String scaleAttributes() {
        StringBuilder out = new StringBuilder();
        new Svg(out).raw("data-x=\"").num(LEFT).raw(" ").num(RIGHT).raw(" ").raw(Double.toString(t0)).raw(" ")
                .raw(Double.toString(t1)).raw("\" data-y=\"").num(BOTTOM).raw(" ").num(TOP).raw(" ")
                .raw(Double.toString(v0)).raw(" ").raw(Double.toString(v1)).raw("\" data-count=\"")
                .raw(count ? "1" : "0").raw("\"");
        return out.toString();
    }
}
