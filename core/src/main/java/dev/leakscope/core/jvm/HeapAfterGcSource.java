package dev.leakscope.core.jvm;

import com.sun.management.GarbageCollectorMXBean;
import dev.leakscope.core.sample.Availability;
import dev.leakscope.core.sample.Sample;
import dev.leakscope.core.sample.SignalSource;
import dev.leakscope.core.sample.Signals;
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

    private OldGeneration old;
    /** How many collections each of the old generation's collectors had made when last read. */
    private long[] seen;
    /** The collectors that collected since the last tick: kept so that a tick allocates nothing. */
    private final List<GarbageCollectorMXBean> moved = new ArrayList<>();
    private long seenCollectionUsage;

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
        try {
            old = OldGeneration.find();
        } catch (OldGeneration.Missing e) {
            return Availability.none(SIGNALS, e.getMessage());
        }
        List<GarbageCollectorMXBean> collectors = old.collectors();
        seen = new long[collectors.size()];
        for (int i = 0; i < seen.length; i++) {
            seen[i] = collectors.get(i).getCollectionCount();
        }
        seenCollectionUsage = old.collectionUsage();
        return Availability.of(SIGNALS);
    }

    @Override
    public void read(Sample.Builder out) {
        if (old == null) {
            return;
        }
        Long fromOldCollector = latestOldCollection();
        Long fromPartial = latestPartialCollection();
        Long value = fromOldCollector != null ? fromOldCollector : fromPartial;
        if (value != null) {
            out.put(Signals.HEAP_AFTER_GC, value);
        }
    }

    /** The old pool after the latest collection by an old collector since the last tick, or null. */
    private Long latestOldCollection() {
        List<GarbageCollectorMXBean> collectors = old.collectors();
        moved.clear();
        for (int i = 0; i < seen.length; i++) {
            long count = collectors.get(i).getCollectionCount();
            if (count != seen[i]) {
                seen[i] = count;
                moved.add(collectors.get(i));
            }
        }
        return moved.isEmpty() ? null : old.usedAfterLatest(moved);
    }

    /**
     * The old pool's collection usage when it changed since the last tick, which only a collection
     * covering it updates where a collector covers it in part; else null.
     */
    private Long latestPartialCollection() {
        if (!old.partlyCovered()) {
            return null;
        }
        long usage = old.collectionUsage();
        if (usage == seenCollectionUsage) {
            return null;
        }
        seenCollectionUsage = usage;
        return usage;
    }

    @Override
    public void close() {
        old = null;
    }
}
