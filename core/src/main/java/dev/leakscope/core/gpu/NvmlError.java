package dev.leakscope.core.gpu;

import dev.leakscope.natives.NvmlReturn;

/** A failed NVML call, named by function and {@code nvmlReturn_t}, e.g. "nvmlInit_v2 failed: NVML_ERROR_DRIVER_NOT_LOADED". */
public final class NvmlError extends Exception {
    private static final long serialVersionUID = 1L;

    private final int code;

    public NvmlError(String function, int code, String description) {
        super(message(function, code, description));
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The message for {@code function} returning {@code code}; {@code description} is nvmlErrorString's text, if any. */
    public static String message(String function, int code, String description) {
        String name = NvmlReturn.nameOf(code);
        boolean useful = description != null && !description.isBlank() && !description.equals(name);
        return function + " failed: " + name + (useful ? " (" + description + ")" : "");
    }
}
