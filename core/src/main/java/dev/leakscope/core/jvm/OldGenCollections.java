package dev.leakscope.core.jvm;

import java.util.List;
import java.util.Locale;

/**
 * Decides which garbage collectors' collections cover the old generation, and so give an honest
 * floor of the live heap. A young collection that promotes garbage raises old-generation usage
 * without telling anything about leaks, so it must not count.
 *
 * <ul>
 * <li>Full and old collectors count: G1 Old Generation, PS MarkSweep, MarkSweepCompact, ZGC
 * Cycles / Major Cycles, Shenandoah Cycles, and G1's concurrent cycle (JDK 20+).</li>
 * <li>G1 mixed collections are counted under "G1 Young Generation" like young ones: that collector
 * covers the old generation in part, and G1 updates the old pool's collection usage only for its
 * mixed collections (checked on JDK 17 and 25, docs/benchmarks.md).</li>
 * <li>Pause beans (ZGC Pauses, Shenandoah Pauses) and young collectors never count; generational
 * ZGC's minor cycles update the old pool's collection usage, so only its major cycles' own figures
 * are read.</li>
 * </ul>
 */
public final class OldGenCollections {

    private static final List<String> OLD_POOL_MARKERS = List.of("old", "tenured");
    private static final String G1_YOUNG = "g1 young generation";

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

    /** Whether every collection by the collector named {@code gcName} covers the old generation. */
    public static boolean coversOld(String gcName) {
        String name = gcName.toLowerCase(Locale.ROOT);
        if (name.contains("pauses") || name.contains("minor") || name.equals(G1_YOUNG) || name.equals("ps scavenge")
                || name.equals("copy") || name.equals("parnew")) {
            return false;
        }
        return name.contains("old") || name.contains("marksweep") || name.contains("major")
                || name.contains("cycles") || name.contains("concurrent");
    }

    /**
     * Whether some collections by the collector named {@code gcName} cover the old generation in
     * part (G1's mixed collections), told apart by the old pool's collection usage changing.
     */
    public static boolean coversOldInPart(String gcName) {
        return gcName.toLowerCase(Locale.ROOT).equals(G1_YOUNG);
    }
}
