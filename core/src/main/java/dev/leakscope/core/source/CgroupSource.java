package dev.leakscope.core.source;

import dev.leakscope.core.cgroup.CgroupReader;
import dev.leakscope.core.proc.ProcFs;
import dev.leakscope.core.sample.Availability;
import dev.leakscope.core.sample.Sample;
import dev.leakscope.core.sample.SignalSource;
import dev.leakscope.core.sample.Signals;
import java.io.IOException;
import java.util.List;
import java.util.OptionalLong;

/**
 * cgroup_current and cgroup_oom_kills of the process's memory cgroup: in Kubernetes the cgroup,
 * not the process, is what gets a pod killed. The cgroup is resolved once, at probe time.
 */
public final class CgroupSource implements SignalSource {

    private static final List<String> SIGNALS = List.of(Signals.CGROUP_CURRENT, Signals.CGROUP_OOM_KILLS);

    private final ProcFs proc;
    private final int pid;
    private CgroupReader reader;

    public CgroupSource(ProcFs proc, int pid) {
        this.proc = proc;
        this.pid = pid;
    }

    @Override
    public String name() {
        return reader == null ? "memory cgroup of " + pid : reader.cgroup().dir().toString();
    }

    @Override
    public List<String> signals() {
        return SIGNALS;
    }

    @Override
    public Availability probe() {
        try {
            reader = CgroupReader.locate(proc, pid);
            reader.usage();
            Availability a = Availability.of(SIGNALS);
            if (reader.oomKills().isEmpty()) {
                a.without(Signals.CGROUP_OOM_KILLS, "kernel older than 4.13: no oom_kill count in "
                        + reader.cgroup().version().eventsFile());
            }
            return a;
        } catch (IOException | RuntimeException e) {
            return Availability.none(SIGNALS, e instanceof IOException io ? ProcFs.describe(io) : e.toString());
        }
    }

    @Override
    public void read(Sample.Builder out) throws IOException {
        out.put(Signals.CGROUP_CURRENT, reader.usage());
        OptionalLong kills = reader.oomKills();
        if (kills.isPresent()) {
            out.put(Signals.CGROUP_OOM_KILLS, kills.getAsLong());
        }
    }

    /** The resolved cgroup, for limits; {@code null} before a successful probe. */
    public CgroupReader reader() {
        return reader;
    }
}
