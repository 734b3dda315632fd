package dev.leakscope.core.mark;

import dev.leakscope.core.sample.Signals;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A declared cleanup block ({@code LeakScope.expectFreed("VLM", "14GB")}, or a method named in the
 * {@code cleanup} option): read once when it begins and once when it ends, and judged on whether it
 * freed what it was expected to (docs/phases.md). Begun and ended on the sampling thread.
 */
public final class CleanupCheck {

    /**
     * What the process holds at one point.
     *
     * @param values            the latest value of every signal
     * @param siteBytes         live bytes per allocation site id
     * @param trackedFreedBytes bytes the tracked libraries have released so far (all kinds, counted once)
     */
    public record Reading(Map<String, Long> values, Map<String, Long> siteBytes, long trackedFreedBytes) {
    }

    /**
     * The {@code cleanup} event's content.
     *
     * @param keptBy         signal (or site id) to the bytes it holds at the end over what it held at the start
     * @param pageCacheBytes what of that is {@code rss_file}: page cache the kernel reclaims, never a leak
     */
    public record Result(String label, double t, double seconds, long expectedBytes, long freedBytes, boolean ok,
                         Map<String, Long> keptBy, long pageCacheBytes) {
    }

    /**
     * A check passes when it freed at least this share of what was expected short of it: an
     * expectation such as "14GB" is a round figure, and allocators keep some slack.
     */
    public static final double SLACK = 0.10;

    /**
     * What {@code rss_anon} moves by on its own within a block, whatever the block does: malloc
     * trims, thread stacks, code cache. A drop counts as freed only beyond it, so that a block
     * that freed nothing is never passed for noise (seen: 1.7 MiB in a block that kept 2 MiB).
     */
    public static final long ANON_NOISE_BYTES = 8L << 20;

    /** The process signals {@code kept_by} covers, besides the sites. */
    public static final List<String> KEPT_SIGNALS = List.of(Signals.RSS_ANON, Signals.RSS_FILE, Signals.HEAP_AFTER_GC,
            Signals.DIRECT_BUFFERS, Signals.VRAM_PROCESS);

    private final String label;
    private final long expectedBytes;
    private double startT;
    private Reading start;

    public CleanupCheck(String label, long expectedBytes) {
        if (expectedBytes < 0) {
            throw new IllegalArgumentException("expected bytes of cleanup " + label + ": " + expectedBytes + " (expected: >= 0)");
        }
        this.label = label;
        this.expectedBytes = expectedBytes;
    }

    public String label() {
        return label;
    }

    /** The block begins: what it is measured against. */
    public void begin(double t, Reading reading) {
        this.startT = t;
        this.start = reading;
    }

    /** Whether {@link #begin} has read the start (a failed first read leaves nothing to compare). */
    public boolean begun() {
        return start != null;
    }

    /**
     * The block has ended. Freed is the larger of two views of the same memory, plus GPU memory:
     * what the OS sees ({@code rss_anon} dropping) and what the tracked libraries released (their
     * freed bytes). Each alone misses some: glibc keeps freed memory mapped, so {@code rss_anon}
     * need not drop, and memory no tracked library allocated shows in {@code rss_anon} only. The
     * OS's view leaves out what the JVM's heap gave back ({@code heap_committed} dropping: the
     * collector shrinking the heap, not the block) and {@link #ANON_NOISE_BYTES}.
     */
    public Result end(double t, Reading end) {
        if (start == null) {
            throw new IllegalStateException("cleanup " + label + " ended before it began");
        }
        long anonDrop = Math.max(0, drop(Signals.RSS_ANON, end) - drop(Signals.HEAP_COMMITTED, end) - ANON_NOISE_BYTES);
        long trackedFreed = Math.max(0, end.trackedFreedBytes() - start.trackedFreedBytes());
        long freed = Math.max(anonDrop, trackedFreed) + drop(Signals.VRAM_PROCESS, end);
        Map<String, Long> kept = new LinkedHashMap<>();
        for (String signal : KEPT_SIGNALS) {
            putGrowth(kept, signal, start.values().get(signal), end.values().get(signal));
        }
        end.siteBytes().forEach((site, bytes) -> putGrowth(kept, site, start.siteBytes().getOrDefault(site, 0L), bytes));
        boolean ok = freed >= Math.round(expectedBytes * (1 - SLACK));
        return new Result(label, t, Math.max(0, t - startT), expectedBytes, freed, ok, kept,
                kept.getOrDefault(Signals.RSS_FILE, 0L));
    }

    private long drop(String signal, Reading end) {
        Long before = start.values().get(signal);
        Long after = end.values().get(signal);
        return before == null || after == null ? 0 : Math.max(0, before - after);
    }

    private static void putGrowth(Map<String, Long> into, String name, Long before, Long after) {
        if (before != null && after != null && after > before) {
            into.put(name, after - before);
        }
    }
}
