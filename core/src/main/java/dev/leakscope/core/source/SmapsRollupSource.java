package dev.leakscope.core.source;

import dev.leakscope.core.proc.ProcFs;
import dev.leakscope.core.proc.ProcStatus;
import dev.leakscope.core.proc.SmapsRollup;
import dev.leakscope.core.sample.Availability;
import dev.leakscope.core.sample.Sample;
import dev.leakscope.core.sample.SignalSource;
import dev.leakscope.core.sample.Signals;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.List;

/**
 * uss, pss, pss_anon and anon_huge from {@code /proc/<pid>/smaps_rollup}. A read walks the page
 * tables (about 3 ms per GiB of 4 KiB pages) under the target's mmap lock, so it runs every
 * {@link #DEFAULT_PERIOD} and the sampler backs off further when a read is slow.
 */
public final class SmapsRollupSource implements SignalSource {

    /** Default time between reads. */
    public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(30);

    private static final List<String> SIGNALS = List.of(Signals.USS, Signals.PSS, Signals.PSS_ANON, Signals.ANON_HUGE);

    private final ProcFs proc;
    private final ProcessSet processes;
    private final Duration period;
    private boolean hasPssAnon = true;

    public SmapsRollupSource(ProcFs proc, ProcessSet processes, Duration period) {
        this.proc = proc;
        this.processes = processes;
        this.period = period;
    }

    @Override
    public String name() {
        return "/proc/" + processes.root() + "/smaps_rollup";
    }

    @Override
    public List<String> signals() {
        return SIGNALS;
    }

    @Override
    public Duration period() {
        return period;
    }

    @Override
    public Availability probe() {
        try {
            SmapsRollup rollup = SmapsRollup.parse(proc.read(processes.root(), "smaps_rollup"));
            Availability a = Availability.of(SIGNALS);
            if (rollup.pssAnon() == ProcStatus.ABSENT) {
                hasPssAnon = false;
                a.without(Signals.PSS_ANON, "kernel older than 5.8: smaps_rollup has no Pss_Anon");
            }
            return a;
        } catch (NoSuchFileException e) {
            return Availability.none(SIGNALS, "kernel older than 4.14: no /proc/<pid>/smaps_rollup");
        } catch (IOException e) {
            return Availability.none(SIGNALS, ProcFs.describe(e));
        }
    }

    @Override
    public void read(Sample.Builder out) throws IOException {
        for (int pid : processes.pids()) {
            SmapsRollup rollup;
            try {
                rollup = SmapsRollup.parse(proc.read(pid, "smaps_rollup"));
            } catch (IOException e) {
                if (pid == processes.root()) {
                    throw e;
                }
                continue; // a child that exited, or another user's worker: the tree's sum leaves it out
            }
            out.add(pid, Signals.USS, rollup.uss());
            out.add(pid, Signals.PSS, rollup.pss());
            if (hasPssAnon) {
                out.add(pid, Signals.PSS_ANON, rollup.pssAnon());
            }
            out.add(pid, Signals.ANON_HUGE, rollup.anonHugePages());
        }
    }
}
