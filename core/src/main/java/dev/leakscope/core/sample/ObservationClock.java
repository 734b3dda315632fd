package dev.leakscope.core.sample;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The time base of one observation: {@code t} is seconds since it started, on a monotonic clock;
 * {@code time} is wall-clock UTC. Every event of a run takes both from here.
 */
public final class ObservationClock {
    private final long startNanos;
    private final Clock wall;
    private final long startEpochMillis;

    private ObservationClock(long startNanos, Clock wall) {
        this.startNanos = startNanos;
        this.wall = wall;
        this.startEpochMillis = wall.millis();
    }

    /** A clock for replaying a trace: {@code t = 0} is at wall-clock {@code startEpochMillis}. */
    public static ObservationClock replay(long startEpochMillis) {
        return new ObservationClock(System.nanoTime(), Clock.fixed(Instant.ofEpochMilli(startEpochMillis), ZoneOffset.UTC));
    }

    /** A clock whose {@code t = 0} is now. */
    public static ObservationClock startNow() {
        return new ObservationClock(System.nanoTime(), Clock.systemUTC());
    }

    /** Seconds since start, rounded to the millisecond. */
    public double t() {
        return tAt(System.nanoTime());
    }

    /** {@code t} of a {@link System#nanoTime()} reading. */
    public double tAt(long nanoTime) {
        return Math.round((nanoTime - startNanos) / 1e6) / 1e3;
    }

    /** Wall-clock milliseconds at observation time {@code t}. */
    public long epochMillisAt(double t) {
        return startEpochMillis + Math.round(t * 1000);
    }

    public Instant now() {
        return wall.instant();
    }

    public long epochMillis() {
        return wall.millis();
    }
}
