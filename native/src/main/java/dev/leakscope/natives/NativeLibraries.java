package dev.leakscope.natives;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;

/**
 * Lazy, at-most-once loading of the native libraries. Each library is loaded the first time it is
 * asked for, in a holder class, so that merely linking this class loads nothing: on JDK 24 and
 * later, loading JNA prints native-access warnings on the host's stderr.
 */
public final class NativeLibraries {

    private NativeLibraries() {
    }

    /** NVML, or why it is absent, e.g. {@code "NVML not found: libnvidia-ml.so.1 (no NVIDIA driver)"}. */
    public static Loaded<Nvml> nvml() {
        return NvmlHolder.LOADED;
    }

    /** glibc, or why it is absent (e.g. musl or another operating system). */
    public static Loaded<LibC> libc() {
        return LibCHolder.LOADED;
    }

    /**
     * Loads the first of {@code names} that the dynamic loader finds.
     *
     * @param what        the library's name in messages, e.g. "NVML"
     * @param absentHint  what absence usually means, e.g. "no NVIDIA driver"
     */
    static <T extends Library> Loaded<T> load(Class<T> type, String what, String absentHint, String... names) {
        for (String name : names) {
            try {
                NativeLibrary handle = NativeLibrary.getInstance(name);
                return Loaded.of(Native.load(name, type), handle);
            } catch (UnsatisfiedLinkError e) {
                // try the next name; the first name is the one reported
            } catch (LinkageError | RuntimeException e) {
                return Loaded.unavailable(what + " unavailable: JNA could not load (" + e + ")");
            }
        }
        return Loaded.unavailable(what + " not found: " + names[0] + " (" + absentHint + ")");
    }

    private static final class NvmlHolder {
        static final Loaded<Nvml> LOADED = load(Nvml.class, "NVML", "no NVIDIA driver", Nvml.SONAME, Nvml.LIBRARY);
    }

    private static final class LibCHolder {
        static final Loaded<LibC> LOADED = load(LibC.class, "libc", "not a glibc system", "libc.so.6", LibC.LIBRARY);
    }
}
