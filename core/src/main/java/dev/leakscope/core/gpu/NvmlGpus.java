package dev.leakscope.core.gpu;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import dev.leakscope.natives.Loaded;
import dev.leakscope.natives.NativeLibraries;
import dev.leakscope.natives.Nvml;
import dev.leakscope.natives.NvmlReturn;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * An initialised NVML session: devices, their memory and the processes using them. Each
 * {@link #open()} is paired with {@link #close()} ({@code nvmlInit_v2} / {@code nvmlShutdown}).
 * Process queries use the newest function the driver has: {@code _v3}, then {@code _v2}, then the
 * original.
 */
public final class NvmlGpus implements AutoCloseable {

    /** One GPU. */
    public record Device(int index, Pointer handle, String name) {
    }

    /** Device memory in bytes. */
    public record Memory(long total, long used) {
    }

    /** A process's use of one device; {@code usedBytes} is empty when the driver cannot tell. */
    public record ProcessUse(int pid, OptionalLong usedBytes) {
    }

    private static final int INITIAL_PROCESS_SLOTS = 32;

    private final Nvml nvml;
    private final List<Device> devices;
    private final Variant compute;
    private final Variant graphics;
    private boolean closed;

    private NvmlGpus(Nvml nvml, List<Device> devices, Variant compute, Variant graphics) {
        this.nvml = nvml;
        this.devices = devices;
        this.compute = compute;
        this.graphics = graphics;
    }

    /**
     * Loads and initialises NVML; callers check {@link NvmlPresence} first where JNA should not be
     * loaded without a driver.
     *
     * @throws NvmlError            when a call fails
     * @throws NvmlUnavailable      when the driver or library is absent, with the reason
     */
    public static NvmlGpus open() throws NvmlError, NvmlUnavailable {
        Loaded<Nvml> loaded = NativeLibraries.nvml();
        if (!loaded.isAvailable()) {
            throw new NvmlUnavailable(loaded.unavailableReason());
        }
        for (String required : List.of("nvmlInit_v2", "nvmlDeviceGetCount_v2", "nvmlDeviceGetHandleByIndex_v2")) {
            if (loaded.missing(required).isPresent()) {
                throw new NvmlUnavailable(loaded.missing(required).get() + " (driver too old)");
            }
        }
        Nvml nvml = loaded.library();
        check(nvml, "nvmlInit_v2", nvml.nvmlInit_v2());
        try {
            List<Device> devices = devices(nvml);
            return new NvmlGpus(nvml, devices, Variant.pick(loaded, "Compute"), Variant.pick(loaded, "Graphics"));
        } catch (NvmlError | RuntimeException e) {
            nvml.nvmlShutdown();
            throw e;
        }
    }

    public List<Device> devices() {
        return devices;
    }

    public Memory memory(Device device) throws NvmlError {
        Nvml.nvmlMemory_t memory = new Nvml.nvmlMemory_t();
        check(nvml, "nvmlDeviceGetMemoryInfo", nvml.nvmlDeviceGetMemoryInfo(device.handle(), memory));
        return new Memory(memory.total, memory.used);
    }

    /** Processes with a compute or graphics context on {@code device}; one entry per pid. */
    public List<ProcessUse> processes(Device device) throws NvmlError {
        List<ProcessUse> all = new ArrayList<>(compute.query(nvml, device.handle()));
        for (ProcessUse g : graphics.query(nvml, device.handle())) {
            // a process with both contexts is listed twice with the same allocation: keep the larger
            int existing = indexOf(all, g.pid());
            if (existing < 0) {
                all.add(g);
            } else if (g.usedBytes().orElse(-1) > all.get(existing).usedBytes().orElse(-1)) {
                all.set(existing, g);
            }
        }
        return all;
    }

    /** Which process-query functions this driver offers, e.g. "nvmlDeviceGetComputeRunningProcesses_v3". */
    public String describeFunctions() {
        return compute.function + ", " + graphics.function;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            nvml.nvmlShutdown();
        }
    }

    private static List<Device> devices(Nvml nvml) throws NvmlError {
        IntByReference count = new IntByReference();
        check(nvml, "nvmlDeviceGetCount_v2", nvml.nvmlDeviceGetCount_v2(count));
        List<Device> devices = new ArrayList<>();
        for (int i = 0; i < count.getValue(); i++) {
            PointerByReference handle = new PointerByReference();
            check(nvml, "nvmlDeviceGetHandleByIndex_v2", nvml.nvmlDeviceGetHandleByIndex_v2(i, handle));
            byte[] name = new byte[Nvml.NVML_DEVICE_NAME_V2_BUFFER_SIZE];
            int rc = nvml.nvmlDeviceGetName(handle.getValue(), name, name.length);
            devices.add(new Device(i, handle.getValue(), rc == 0 ? cString(name) : "GPU " + i));
        }
        return devices;
    }

    private static int indexOf(List<ProcessUse> uses, int pid) {
        for (int i = 0; i < uses.size(); i++) {
            if (uses.get(i).pid() == pid) {
                return i;
            }
        }
        return -1;
    }

    static void check(Nvml nvml, String function, int code) throws NvmlError {
        if (code != NvmlReturn.NVML_SUCCESS.code()) {
            String text;
            try {
                text = nvml.nvmlErrorString(code);
            } catch (RuntimeException | LinkageError e) {
                text = null;
            }
            throw new NvmlError(function, code, text);
        }
    }

    /** {@code usedGpuMemory} as a value, or empty for NVML_VALUE_NOT_AVAILABLE. */
    static OptionalLong used(long usedGpuMemory) {
        return usedGpuMemory == NvmlReturn.NVML_VALUE_NOT_AVAILABLE_ULL ? OptionalLong.empty()
                : OptionalLong.of(usedGpuMemory);
    }

    private static String cString(byte[] bytes) {
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    /** An NVML process query with a given struct generation: fills {@code infos}, sets {@code count}. */
    private interface Call<T> {
        int invoke(Nvml nvml, Pointer device, IntByReference count, T[] infos);
    }

    /** One generation of the running-processes query, for compute or graphics contexts, chosen once. */
    private static final class Variant {
        final String function;
        private final Fill fill;

        private interface Fill {
            int call(Nvml nvml, Pointer device, IntByReference count, int slots, List<ProcessUse> out);
        }

        private Variant(String function, Fill fill) {
            this.function = function;
            this.fill = fill;
        }

        static Variant pick(Loaded<Nvml> loaded, String kind) {
            boolean compute = kind.equals("Compute");
            String base = "nvmlDeviceGet" + kind + "RunningProcesses";
            if (loaded.missing(base + "_v3").isEmpty()) {
                return new Variant(base + "_v3", v2Layout(compute ? Nvml::nvmlDeviceGetComputeRunningProcesses_v3
                        : Nvml::nvmlDeviceGetGraphicsRunningProcesses_v3));
            }
            if (loaded.missing(base + "_v2").isEmpty()) {
                return new Variant(base + "_v2", v2Layout(compute ? Nvml::nvmlDeviceGetComputeRunningProcesses_v2
                        : Nvml::nvmlDeviceGetGraphicsRunningProcesses_v2));
            }
            return new Variant(base, v1Layout(compute ? Nvml::nvmlDeviceGetComputeRunningProcesses
                    : Nvml::nvmlDeviceGetGraphicsRunningProcesses));
        }

        private static Fill v2Layout(Call<Nvml.nvmlProcessInfo_t> call) {
            return (nvml, device, count, slots, out) -> {
                Nvml.nvmlProcessInfo_t[] infos = (Nvml.nvmlProcessInfo_t[]) new Nvml.nvmlProcessInfo_t().toArray(slots);
                int rc = call.invoke(nvml, device, count, infos);
                for (int i = 0; rc == 0 && i < count.getValue(); i++) {
                    out.add(new ProcessUse(infos[i].pid, used(infos[i].usedGpuMemory)));
                }
                return rc;
            };
        }

        private static Fill v1Layout(Call<Nvml.nvmlProcessInfo_v1_t> call) {
            return (nvml, device, count, slots, out) -> {
                Nvml.nvmlProcessInfo_v1_t[] infos = (Nvml.nvmlProcessInfo_v1_t[]) new Nvml.nvmlProcessInfo_v1_t().toArray(slots);
                int rc = call.invoke(nvml, device, count, infos);
                for (int i = 0; rc == 0 && i < count.getValue(); i++) {
                    out.add(new ProcessUse(infos[i].pid, used(infos[i].usedGpuMemory)));
                }
                return rc;
            };
        }

        /**
         * The processes on {@code device}. NOT_SUPPORTED (graphics queries on compute-only or MIG
         * devices) means none; a list that grows between calls is asked for again with more room.
         */
        List<ProcessUse> query(Nvml nvml, Pointer device) throws NvmlError {
            int slots = INITIAL_PROCESS_SLOTS;
            for (int attempt = 0; attempt < 4; attempt++) {
                IntByReference count = new IntByReference(slots);
                List<ProcessUse> out = new ArrayList<>();
                int rc = fill.call(nvml, device, count, slots, out);
                if (rc == NvmlReturn.NVML_SUCCESS.code()) {
                    return out;
                }
                if (rc == NvmlReturn.NVML_ERROR_NOT_SUPPORTED.code()) {
                    return List.of();
                }
                if (rc != NvmlReturn.NVML_ERROR_INSUFFICIENT_SIZE.code()) {
                    check(nvml, function, rc);
                }
                slots = Math.max(slots * 2, count.getValue() + 8);
            }
            throw new NvmlError(function, NvmlReturn.NVML_ERROR_INSUFFICIENT_SIZE.code(), "process list kept growing");
        }
    }
}
