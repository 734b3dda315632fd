package dev.leakscope.junit;

import dev.leakscope.core.jvm.JvmMemorySource;
import dev.leakscope.core.proc.ProcFs;
import dev.leakscope.core.proc.ProcessGoneException;
import dev.leakscope.core.sample.Signals;
import dev.leakscope.core.source.ProcStatusSource;
import dev.leakscope.core.source.ProcessSet;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The probes of a leak test's signals, and for each signal that cannot be measured here, why. The
 * agent, when sites are asked for, is attached here, before the body's first run.
 *
 * @param agent the agent the sites come from; {@code null} when sites are not measured
 */
record ProbeSet(Map<LeakSignal, Probe> probes, Map<LeakSignal, String> unavailable, AgentSession.Running agent) {

    static ProbeSet open(LeakTestPlan plan) {
        Map<LeakSignal, Probe> probes = new EnumMap<>(LeakSignal.class);
        Map<LeakSignal, String> unavailable = new EnumMap<>(LeakSignal.class);
        AgentSession.Running agent = null;
        for (LeakSignal signal : plan.bounds().keySet()) {
            try {
                if (signal.needsAgent()) {
                    agent = AgentSession.ensureRunning();
                }
                probes.put(signal, probe(signal));
            } catch (Unavailable e) {
                unavailable.put(signal, e.getMessage());
            }
        }
        return new ProbeSet(Collections.unmodifiableMap(probes), Collections.unmodifiableMap(unavailable),
                probes.containsKey(LeakSignal.SITES) ? agent : null);
    }

    private static Probe probe(LeakSignal signal) throws Unavailable {
        switch (signal) {
            case DIRECT_BUFFERS:
                return SourceProbe.of(new JvmMemorySource(), Signals.DIRECT_BUFFERS);
            case SITES:
                return TrackedBytesProbe.open();
            case HEAP_AFTER_GC:
                return HeapAfterGcProbe.open();
            case RSS_ANON:
                return SourceProbe.of(new ProcStatusSource(ProcFs.SYSTEM, thisProcess()), Signals.RSS_ANON);
            default:
                throw new IllegalStateException("no probe for " + signal);
        }
    }

    private static ProcessSet thisProcess() throws Unavailable {
        try {
            return ProcessSet.single((int) ProcessHandle.current().pid());
        } catch (ProcessGoneException e) {
            throw new Unavailable("cannot see this JVM as a process: " + e.getMessage());
        }
    }
}
