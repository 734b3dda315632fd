package dev.leakscope.core.jvm;

import com.sun.management.GarbageCollectorMXBean;
import com.sun.management.GcInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;

/**
 * This JVM's old-generation pool and the collectors that cover it, found among its MXBeans by the
 * rules of {@link OldGenCollections}. Shared by heap_after_gc on the tick and by the JUnit
 * extension's reading after {@code System.gc()}.
 */
public final class OldGeneration {

    /** Why this JVM's old generation cannot be read: no such pool, or no collector that reports it. */
    public static final class Missing extends Exception {
        private static final long serialVersionUID = 1L;

        Missing(String reason) {
            super(reason);
        }
    }

    private final MemoryPoolMXBean pool;
    private final List<GarbageCollectorMXBean> collectors;
    private final boolean partlyCovered;

    private OldGeneration(MemoryPoolMXBean pool, List<GarbageCollectorMXBean> collectors, boolean partlyCovered) {
        this.pool = pool;
        this.collectors = collectors;
        this.partlyCovered = partlyCovered;
    }

    /** The old generation of this JVM, or {@link Missing} naming what it lacks. */
    public static OldGeneration find() throws Missing {
        List<MemoryPoolMXBean> heapPools = new ArrayList<>();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                heapPools.add(p);
            }
        }
        List<String> names = heapPools.stream().map(MemoryPoolMXBean::getName).toList();
        String oldPool = OldGenCollections.oldPool(names);
        if (oldPool == null) {
            throw new Missing("no old-generation pool among " + names);
        }
        List<GarbageCollectorMXBean> collectors = new ArrayList<>();
        boolean partlyCovered = false;
        for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (OldGenCollections.coversOld(gc.getName()) && gc instanceof GarbageCollectorMXBean withInfo) {
                collectors.add(withInfo);
            } else {
                partlyCovered |= OldGenCollections.coversOldInPart(gc.getName());
            }
        }
        if (collectors.isEmpty()) {
            throw new Missing("no collector of the old generation (" + oldPool
                    + ") reports its collections in this JVM (no com.sun.management.GcInfo)");
        }
        return new OldGeneration(heapPools.get(names.indexOf(oldPool)), collectors, partlyCovered);
    }

    public String poolName() {
        return pool.getName();
    }

    /** The collectors whose every collection covers the old generation. */
    public List<GarbageCollectorMXBean> collectors() {
        return collectors;
    }

    /** Whether a collector covers the old generation in part (G1's mixed collections). */
    public boolean partlyCovered() {
        return partlyCovered;
    }

    /** The pool's usage after the latest of these collectors' last collections; null when none has collected. */
    public Long usedAfterLatest(List<GarbageCollectorMXBean> of) {
        Long used = null;
        long latestEnd = Long.MIN_VALUE;
        for (GarbageCollectorMXBean gc : of) {
            GcInfo info = gc.getLastGcInfo();
            MemoryUsage after = info == null ? null : info.getMemoryUsageAfterGc().get(pool.getName());
            if (after != null && info.getEndTime() > latestEnd) {
                latestEnd = info.getEndTime();
                used = after.getUsed();
            }
        }
        return used;
    }

    /**
     * The pool's usage after the latest collection that covered it, as the JVM keeps it; -1 when it
     * keeps none. Where a collector covers the pool in part, only such collections update it.
     */
    public long collectionUsage() {
        MemoryUsage u = pool.getCollectionUsage();
        return u == null ? -1 : u.getUsed();
    }
}
