package dev.leakscope.core.source;

import dev.leakscope.core.gpu.NvmlSource;
import dev.leakscope.core.jvm.HeapAfterGcSource;
import dev.leakscope.core.jvm.JvmMemorySource;
import dev.leakscope.core.jvm.NmtSource;
import dev.leakscope.core.proc.ProcFs;
import dev.leakscope.core.sample.SignalSource;
import dev.leakscope.core.sample.Signals;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Chooses the signal sources for a process, by platform, in one place. */
public final class Sources {

    /** Tunables of the sources. */
    public record Settings(Duration smapsPeriod, Duration nmtPeriod, NvmlSource.Mode nvml) {
        public static Settings defaults() {
            return new Settings(SmapsRollupSource.DEFAULT_PERIOD, NmtSource.DEFAULT_PERIOD, NvmlSource.Mode.AUTO);
        }

        /** The defaults with another smaps_rollup period. */
        public static Settings smapsEvery(Duration period) {
            return new Settings(period, NmtSource.DEFAULT_PERIOD, NvmlSource.Mode.AUTO);
        }
    }

    private static final List<String> OS_SIGNALS = List.of(Signals.RSS_ANON, Signals.RSS_FILE, Signals.RSS_SHMEM,
            Signals.SWAP, Signals.USS, Signals.PSS, Signals.PSS_ANON, Signals.ANON_HUGE, Signals.CGROUP_CURRENT,
            Signals.CGROUP_OOM_KILLS);
    private static final List<String> GPU_SIGNALS = List.of(Signals.VRAM_PROCESS, Signals.VRAM_DEVICE_USED,
            Signals.VRAM_DEVICE_TOTAL);
    private static final List<String> JVM_SIGNALS = List.of(Signals.HEAP_USED, Signals.HEAP_COMMITTED,
            Signals.HEAP_AFTER_GC, Signals.METASPACE, Signals.DIRECT_BUFFERS, Signals.MAPPED_BUFFERS,
            Signals.NMT_COMMITTED);

    private Sources() {
    }

    /**
     * Sources for any process observed from outside (what {@code watch} reads): OS memory, the
     * cgroup and the GPU. JVM signals are listed as unavailable, since only an agent inside the JVM
     * can read them.
     */
    public static List<SignalSource> external(ProcessSet processes, Settings settings) {
        List<SignalSource> sources = os(processes, settings);
        sources.add(new UnavailableSource(JVM_SIGNALS, "read only inside the JVM: use the agent (-javaagent or attach)"));
        return sources;
    }

    /** Sources for the JVM this code runs in: everything {@link #external} reads, plus the JVM's own. */
    public static List<SignalSource> self(ProcessSet processes, Settings settings) {
        List<SignalSource> sources = os(processes, settings);
        sources.add(new JvmMemorySource());
        sources.add(new HeapAfterGcSource());
        sources.add(new NmtSource(settings.nmtPeriod()));
        return sources;
    }

    private static List<SignalSource> os(ProcessSet processes, Settings settings) {
        List<SignalSource> sources = new ArrayList<>();
        if (Platform.current() == Platform.LINUX) {
            ProcFs proc = ProcFs.SYSTEM;
            sources.add(new ProcStatusSource(proc, processes));
            sources.add(new SmapsRollupSource(proc, processes, settings.smapsPeriod()));
            sources.add(new CgroupSource(proc, processes.root()));
            sources.add(new NvmlSource(proc, processes, settings.nvml()));
        } else {
            sources.add(new OshiRssSource(processes.root()));
            sources.add(new UnavailableSource(OS_SIGNALS, Platform.linuxOnly()));
            sources.add(new UnavailableSource(GPU_SIGNALS, Platform.linuxOnly()));
        }
        return sources;
    }
}
