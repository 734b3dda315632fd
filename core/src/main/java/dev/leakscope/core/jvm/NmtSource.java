package dev.leakscope.core.jvm;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.leakscope.core.sample.Availability;
import dev.leakscope.core.sample.Sample;
import dev.leakscope.core.sample.SignalSource;
import dev.leakscope.core.sample.Signals;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import javax.management.JMException;

/**
 * nmt_committed: the JVM's Native Memory Tracking total, through the DiagnosticCommand MBean (what
 * {@code jcmd VM.native_memory summary} calls). Only when the JVM runs with
 * {@code -XX:NativeMemoryTracking=summary} or {@code detail}; NMT cannot be switched on later.
 */
public final class NmtSource implements SignalSource {

    /** Default time between reads: a summary walks NMT's tables and takes about a millisecond. */
    public static final Duration DEFAULT_PERIOD = Duration.ofSeconds(10);

    private static final List<String> SIGNALS = List.of(Signals.NMT_COMMITTED);

    private final Duration period;

    public NmtSource(Duration period) {
        this.period = period;
    }

    @Override
    public String name() {
        return "VM.native_memory summary";
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
            HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            String mode = hotspot == null ? "off" : hotspot.getVMOption("NativeMemoryTracking").getValue();
            if (mode.equals("off")) {
                return Availability.none(SIGNALS, "the JVM runs without -XX:NativeMemoryTracking=summary");
            }
            NmtSummary.committedBytes(summary());
            return Availability.of(SIGNALS);
        } catch (JMException | RuntimeException e) {
            return Availability.none(SIGNALS, "VM.native_memory failed: " + e.getMessage());
        }
    }

    @Override
    public void read(Sample.Builder out) throws JMException {
        out.put(Signals.NMT_COMMITTED, NmtSummary.committedBytes(summary()));
    }

    private static String summary() throws JMException {
        return DiagnosticCommands.run("vmNativeMemory", "summary");
    }
}
