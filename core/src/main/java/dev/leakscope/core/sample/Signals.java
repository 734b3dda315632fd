package dev.leakscope.core.sample;

import java.util.List;
import java.util.Set;

/**
 * The fixed signal names of DESIGN.md. Every value is in bytes unless {@link #isCount} says it is
 * a count. These names are part of the public event contract: never rename one.
 */
public final class Signals {

    // /proc/<pid>/status, every tick
    public static final String RSS = "rss";
    public static final String RSS_ANON = "rss_anon";
    public static final String RSS_FILE = "rss_file";
    public static final String RSS_SHMEM = "rss_shmem";
    public static final String SWAP = "swap";

    // /proc/<pid>/smaps_rollup, rarely
    public static final String USS = "uss";
    public static final String PSS = "pss";
    public static final String PSS_ANON = "pss_anon";
    public static final String ANON_HUGE = "anon_huge";

    // the process's memory cgroup
    public static final String CGROUP_CURRENT = "cgroup_current";
    public static final String CGROUP_OOM_KILLS = "cgroup_oom_kills";

    // the JVM itself (only when sampling our own process)
    public static final String HEAP_USED = "heap_used";
    public static final String HEAP_COMMITTED = "heap_committed";
    public static final String HEAP_AFTER_GC = "heap_after_gc";
    public static final String METASPACE = "metaspace";
    public static final String DIRECT_BUFFERS = "direct_buffers";
    public static final String MAPPED_BUFFERS = "mapped_buffers";
    public static final String NMT_COMMITTED = "nmt_committed";

    // NVML
    public static final String VRAM_PROCESS = "vram_process";
    public static final String VRAM_DEVICE_USED = "vram_device_used";
    public static final String VRAM_DEVICE_TOTAL = "vram_device_total";

    // the agent's iteration markers (docs/phases.md): a count, the clock that per-iteration growth is measured against
    public static final String ITERATIONS = "iterations";

    /** Prefix of per-allocation-site signals, {@code site:<id>}. */
    public static final String SITE_PREFIX = "site:";

    /** Every process-level signal, in the order events list them. */
    public static final List<String> ALL = List.of(RSS, RSS_ANON, RSS_FILE, RSS_SHMEM, SWAP, USS, PSS, PSS_ANON,
            ANON_HUGE, CGROUP_CURRENT, CGROUP_OOM_KILLS, HEAP_USED, HEAP_COMMITTED, HEAP_AFTER_GC, METASPACE,
            DIRECT_BUFFERS, MAPPED_BUFFERS, NMT_COMMITTED, VRAM_PROCESS, VRAM_DEVICE_USED, VRAM_DEVICE_TOTAL,
            ITERATIONS);

    private static final Set<String> COUNTS = Set.of(CGROUP_OOM_KILLS, ITERATIONS);

    /**
     * Signals a leak verdict may be drawn from (DESIGN.md): anonymous memory and the runtimes' own
     * pools. File-backed and shared memory, totals that include them, and the heap before
     * collection are reported but never alarmed on.
     */
    private static final Set<String> ALARMS = Set.of(RSS_ANON, USS, PSS_ANON, HEAP_AFTER_GC, DIRECT_BUFFERS, METASPACE,
            NMT_COMMITTED, VRAM_PROCESS);

    /** Signals that are configuration or counts rather than memory that can leak. */
    private static final Set<String> NOT_DETECTED = Set.of(CGROUP_OOM_KILLS, HEAP_COMMITTED, VRAM_DEVICE_TOTAL,
            ITERATIONS);

    private Signals() {
    }

    /** Whether the signal counts events rather than measuring bytes. */
    public static boolean isCount(String signal) {
        return COUNTS.contains(signal);
    }

    /** Whether a leak verdict may be drawn from {@code signal}; sites always may. */
    public static boolean alarms(String signal) {
        return ALARMS.contains(signal) || signal.startsWith(SITE_PREFIX);
    }

    /** Whether the growth detector runs on {@code signal} at all. */
    public static boolean detected(String signal) {
        return !NOT_DETECTED.contains(signal);
    }

    /** Whether {@code name} is a known signal or a site signal. */
    public static boolean isKnown(String name) {
        return ALL.contains(name) || name.startsWith(SITE_PREFIX);
    }
}
