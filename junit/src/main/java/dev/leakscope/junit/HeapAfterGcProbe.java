package dev.leakscope.junit;

import com.sun.management.GcInfo;
import dev.leakscope.core.jvm.OldGenCollections;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;

/**
 * heap_after_gc as core defines it, the old generation right after a collection that covered it,
 * read from the collectors' own report of their latest collection ({@link GcInfo}) rather than from
 * the heap's current usage: what the test thread allocates after {@code System.gc()} returns (a
 * fresh TLAB counts whole in G1's usage) must not count.
 */
final class HeapAfterGcProbe implements Probe {

    private final String oldPool;
    /** The collectors whose every collection covers the old generation, as System.gc()'s does. */
    private final List<com.sun.management.GarbageCollectorMXBean> collectors;

    private HeapAfterGcProbe(String oldPool, List<com.sun.management.GarbageCollectorMXBean> collectors) {
        this.oldPool = oldPool;
        this.collectors = collectors;
    }

    static HeapAfterGcProbe open() throws Unavailable {
        List<String> heapPools = new ArrayList<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
        String oldPool = OldGenCollections.oldPool(heapPools);
        if (oldPool == null) {
            throw new Unavailable("no old-generation pool among " + heapPools);
        }
        List<com.sun.management.GarbageCollectorMXBean> collectors = new ArrayList<>();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (OldGenCollections.coversOld(gc.getName()) && gc instanceof com.sun.management.GarbageCollectorMXBean withInfo) {
                collectors.add(withInfo);
            }
        }
        if (collectors.isEmpty()) {
            throw new Unavailable("no collector of the old generation (" + oldPool
                    + ") reports its collections in this JVM (no com.sun.management.GcInfo)");
        }
        return new HeapAfterGcProbe(oldPool, collectors);
    }

    @Override
    public long read() {
        GcInfo latest = null;
        for (com.sun.management.GarbageCollectorMXBean gc : collectors) {
            GcInfo info = gc.getLastGcInfo();
            if (info != null && (latest == null || info.getEndTime() > latest.getEndTime())) {
                latest = info;
            }
        }
        if (latest == null) {
            throw new IllegalStateException("no collection of " + oldPool + " has happened (expected: System.gc() to run one)");
        }
        return latest.getMemoryUsageAfterGc().get(oldPool).getUsed();
    }
}
