package dev.leakscope.core.jvm;

import dev.leakscope.core.sample.Availability;
import dev.leakscope.core.sample.Sample;
import dev.leakscope.core.sample.SignalSource;
import dev.leakscope.core.sample.Signals;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;

/**
 * heap_used, heap_committed, metaspace, direct_buffers and mapped_buffers of the JVM this code
 * runs in, from its MXBeans. Each read is a few hundred nanoseconds.
 */
public final class JvmMemorySource implements SignalSource {

    private static final List<String> SIGNALS = List.of(Signals.HEAP_USED, Signals.HEAP_COMMITTED, Signals.METASPACE,
            Signals.DIRECT_BUFFERS, Signals.MAPPED_BUFFERS);

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private MemoryPoolMXBean metaspace;
    private BufferPoolMXBean direct;
    private BufferPoolMXBean mapped;

    @Override
    public String name() {
        return "JVM memory MXBeans";
    }

    @Override
    public List<String> signals() {
        return SIGNALS;
    }

    @Override
    public Availability probe() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.NON_HEAP && pool.getName().equals("Metaspace")) {
                metaspace = pool;
            }
        }
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                direct = pool;
            } else if (pool.getName().equals("mapped")) {
                mapped = pool;
            }
        }
        Availability a = Availability.of(SIGNALS);
        if (metaspace == null) {
            a.without(Signals.METASPACE, "this JVM has no \"Metaspace\" memory pool");
        }
        if (direct == null) {
            a.without(Signals.DIRECT_BUFFERS, "this JVM has no \"direct\" buffer pool");
        }
        if (mapped == null) {
            a.without(Signals.MAPPED_BUFFERS, "this JVM has no \"mapped\" buffer pool");
        }
        return a;
    }

    @Override
    public void read(Sample.Builder out) {
        MemoryUsage heap = memory.getHeapMemoryUsage();
        out.put(Signals.HEAP_USED, heap.getUsed());
        out.put(Signals.HEAP_COMMITTED, heap.getCommitted());
        if (metaspace != null) {
            out.put(Signals.METASPACE, metaspace.getUsage().getUsed());
        }
        if (direct != null) {
            out.put(Signals.DIRECT_BUFFERS, direct.getMemoryUsed());
        }
        if (mapped != null) {
            out.put(Signals.MAPPED_BUFFERS, mapped.getMemoryUsed());
        }
    }
}
