package dev.leakscope.core.jvm;

import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decides which garbage collections covered the old generation, and so give an honest floor of the
 * live heap. A young collection that promotes garbage raises old-generation usage without telling
 * anything about leaks, so it must not count.
 *
 * <ul>
 * <li>Full and old collectors count: G1 Old Generation, PS MarkSweep, MarkSweepCompact, ZGC
 * Cycles / Major Cycles, Shenandoah Cycles, and G1's concurrent cycle (JDK 20+).</li>
 * <li>G1 mixed collections are reported under "G1 Young Generation" like young ones; they count
 * when the old generation shrank, which a purely young collection never does.</li>
 * <li>Pause beans (ZGC Pauses, Shenandoah Pauses) and young collectors never count.</li>
 * </ul>
 */
public final class OldGenCollections {

    private static final List<String> OLD_POOL_MARKERS = List.of("old", "tenured");

    private OldGenCollections() {
    }

    /**
     * The old-generation pool among {@code heapPools}: the one named Old or Tenured, or the single
     * heap pool of a collector that has only one (non-generational ZGC, Shenandoah).
     */
    public static String oldPool(List<String> heapPools) {
        for (String pool : heapPools) {
            String lower = pool.toLowerCase(Locale.ROOT);
            if (OLD_POOL_MARKERS.stream().anyMatch(lower::contains)) {
                return pool;
            }
        }
        return heapPools.size() == 1 ? heapPools.get(0) : null;
    }

    /** Whether the collection named {@code gcName}, with these before/after usages, covered {@code oldPool}. */
    public static boolean coversOld(String gcName, String oldPool, Map<String, MemoryUsage> before,
                                    Map<String, MemoryUsage> after) {
        String name = gcName.toLowerCase(Locale.ROOT);
        if (name.contains("pauses") || !after.containsKey(oldPool)) {
            return false;
        }
        if (name.contains("minor") || name.equals("ps scavenge") || name.equals("copy") || name.equals("parnew")) {
            return false;
        }
        if (name.equals("g1 young generation")) {
            MemoryUsage b = before.get(oldPool);
            return b != null && after.get(oldPool).getUsed() < b.getUsed();
        }
        return name.contains("old") || name.contains("marksweep") || name.contains("major")
                || name.contains("cycles") || name.contains("concurrent");
    }
}
