package dev.leakscope.core.detect;

import dev.leakscope.core.unit.Units;
import java.time.Duration;

/**
 * What the detector concluded about one signal at trace time {@code t}: the verdict, the growth
 * rate with its confidence interval, and where that leads.
 *
 * @param rate          bytes per second over {@code window} (the Theil–Sen slope of the floor)
 * @param low           lower end of the rate's 95% interval
 * @param high          upper end of the rate's 95% interval
 * @param window        seconds of history the verdict rests on
 * @param current       the signal's latest value
 * @param limit         the limit it grows towards, or {@code null}
 * @param timeToLimit   seconds until {@code limit} at {@code rate}, or {@code null}
 * @param alarmed       whether this signal can raise a leak alarm at all (rss_file never does)
 */
public record Finding(String signal, double t, Verdict verdict, double rate, double low, double high, double window,
                      long current, Long limit, Double timeToLimit, boolean alarmed) {

    /** One line for people, e.g. "leaking at 9.80 MiB/s, limit in 6m01s" or "warm-up, now a plateau: no leak". */
    public String message() {
        switch (verdict) {
            case LEAK:
                return "leaking at " + Units.formatRate(rate) + limitText();
            case GROWTH_SUSPECTED:
                return "growing at " + Units.formatRate(rate) + limitText()
                        + (alarmed ? ": not yet proven to persist" : ": " + signal + " is never alarmed on");
            case PLATEAU:
                return "warm-up, now a plateau: no leak";
            case SAWTOOTH:
                return "sawtooth around a flat floor: no leak";
            case STEP:
                return "one-time step, then flat: no leak";
            default:
                return "stable";
        }
    }

    private String limitText() {
        if (limit == null) {
            return "";
        }
        if (timeToLimit == null) {
            return " (limit " + Units.formatBytes(limit) + ")";
        }
        return ", limit " + Units.formatBytes(limit) + " in " + Units.formatDuration(Duration.ofMillis(Math.round(timeToLimit * 1000)));
    }
}
