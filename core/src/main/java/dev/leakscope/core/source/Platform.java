package dev.leakscope.core.source;

import dev.leakscope.core.proc.ProcFs;
import java.util.Locale;

/** The one place the platform is decided: Linux with a readable /proc, or anything else (named). */
public enum Platform {
    LINUX, OTHER;

    private static final Platform CURRENT = detect();

    /** The platform this JVM runs on. */
    public static Platform current() {
        return CURRENT;
    }

    private static Platform detect() {
        boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");
        return linux && ProcFs.SYSTEM.exists() ? LINUX : OTHER;
    }

    /** Why a Linux-only signal is missing here, naming this OS. */
    public static String linuxOnly() {
        return "Linux only (this is " + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ")";
    }
}
