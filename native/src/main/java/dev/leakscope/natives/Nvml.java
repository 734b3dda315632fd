package dev.leakscope.natives;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * JNA mapping of the parts of NVML ({@code libnvidia-ml.so.1}) that leakscope reads, named exactly
 * as in {@code nvml.h}. Every function returns an {@code nvmlReturn_t}; see {@link NvmlReturn}.
 *
 * <p>Load it through {@link NativeLibraries#nvml()}, which turns a missing library into a value.
 * A function absent from an older driver throws {@link UnsatisfiedLinkError} when called; check
 * with {@link Loaded#missing(String)} first.
 */
public interface Nvml extends Library {

    /** The soname NVML is loaded by; the unversioned {@code .so} exists only with the dev package. */
    String LIBRARY = "nvidia-ml";
    String SONAME = "libnvidia-ml.so.1";

    /** {@code NVML_DEVICE_NAME_V2_BUFFER_SIZE}. */
    int NVML_DEVICE_NAME_V2_BUFFER_SIZE = 96;

    int nvmlInit_v2();

    int nvmlShutdown();

    String nvmlErrorString(int result);

    int nvmlSystemGetDriverVersion(byte[] version, int length);

    int nvmlDeviceGetCount_v2(IntByReference deviceCount);

    int nvmlDeviceGetHandleByIndex_v2(int index, PointerByReference device);

    int nvmlDeviceGetName(Pointer device, byte[] name, int length);

    int nvmlDeviceGetMemoryInfo(Pointer device, nvmlMemory_t memory);

    int nvmlDeviceGetComputeRunningProcesses_v3(Pointer device, IntByReference infoCount, nvmlProcessInfo_t[] infos);

    int nvmlDeviceGetComputeRunningProcesses_v2(Pointer device, IntByReference infoCount, nvmlProcessInfo_t[] infos);

    int nvmlDeviceGetComputeRunningProcesses(Pointer device, IntByReference infoCount, nvmlProcessInfo_v1_t[] infos);

    int nvmlDeviceGetGraphicsRunningProcesses_v3(Pointer device, IntByReference infoCount, nvmlProcessInfo_t[] infos);

    int nvmlDeviceGetGraphicsRunningProcesses_v2(Pointer device, IntByReference infoCount, nvmlProcessInfo_t[] infos);

    int nvmlDeviceGetGraphicsRunningProcesses(Pointer device, IntByReference infoCount, nvmlProcessInfo_v1_t[] infos);

    /** {@code nvmlMemory_t}: device memory in bytes. */
    @Structure.FieldOrder({"total", "free", "used"})
    class nvmlMemory_t extends Structure {
        public long total;
        public long free;
        public long used;
    }

    /**
     * {@code nvmlProcessInfo_t}, the same layout as {@code nvmlProcessInfo_v2_t}; used by the
     * {@code _v2} and {@code _v3} process queries. {@code usedGpuMemory} is
     * {@code NVML_VALUE_NOT_AVAILABLE} (all bits set) when the driver cannot tell.
     */
    @Structure.FieldOrder({"pid", "usedGpuMemory", "gpuInstanceId", "computeInstanceId"})
    class nvmlProcessInfo_t extends Structure {
        public int pid;
        public long usedGpuMemory;
        public int gpuInstanceId;
        public int computeInstanceId;
    }

    /** {@code nvmlProcessInfo_v1_t}, used by the unversioned process queries of old drivers. */
    @Structure.FieldOrder({"pid", "usedGpuMemory"})
    class nvmlProcessInfo_v1_t extends Structure {
        public int pid;
        public long usedGpuMemory;
    }
}
