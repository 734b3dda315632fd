package dev.leakscope.core.jvm;

import com.sun.management.GarbageCollectionNotificationInfo;
import dev.leakscope.core.sample.Availability;
import dev.leakscope.core.sample.Sample;
import dev.leakscope.core.sample.SignalSource;
import dev.leakscope.core.sample.Signals;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * heap_after_gc: the old generation's usage right after a collection that covered it (see
 * {@link OldGenCollections}), from GC notifications. A value appears in the tick after such a
 * collection and is absent otherwise, so every value is a real observation of the live set.
 */
public final class HeapAfterGcSource implements SignalSource {

    private static final List<String> SIGNALS = List.of(Signals.HEAP_AFTER_GC);

    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::onNotification;
    private final AtomicLong latest = new AtomicLong(-1);
    private final AtomicLong collections = new AtomicLong();
    private long reported;
    private volatile String oldPool;

    @Override
    public String name() {
        return "GC notifications";
    }

    @Override
    public List<String> signals() {
        return SIGNALS;
    }

    @Override
    public Availability probe() {
        List<String> heapPools = new ArrayList<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
        oldPool = OldGenCollections.oldPool(heapPools);
        if (oldPool == null) {
            return Availability.none(SIGNALS, "no old-generation pool among " + heapPools);
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                emitters.add(emitter);
            }
        }
        return emitters.isEmpty() ? Availability.none(SIGNALS, "this JVM sends no GC notifications")
                : Availability.of(SIGNALS);
    }

    @Override
    public void read(Sample.Builder out) {
        long count = collections.get();
        if (count != reported) {
            reported = count;
            out.put(Signals.HEAP_AFTER_GC, latest.get());
        }
    }

    private void onNotification(Notification n, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
            return;
        }
        try {
            GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
            var before = info.getGcInfo().getMemoryUsageBeforeGc();
            var after = info.getGcInfo().getMemoryUsageAfterGc();
            if (OldGenCollections.coversOld(info.getGcName(), oldPool, before, after)) {
                latest.set(after.get(oldPool).getUsed());
                collections.incrementAndGet();
            }
        } catch (RuntimeException e) {
            // a malformed notification is skipped; the JMX thread must never see our failure
        }
    }

    @Override
    public void close() {
        for (NotificationEmitter e : emitters) {
            try {
                e.removeNotificationListener(listener);
            } catch (ListenerNotFoundException ignored) {
                // already gone
            }
        }
        emitters.clear();
    }
}
