package dev.leakscope.core.jvm;

import com.sun.management.GcInfo;
import dev.leakscope.core.sample.Availability;
import dev.leakscope.core.sample.Sample;
import dev.leakscope.core.sample.SignalSource;
import dev.leakscope.core.sample.Signals;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;

/**
 * heap_after_gc: the old generation's usage right after a collection that covered it (see
 * {@link OldGenCollections}), read on the tick. A value appears in the tick after such a
 * collection and is absent otherwise, so every value is a real observation of the live set.
 * <p>
 * Why polled and not told by GC notifications: a listener makes the JVM build a notification and
 * its {@code GcInfo} in Java on the notification thread for every collection, young ones
 * included, several a second in an allocating service (about 0.2% of an ONNX Runtime inference
 * loop, docs/benchmarks.md). Polling costs a few counter reads a tick, and the collector's own
 * figures only after a collection that covered the old generation.
 */
public final class HeapAfterGcSource implements SignalSource {

    private static final List<String> SIGNALS = List.of(Signals.HEAP_AFTER_GC);

    /** A collector whose every collection covers the old generation, and how many it had made when last read. */
    private static final class OldCollector {
        final com.sun.management.GarbageCollectorMXBean bean;
        long seen;

        OldCollector(com.sun.management.GarbageCollectorMXBean bean) {
            this.bean = bean;
            this.seen = bean.getCollectionCount();
        }
    }

    private final List<OldCollector> oldCollectors = new ArrayList<>();
    /** The old pool, where a collector covers it in part (G1's mixed collections); else null. */
    private MemoryPoolMXBean partlyCoveredPool;
    private long seenCollectionUsage;
    private String oldPool;

    @Override
    public String name() {
        return "old-generation collections";
    }

    @Override
    public List<String> signals() {
        return SIGNALS;
    }

    @Override
    public Availability probe() {
        close(); // a second probe starts afresh
        List<MemoryPoolMXBean> heapPools = new ArrayList<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool);
            }
        }
        List<String> names = heapPools.stream().map(MemoryPoolMXBean::getName).toList();
        oldPool = OldGenCollections.oldPool(names);
        if (oldPool == null) {
            return Availability.none(SIGNALS, "no old-generation pool among " + names);
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (OldGenCollections.coversOld(gc.getName()) && gc instanceof com.sun.management.GarbageCollectorMXBean withInfo) {
                oldCollectors.add(new OldCollector(withInfo));
            } else if (OldGenCollections.coversOldInPart(gc.getName())) {
                partlyCoveredPool = heapPools.stream().filter(p -> p.getName().equals(oldPool)).findFirst().orElse(null);
                seenCollectionUsage = collectionUsage(partlyCoveredPool);
            }
        }
        return oldCollectors.isEmpty() ? Availability.none(SIGNALS, "no collector of the old generation (" + oldPool
                + ") reports its collections in this JVM") : Availability.of(SIGNALS);
    }

    @Override
    public void read(Sample.Builder out) {
        Long fromOldCollector = latestOldCollection();
        Long fromPartial = latestPartialCollection();
        Long value = fromOldCollector != null ? fromOldCollector : fromPartial;
        if (value != null) {
            out.put(Signals.HEAP_AFTER_GC, value);
        }
    }

    /** The old pool after the latest collection by an old collector since the last tick, or null. */
    private Long latestOldCollection() {
        Long value = null;
        long latestEnd = Long.MIN_VALUE;
        for (OldCollector c : oldCollectors) {
            long count = c.bean.getCollectionCount();
            if (count == c.seen) {
                continue;
            }
            c.seen = count;
            GcInfo info = c.bean.getLastGcInfo();
            MemoryUsage after = info == null ? null : info.getMemoryUsageAfterGc().get(oldPool);
            if (after != null && info.getEndTime() > latestEnd) {
                latestEnd = info.getEndTime();
                value = after.getUsed();
            }
        }
        return value;
    }

    /**
     * The old pool's collection usage when it changed since the last tick, which only a collection
     * covering it updates where a collector covers it in part; else null.
     */
    private Long latestPartialCollection() {
        if (partlyCoveredPool == null) {
            return null;
        }
        long usage = collectionUsage(partlyCoveredPool);
        if (usage == seenCollectionUsage) {
            return null;
        }
        seenCollectionUsage = usage;
        return usage;
    }

    private static long collectionUsage(MemoryPoolMXBean pool) {
        MemoryUsage u = pool == null ? null : pool.getCollectionUsage();
        return u == null ? -1 : u.getUsed();
    }

    @Override
    public void close() {
        oldCollectors.clear();
        partlyCoveredPool = null;
    }
}
