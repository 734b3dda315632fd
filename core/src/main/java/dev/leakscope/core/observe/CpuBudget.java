package dev.leakscope.core.observe;

import dev.leakscope.core.sample.Notice;
import dev.leakscope.core.unit.Units;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Keeps sampling within a share of one core: over each minute it compares the CPU time the
 * sampling thread used with the wall time, and when the share is over budget it doubles the
 * interval (up to a minute) and says so. Called on the sampling thread after each tick.
 */
final class CpuBudget {

    /** The span over which the share is measured. */
    static final Duration SPAN = Duration.ofMinutes(1);
    private static final Duration SLOWEST = Duration.ofMinutes(1);

    private final double share;
    private final long spanNanos;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long spanStartNanos = -1;
    private long spanStartCpu;

    /** @param share the most of one core sampling may use, e.g. 0.02 */
    CpuBudget(double share) {
        this(share, SPAN);
    }

    CpuBudget(double share, Duration span) {
        this.share = share;
        this.spanNanos = span.toNanos();
    }

    /**
     * Accounts one tick; returns the interval to use from now on, or {@code null} to keep
     * {@code current}. {@code notice} receives the one line that explains a slow-down.
     */
    Duration afterTick(Duration current, Consumer<Notice> notice) {
        if (!threads.isCurrentThreadCpuTimeSupported()) {
            return null;
        }
        long now = System.nanoTime();
        long cpu = threads.getCurrentThreadCpuTime();
        if (spanStartNanos < 0) {
            spanStartNanos = now;
            spanStartCpu = cpu;
            return null;
        }
        long wall = now - spanStartNanos;
        if (wall < spanNanos) {
            return null;
        }
        double used = (double) (cpu - spanStartCpu) / wall;
        spanStartNanos = now;
        spanStartCpu = cpu;
        if (used <= share || current.compareTo(SLOWEST) >= 0) {
            return null;
        }
        Duration slower = current.multipliedBy(2).compareTo(SLOWEST) > 0 ? SLOWEST : current.multipliedBy(2);
        notice.accept(new Notice(Notice.Level.WARN, String.format(Locale.ROOT,
                "sampling used %.2f%% of a core over the last minute (budget %.2f%%): sampling every %s instead of every %s",
                100 * used, 100 * share, Units.formatDuration(slower), Units.formatDuration(current)), null));
        return slower;
    }
}
