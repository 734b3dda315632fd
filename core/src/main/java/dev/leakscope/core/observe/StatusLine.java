package dev.leakscope.core.observe;

import dev.leakscope.core.detect.Finding;
import dev.leakscope.core.event.SignalStats;
import dev.leakscope.core.sample.Signals;
import dev.leakscope.core.unit.Units;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one-line live view {@code watch} shows on a terminal: elapsed time, then each headline
 * signal's current value and its change since start.
 */
public final class StatusLine {

    /** The signals worth a glance, in order; absent ones are skipped. */
    static final List<String> HEADLINE = List.of(Signals.RSS, Signals.RSS_ANON, Signals.USS,
            Signals.CGROUP_CURRENT, Signals.VRAM_PROCESS);

    private StatusLine() {
    }

    /** The line; with a growing signal ({@code worst}), its verdict and rate at the end. */
    public static String render(int pid, double t, Map<String, SignalStats> stats, Finding worst) {
        String line = render(pid, t, stats);
        return worst == null ? line : line + "  " + worst.verdict().json().toUpperCase(Locale.ROOT)
                + " " + worst.signal() + " " + worst.message();
    }

    public static String render(int pid, double t, Map<String, SignalStats> stats) {
        StringBuilder line = new StringBuilder("pid ").append(pid).append("  ")
                .append(Units.formatDuration(Duration.ofMillis(Math.round(t * 1000))));
        for (String signal : HEADLINE) {
            SignalStats s = stats.get(signal);
            if (s != null && s.count() > 0) {
                line.append("  ").append(signal).append(' ').append(Units.formatBytes(s.last()))
                        .append(" (").append(Units.formatDelta(s.change())).append(')');
            }
        }
        return line.toString();
    }
}
