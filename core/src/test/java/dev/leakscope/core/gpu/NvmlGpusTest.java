package dev.leakscope.core.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.leakscope.core.proc.ProcFs;
import dev.leakscope.core.sample.Availability;
import dev.leakscope.core.sample.Sample;
import dev.leakscope.core.sample.Signals;
import dev.leakscope.core.source.ProcessSet;
import org.junit.jupiter.api.Test;

class NvmlGpusTest {

    @Test
    void errorsNameTheFunctionAndTheCode() {
        assertThat(NvmlError.message("nvmlInit_v2", 9, "Driver Not Loaded"))
                .isEqualTo("nvmlInit_v2 failed: NVML_ERROR_DRIVER_NOT_LOADED (Driver Not Loaded)");
        assertThat(NvmlError.message("nvmlDeviceGetMemoryInfo", 4, null))
                .isEqualTo("nvmlDeviceGetMemoryInfo failed: NVML_ERROR_NO_PERMISSION");
        assertThat(NvmlError.message("nvmlDeviceGetCount_v2", 77, "")).isEqualTo("nvmlDeviceGetCount_v2 failed: nvmlReturn_t 77");
    }

    @Test
    void notAvailableIsNeverANumber() {
        assertThat(NvmlGpus.used(-1L)).isEmpty();
        assertThat(NvmlGpus.used(512L << 20)).hasValue(512L << 20);
        assertThat(NvmlGpus.used(0)).hasValue(0);
    }

    @Test
    void withoutADriverTheSourceSaysWhy() throws Exception {
        String absent = NvmlPresence.absenceReason();
        assumeTrue(absent != null, "an NVIDIA driver is present; see gpuPresentGivesDeviceSignals");
        NvmlSource source = new NvmlSource(ProcFs.SYSTEM, ProcessSet.single((int) ProcessHandle.current().pid()));
        Availability a = source.probe();
        assertThat(a.available()).isEmpty();
        assertThat(a.unavailable()).containsEntry(Signals.VRAM_PROCESS, "NVML not found: libnvidia-ml.so.1 (no NVIDIA driver)");
    }

    @Test
    void gpuPresentGivesDeviceSignals() throws Exception {
        String absent = NvmlPresence.absenceReason();
        assumeTrue(absent == null, "skipped: " + absent);
        NvmlSource source = new NvmlSource(ProcFs.SYSTEM, ProcessSet.single((int) ProcessHandle.current().pid()));
        try {
            Availability a = source.probe();
            assertThat(a.available()).contains(Signals.VRAM_DEVICE_TOTAL, Signals.VRAM_DEVICE_USED);
            Sample.Builder b = new Sample.Builder();
            source.read(b);
            Sample s = b.build(0, 0);
            assertThat(s.get(Signals.VRAM_DEVICE_TOTAL)).isPositive();
            if (a.isAvailable(Signals.VRAM_PROCESS)) {
                assertThat(s.get(Signals.VRAM_PROCESS)).as("this JVM has no CUDA context").isZero();
            }
        } finally {
            source.close();
        }
    }
}
