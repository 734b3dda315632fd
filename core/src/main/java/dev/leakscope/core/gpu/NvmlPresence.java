package dev.leakscope.core.gpu;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Tells, without loading JNA, whether an NVIDIA driver is present. JNA is loaded only when it is:
 * on JDK 24 and later, loading JNA prints native-access warnings on the host's stderr, and a host
 * without a GPU should never see them.
 */
public final class NvmlPresence {

    /** The reason NVML is absent on a machine without the driver; the same text as the native loader's. */
    public static final String NO_DRIVER = "NVML not found: libnvidia-ml.so.1 (no NVIDIA driver)";

    private NvmlPresence() {
    }

    /** {@code null} when a driver looks present, or why NVML cannot be there. */
    public static String absenceReason() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (!os.startsWith("linux")) {
            return "NVML is read on Linux only (this is " + System.getProperty("os.name") + ")";
        }
        boolean driver = Files.exists(Path.of("/proc/driver/nvidia/version")) || Files.exists(Path.of("/dev/nvidiactl"));
        return driver ? null : NO_DRIVER;
    }
}
