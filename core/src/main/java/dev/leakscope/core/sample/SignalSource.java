package dev.leakscope.core.sample;

import java.time.Duration;
import java.util.List;

/**
 * One place signals come from: {@code /proc/<pid>/status}, {@code smaps_rollup}, the cgroup, the
 * JVM's MXBeans, NVML. Called only from the sampling thread.
 */
public interface SignalSource {

    /** A short name for notices, e.g. {@code "smaps_rollup"}. */
    String name();

    /** The signals this source can produce when everything is present. */
    List<String> signals();

    /**
     * Checks once, at start, which of {@link #signals()} it can really produce and why not the
     * others. Never throws.
     */
    Availability probe();

    /**
     * Whether its first read waits for the second tick: for a source whose first read is slow
     * (NVML loads JNA and initialises the driver), so that it stays off the path to the first sample.
     */
    default boolean deferFirstRead() {
        return false;
    }

    /** How often to read it; {@link Duration#ZERO} means on every tick. */
    default Duration period() {
        return Duration.ZERO;
    }

    /**
     * Reads the current values into {@code out}. May throw: the sampler reports the failure once as a
     * notice and turns this source off. {@link dev.leakscope.core.proc.ProcessGoneException} ends
     * sampling instead.
     */
    void read(Sample.Builder out) throws Exception;

    /** Releases what the source holds (NVML's handle, GC listeners). Never throws. */
    default void close() {
    }
}
