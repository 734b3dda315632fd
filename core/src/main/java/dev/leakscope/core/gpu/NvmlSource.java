package dev.leakscope.core.gpu;

import dev.leakscope.core.proc.ProcFs;
import dev.leakscope.core.proc.ProcStatus;
import dev.leakscope.core.sample.Availability;
import dev.leakscope.core.sample.Sample;
import dev.leakscope.core.sample.SignalSource;
import dev.leakscope.core.sample.SignalsLost;
import dev.leakscope.core.sample.Signals;
import dev.leakscope.core.source.ProcessSet;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * vram_process (the observed processes' memory summed over devices), vram_device_used and
 * vram_device_total (summed over the devices those processes use, or over all devices while they
 * use none). A process without a CUDA context really uses 0 bytes. A per-process figure the driver
 * cannot give (NVML_VALUE_NOT_AVAILABLE, e.g. without permission) is left out, never reported as a
 * number.
 */
public final class NvmlSource implements SignalSource {

    private static final List<String> SIGNALS = List.of(Signals.VRAM_PROCESS, Signals.VRAM_DEVICE_USED,
            Signals.VRAM_DEVICE_TOTAL);

    /** Whether to read NVML: where a driver is seen (auto), always (on), or never (off). */
    public enum Mode {
        AUTO, ON, OFF
    }

    private final ProcFs proc;
    private final ProcessSet processes;
    private final Mode mode;
    private NvmlGpus gpus;
    private boolean perProcess;
    private String driverFunctions = "";

    public NvmlSource(ProcFs proc, ProcessSet processes) {
        this(proc, processes, Mode.AUTO);
    }

    /** @param mode {@link Mode#ON} also tries where no driver files are seen (drivers installed elsewhere) */
    public NvmlSource(ProcFs proc, ProcessSet processes, Mode mode) {
        this.proc = proc;
        this.processes = processes;
        this.mode = mode;
    }

    @Override
    public String name() {
        return "NVML" + (driverFunctions.isEmpty() ? "" : " (" + driverFunctions + ")");
    }

    @Override
    public List<String> signals() {
        return SIGNALS;
    }

    /**
     * Without a driver, says so at once. With one, NVML is opened at the first read, which the
     * sampler defers to the second tick: loading JNA and initialising the driver takes tens to
     * hundreds of milliseconds, and stays off the path to the first sample. Failures then arrive as
     * notices.
     */
    @Override
    public Availability probe() {
        if (mode == Mode.OFF) {
            return Availability.none(SIGNALS, "switched off by nvml=off");
        }
        String absent = NvmlPresence.absenceReason();
        if (absent != null && mode == Mode.AUTO) {
            return Availability.none(SIGNALS, absent);
        }
        Availability a = Availability.of(SIGNALS);
        String namespaceProblem = pidNamespaceProblem();
        perProcess = namespaceProblem == null;
        if (!perProcess) {
            a.without(Signals.VRAM_PROCESS, namespaceProblem);
        }
        return a;
    }

    @Override
    public boolean deferFirstRead() {
        return true;
    }

    /** Opens NVML on first use. */
    private NvmlGpus gpus() throws NvmlError, NvmlUnavailable {
        if (gpus == null) {
            NvmlGpus opened = NvmlGpus.open();
            if (opened.devices().isEmpty()) {
                opened.close();
                throw new NvmlUnavailable("NVML reports no GPU");
            }
            gpus = opened;
            driverFunctions = gpus.describeFunctions();
        }
        return gpus;
    }

    @Override
    public void read(Sample.Builder out) throws Exception {
        Set<Integer> pids = new HashSet<>(processes.pids());
        long processBytes = 0;
        boolean processKnown = true;
        NvmlError processError = null;
        List<NvmlGpus.Memory> used = new ArrayList<>();
        List<NvmlGpus.Memory> all = new ArrayList<>();
        NvmlGpus gpus = gpus();
        for (NvmlGpus.Device device : gpus.devices()) {
            NvmlGpus.Memory memory = gpus.memory(device);
            all.add(memory);
            boolean ours = false;
            try {
                for (NvmlGpus.ProcessUse use : perProcess ? gpus.processes(device) : List.<NvmlGpus.ProcessUse>of()) {
                    if (pids.contains(use.pid())) {
                        ours = true;
                        OptionalLong bytes = use.usedBytes();
                        processKnown &= bytes.isPresent();
                        processBytes += bytes.orElse(0);
                    }
                }
            } catch (NvmlError e) {
                processError = e; // the device's memory is still known; only the per-process figure is lost
            }
            if (ours) {
                used.add(memory);
            }
        }
        List<NvmlGpus.Memory> devices = used.isEmpty() ? all : used;
        out.put(Signals.VRAM_DEVICE_USED, devices.stream().mapToLong(NvmlGpus.Memory::used).sum());
        out.put(Signals.VRAM_DEVICE_TOTAL, devices.stream().mapToLong(NvmlGpus.Memory::total).sum());
        if (processError != null) {
            perProcess = false;
            throw new SignalsLost(List.of(Signals.VRAM_PROCESS), processError.getMessage());
        }
        if (perProcess && processKnown) {
            out.put(Signals.VRAM_PROCESS, processBytes);
        }
    }

    /** NVML lists host pids; inside a nested PID namespace ours differ and cannot be matched. */
    private String pidNamespaceProblem() {
        try {
            ProcStatus status = ProcStatus.parse(proc.read(processes.root(), "status"));
            if (status.inNestedPidNamespace()) {
                return "process " + processes.root() + " runs in a nested PID namespace (NSpid " + status.nsPids()
                        + "); NVML reports host pids, which cannot be matched to it";
            }
            return null;
        } catch (IOException e) {
            return ProcFs.describe(e);
        }
    }

    @Override
    public void close() {
        if (gpus != null) {
            gpus.close();
            gpus = null;
        }
    }
}
