package dev.leakscope.core.gpu;

/** NVML cannot be used here; the message says why ("NVML not found: libnvidia-ml.so.1 (no NVIDIA driver)"). */
public final class NvmlUnavailable extends Exception {
    private static final long serialVersionUID = 1L;

    public NvmlUnavailable(String reason) {
        super(reason);
    }
}
