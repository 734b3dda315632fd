package dev.leakscope.core.detect;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.leakscope.core.cgroup.CgroupReader;
import dev.leakscope.core.proc.KeyValues;
import dev.leakscope.core.proc.ProcFs;
import dev.leakscope.core.sample.Signals;
import dev.leakscope.core.site.SiteKind;
import dev.leakscope.core.unit.Units;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The limit each signal grows towards, for time-to-limit and the urgent path (docs/detection.md):
 * process memory is bounded by the smallest cgroup limit up the process's hierarchy and by physical
 * memory; the heap by -Xmx; direct buffers by -XX:MaxDirectMemorySize (the heap maximum when 0 or
 * unset); metaspace by -XX:MaxMetaspaceSize when set; GPU memory by the device total (learned from
 * samples). {@code --limit signal=size} overrides any of them.
 */
public final class Limits {

    /** Signals bounded by the process's memory: its cgroup and the machine. */
    static final List<String> MEMORY_SIGNALS = List.of(Signals.RSS, Signals.RSS_ANON, Signals.RSS_FILE,
            Signals.RSS_SHMEM, Signals.USS, Signals.PSS, Signals.PSS_ANON, Signals.CGROUP_CURRENT, Signals.NMT_COMMITTED);

    private final Map<String, Long> bySignal = new LinkedHashMap<>();

    public static Limits none() {
        return new Limits();
    }

    /** Limits of a process seen through /proc: the smallest cgroup limit, else physical memory. */
    public static Limits forProcess(ProcFs proc, int pid) {
        Limits limits = new Limits();
        Optional<Long> memory = physicalMemory(proc);
        try {
            Optional<Long> cgroup = CgroupReader.locate(proc, pid).smallestLimit();
            if (cgroup.isPresent()) {
                memory = Optional.of(memory.map(m -> Math.min(m, cgroup.get())).orElse(cgroup.get()));
            }
        } catch (IOException | RuntimeException e) {
            // no cgroup, or one we cannot make sense of: physical memory alone bounds the process
        }
        memory.ifPresent(m -> MEMORY_SIGNALS.forEach(s -> limits.bySignal.put(s, m)));
        return limits;
    }

    /** Adds the JVM's own limits (-Xmx, MaxDirectMemorySize, MaxMetaspaceSize) of the JVM this runs in. */
    public Limits withThisJvm() {
        long heapMax = Runtime.getRuntime().maxMemory();
        if (heapMax != Long.MAX_VALUE) {
            bySignal.put(Signals.HEAP_USED, heapMax);
            bySignal.put(Signals.HEAP_AFTER_GC, heapMax);
        }
        long direct = vmOption("MaxDirectMemorySize");
        bySignal.put(Signals.DIRECT_BUFFERS, direct > 0 ? direct : heapMax);
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getName().equals("Metaspace") && pool.getUsage().getMax() > 0) {
                bySignal.put(Signals.METASPACE, pool.getUsage().getMax());
            }
        }
        return this;
    }

    /** Overrides, e.g. from {@code --limit rss_anon=2GB}; later entries win. */
    public Limits with(Map<String, Long> overrides) {
        bySignal.putAll(overrides);
        return this;
    }

    public Limits with(String signal, long limit) {
        bySignal.put(signal, limit);
        return this;
    }

    /** The limit of {@code signal}, or {@code null}. */
    /**
     * The limit of {@code signal}. A site's is that of the process signal its kind's memory shows
     * in (direct_buffers for direct buffers, rss_anon for native memory), unless given its own.
     */
    public Long of(String signal) {
        Long own = bySignal.get(signal);
        SiteKind kind = own == null ? SiteKind.ofSignal(signal) : null;
        return kind == null ? own : bySignal.get(kind.processSignal());
    }

    public Map<String, Long> asMap() {
        return Collections.unmodifiableMap(bySignal);
    }

    /**
     * Parses one {@code signal=size} override, e.g. {@code rss_anon=2GB}.
     *
     * @throws IllegalArgumentException naming the value and what was expected
     */
    public static Map.Entry<String, Long> parseOverride(String text) {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException(text + " (expected: SIGNAL=SIZE, e.g. rss_anon=2GB)");
        }
        String signal = text.substring(0, eq).trim();
        if (!Signals.isKnown(signal)) {
            throw new IllegalArgumentException(text + " (expected: a known signal before '=', one of "
                    + String.join(", ", Signals.ALL) + ")");
        }
        return Map.entry(signal, Units.parseSize(text.substring(eq + 1)));
    }

    private static Optional<Long> physicalMemory(ProcFs proc) {
        try {
            return Optional.ofNullable(KeyValues.parse(proc.read("meminfo")).get("MemTotal"));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static long vmOption(String name) {
        try {
            HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return hotspot == null ? 0 : Long.parseLong(hotspot.getVMOption(name).getValue());
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
