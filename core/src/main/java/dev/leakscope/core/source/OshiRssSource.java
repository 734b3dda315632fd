package dev.leakscope.core.source;

import dev.leakscope.core.proc.ProcessGoneException;
import dev.leakscope.core.sample.Availability;
import dev.leakscope.core.sample.Sample;
import dev.leakscope.core.sample.SignalSource;
import dev.leakscope.core.sample.Signals;
import java.util.List;
import oshi.SystemInfo;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/** rss off Linux, through OSHI (which uses the platform's own APIs: task_info, GetProcessMemoryInfo). */
final class OshiRssSource implements SignalSource {

    private static final List<String> SIGNALS = List.of(Signals.RSS);

    private final int pid;
    private OperatingSystem os;

    OshiRssSource(int pid) {
        this.pid = pid;
    }

    @Override
    public String name() {
        return "OSHI";
    }

    @Override
    public List<String> signals() {
        return SIGNALS;
    }

    @Override
    public Availability probe() {
        try {
            os = new SystemInfo().getOperatingSystem();
            return os.getProcess(pid) == null ? Availability.none(SIGNALS, "OSHI cannot see process " + pid)
                    : Availability.of(SIGNALS);
        } catch (RuntimeException | LinkageError e) {
            return Availability.none(SIGNALS, "OSHI failed: " + e);
        }
    }

    @Override
    public void read(Sample.Builder out) throws ProcessGoneException {
        OSProcess p = os.getProcess(pid);
        if (p == null) {
            throw new ProcessGoneException(pid, "has exited");
        }
        out.put(Signals.RSS, p.getResidentMemory());
    }
}
