package dev.leakscope.gpu;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import dev.leakscope.core.gpu.NvmlPresence;
import dev.leakscope.core.gpu.NvmlSource;
import dev.leakscope.core.proc.ProcFs;
import dev.leakscope.core.sample.Availability;
import dev.leakscope.core.sample.Sample;
import dev.leakscope.core.sample.Signals;
import dev.leakscope.core.source.ProcessSet;
import dev.leakscope.core.unit.Units;
import java.util.ArrayList;
import java.util.List;

/**
 * The GPU smoke check run by {@code scripts/gpu-smoke.sh} on a machine with an NVIDIA GPU: this JVM
 * allocates device memory in steps through libcudart, and vram_process, read through NVML, must
 * rise by each step. Exit codes: 0 pass, 1 fail, 77 skipped (no GPU here).
 */
public final class GpuSmoke {

    /** The CUDA runtime functions used, named as in cuda_runtime_api.h. */
    public interface CudaRt extends Library {
        int cudaSetDevice(int device);

        int cudaMalloc(PointerByReference devPtr, long size);

        int cudaFree(Pointer devPtr);

        int cudaDeviceSynchronize();
    }

    private static final long STEP = 256L << 20;
    private static final int STEPS = 4;
    /** The driver rounds allocations up to 2 MiB pages; allow a page either way. */
    private static final long TOLERANCE = 2L << 20;

    private GpuSmoke() {
    }

    public static void main(String[] args) throws Exception {
        String absent = NvmlPresence.absenceReason();
        if (absent != null) {
            System.out.println("SKIP: " + absent);
            System.exit(77);
        }
        NvmlSource nvml = new NvmlSource(ProcFs.SYSTEM, ProcessSet.single((int) ProcessHandle.current().pid()));
        Availability a = nvml.probe();
        System.out.println("NVML: " + nvml.name() + "; available " + a.available() + "; unavailable " + a.unavailable());
        if (!a.isAvailable(Signals.VRAM_PROCESS)) {
            System.out.println("FAIL: vram_process unavailable: " + a.unavailable().get(Signals.VRAM_PROCESS));
            System.exit(1);
        }
        CudaRt cuda = loadCudart();
        print("before any CUDA call", read(nvml));
        check("cudaSetDevice", cuda.cudaSetDevice(0));
        check("cudaFree(0) creates the context", cuda.cudaFree(Pointer.NULL));
        long previous = read(nvml);
        print("CUDA context created", previous);
        List<Pointer> held = new ArrayList<>();
        boolean ok = true;
        for (int i = 1; i <= STEPS; i++) {
            PointerByReference p = new PointerByReference();
            check("cudaMalloc", cuda.cudaMalloc(p, STEP));
            check("cudaDeviceSynchronize", cuda.cudaDeviceSynchronize());
            held.add(p.getValue());
            long now = read(nvml);
            long delta = now - previous;
            boolean stepOk = Math.abs(delta - STEP) <= TOLERANCE;
            ok &= stepOk;
            System.out.printf("step %d: cudaMalloc(%s) -> vram_process %s (%s) %s%n", i, Units.formatBytes(STEP),
                    Units.formatBytes(now), Units.formatDelta(delta), stepOk ? "ok" : "MISMATCH");
            previous = now;
        }
        for (Pointer p : held) {
            check("cudaFree", cuda.cudaFree(p));
        }
        print("after cudaFree of every step", read(nvml));
        nvml.close();
        System.out.println(ok ? "PASS: vram_process rose by each " + Units.formatBytes(STEP) + " step" : "FAIL");
        System.exit(ok ? 0 : 1);
    }

    private static long read(NvmlSource nvml) throws Exception {
        Sample.Builder b = new Sample.Builder();
        nvml.read(b);
        Sample s = b.build(0, 0);
        return s.get(Signals.VRAM_PROCESS);
    }

    private static void print(String what, long vram) {
        System.out.println(what + ": vram_process " + Units.formatBytes(vram));
    }

    private static CudaRt loadCudart() {
        for (String name : List.of("cudart", "libcudart.so.13", "libcudart.so.12", "libcudart.so.11.0")) {
            try {
                return Native.load(name, CudaRt.class);
            } catch (UnsatisfiedLinkError e) {
                // next name
            }
        }
        System.out.println("FAIL: libcudart not found (set LD_LIBRARY_PATH to CUDA's lib directory)");
        System.exit(1);
        return null;
    }

    private static void check(String call, int rc) {
        if (rc != 0) {
            System.out.println("FAIL: " + call + " returned cudaError " + rc);
            System.exit(1);
        }
    }
}
